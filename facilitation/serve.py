"""Start-up of the real server: the listening socket and the database."""
import errno
import fcntl
import socket
import zlib
from contextlib import contextmanager
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import text

from .collector import tune_collector
from .condense import preload
from .condense.features import WARMING
from .extensions import db, socketio
from .mail.worker import start_mail_worker
from .realtime.presence import start_presence
from .security import setup_code
from .services.accounts import facilitator_count


def open_listener(host, port, backlog=2048):
    """Bind the server's socket, failing clearly when the port is taken.

    eventlet's own `listen` sets SO_REUSEPORT, so a second server on a busy
    port would start silently and steal half the clients; this socket does
    not. TCP_NODELAY is inherited by accepted sockets: small frames such as
    acks go out at once instead of waiting for Nagle and delayed ACK.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        listener.bind((host, port))
    except OSError as error:
        listener.close()
        if error.errno == errno.EADDRINUSE:
            raise OSError(f"Port {port} on {host} is already in use: is Kahvila already "
                          f"running? Stop it or choose another port with PORT=.") from None
        raise
    listener.listen(backlog)
    return listener


#: The PostgreSQL advisory lock key that start-ups hold while they upgrade the schema.
MIGRATION_LOCK_KEY = zlib.crc32(b"kahvila schema upgrade")


@contextmanager
def migration_lock():
    """Hold a lock that one process at a time can have across the start-up upgrade:
    processes started together on an empty database would each create the tables.

    PostgreSQL: a session advisory lock. SQLite: an exclusive file lock beside the
    database file (its own locks are per statement, not per migration).
    """
    engine = db.engine
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            connection.commit()  # the lock belongs to the session; no transaction stays open
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"),
                                   {"key": MIGRATION_LOCK_KEY})
                connection.commit()
    elif engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        with open(Path(engine.url.database).with_suffix(".migrate-lock"), "a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)  # released when the file closes
            yield
    else:
        yield


def prepare(app, listener=None):
    """Bring the database schema up to date (one process at a time), start counting
    presence, start sending the mail that is due (including mail a stopped run left),
    and tune the garbage collector for long-lived connections.

    Presence is kept per process, named host:port of the listener: a restart
    on the same port clears only the rows its previous run left, never those
    of another process serving the same database.
    """
    with app.app_context():
        with migration_lock():
            upgrade()
        if not facilitator_count():
            setup_code(app)
    if listener is not None and not app.config.get("PRESENCE_PROCESS_ID"):
        app.config["PRESENCE_PROCESS_ID"] = f"{socket.gethostname()}:{listener.getsockname()[1]}"
    start_presence(app)
    start_mail_worker(app)
    tune_collector(socketio)
    socketio.start_background_task(_load_dictionaries)


def _load_dictionaries():
    """Load the lemmatiser's dictionaries in an OS thread once the server answers.

    Loading takes seconds; in the event loop the first "same idea" suggestion would stall
    every connection meanwhile. Until they are loaded, suggestions answer nothing.
    """
    WARMING["busy"] = True
    socketio.sleep(5)  # the first requests first: a starting server is busy enough
    try:
        from eventlet import tpool
        tpool.execute(preload)
    except ImportError:  # another async mode: a background task is a thread already
        preload()
    finally:
        WARMING["busy"] = False
    print("Condensing dictionaries loaded", flush=True)
