"""Extensions created unbound; the factory binds each to the app."""
from datetime import datetime, timezone

from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import DateTime
from sqlalchemy.orm import DeclarativeBase, registry
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """A time stored as naive UTC (the column type is unchanged) and read back aware, in UTC.

    SQLite keeps no zone and hands times back naive; this is the one place that says they
    are UTC, so no code compares a naive time with an aware one.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        """Aware times are converted to UTC; naive ones are taken as UTC already."""
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        """The stored time, marked as UTC."""
        return value.replace(tzinfo=timezone.utc) if value is not None else None


class Base(DeclarativeBase):
    """Declarative base shared by every model; every `Mapped[datetime]` is a UTC time."""

    registry = registry(type_annotation_map={datetime: UTCDateTime})


# Objects keep their values after a commit: the ack and the broadcast are built from
# what was just written, without reading every row back (one SELECT each otherwise).
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})
migrate = Migrate()
socketio = SocketIO()
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
