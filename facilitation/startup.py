"""Checks of the scale-out settings before anything is built: each problem is one line.

A fresh clone given `DATABASE_URL` or `MESSAGE_QUEUE` without the driver would otherwise
fail deep in a traceback (the database) or start and drop every broadcast (the queue).
"""
import importlib
import sys
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

#: The pip package that brings a driver module, where the two names differ.
PACKAGES = {"psycopg2": "psycopg2-binary", "MySQLdb": "mysqlclient", "kafka": "kafka-python",
            "zmq": "pyzmq"}
#: The module Flask-SocketIO's queue needs, by the queue URL's scheme (else kombu).
QUEUE_MODULES = {"redis": "redis", "rediss": "redis", "redis+sentinel": "redis",
                 "valkey": "valkey", "valkeys": "valkey", "valkey+sentinel": "valkey",
                 "kafka": "kafka", "zmq+tcp": "zmq", "zmq+ipc": "zmq"}
#: The one async mode the server runs on (tests build the app in threading mode).
ASYNC_MODE = "eventlet"


def _missing_module(module):
    """The module's name when importing it fails, else None."""
    try:
        importlib.import_module(module)
    except ImportError as error:
        return error.name or module
    return None


def _install_hint(setting, module):
    """One line naming the package that brings the missing module."""
    package = PACKAGES.get(module, module)
    return (f"{setting} needs the Python package {package} (No module named {module!r}): "
            f"pip install {package}")


def database_problem(url):
    """Why the database URL cannot be used here, or None."""
    try:
        dialect = make_url(url).get_dialect()
    except (ArgumentError, NoSuchModuleError) as error:
        return f"DATABASE_URL is not a database URL SQLAlchemy knows: {error}"
    try:
        dialect.import_dbapi()
    except ImportError as error:
        return _install_hint("DATABASE_URL", error.name or "the driver")
    return None


def queue_problem(url):
    """Why the message queue URL cannot be used here, or None."""
    scheme = urlsplit(url).scheme.lower()
    missing = _missing_module(QUEUE_MODULES.get(scheme, "kombu"))
    return _install_hint("MESSAGE_QUEUE", missing) if missing else None


def queue_channel(database_uri):
    """The default message-queue channel: `kahvila-<database name>`, so that two
    deployments on one Redis (which ignores db numbers in pub/sub) never cross."""
    name = make_url(database_uri).database or "memory"
    return "kahvila-" + name.rsplit("/", 1)[-1].removesuffix(".sqlite")


def settings_problems(environ):
    """Every reason the server cannot start with these settings, in order."""
    database, queue = environ.get("DATABASE_URL"), environ.get("MESSAGE_QUEUE")
    mode = environ.get("ASYNC_MODE") or ASYNC_MODE
    problems = []
    if mode != ASYNC_MODE:
        problems.append(f"ASYNC_MODE={mode} is not supported: Kahvila serves with eventlet "
                        f"only (unset ASYNC_MODE).")
    if database:
        problems.append(database_problem(database))
    if queue:
        problems.append(queue_problem(queue))
        if not database or database.startswith("sqlite"):
            problems.append(
                "MESSAGE_QUEUE joins several processes, and they cannot share SQLite (one "
                "holds its write lock and stalls the others): set DATABASE_URL to PostgreSQL, "
                "or unset MESSAGE_QUEUE for one process.")
    return [problem for problem in problems if problem]


def check_settings(environ):
    """Stop with the first problem as one line on stderr and exit status 1."""
    problems = settings_problems(environ)
    if problems:
        print(f"Kahvila cannot start: {problems[0]}", file=sys.stderr, flush=True)
        sys.exit(1)
