"""Facilitator accounts: the first-run account, sign-in and the CLI."""
from __future__ import annotations

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..errors import DomainError
from ..extensions import db
from ..models import Facilitator

MIN_PASSWORD_LENGTH = 10


def facilitator_count() -> int:
    """How many facilitator accounts exist (zero means first run)."""
    return db.session.scalar(select(func.count(Facilitator.id)))


def create_facilitator(email: str, password: str) -> Facilitator:
    """Create an account with a hashed password."""
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > 254:
        raise DomainError("email_invalid")
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise DomainError("password_too_short", limit=MIN_PASSWORD_LENGTH)
    if db.session.scalar(select(Facilitator.id).where(Facilitator.email == email)):
        raise DomainError("email_taken")
    facilitator = Facilitator(email=email, password_hash=generate_password_hash(password))
    db.session.add(facilitator)
    db.session.commit()
    return facilitator


def authenticate(email: str | None, password: str | None) -> Facilitator | None:
    """The facilitator with this email and password, or None."""
    facilitator = db.session.scalar(
        select(Facilitator).where(Facilitator.email == (email or "").strip().lower()))
    if facilitator and check_password_hash(facilitator.password_hash, password or ""):
        return facilitator
    return None
