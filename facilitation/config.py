"""Settings read from the environment, with safe defaults for the embedded mode."""
import os
import secrets
from pathlib import Path

from .rules import LANGUAGES


def _env_int(name, default):
    """Read an integer setting, falling back to the default when unset."""
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _env_float(name, default):
    """Read a number setting, falling back to the default when unset."""
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


def _env_list(name):
    """Read a comma-separated setting as a list (empty when unset)."""
    return [part.strip() for part in os.environ.get(name, "").split(",") if part.strip()]


class Config:
    """Production and embedded-default settings."""

    SECRET_KEY = os.environ.get("SECRET_KEY")
    INSTANCE_PATH = os.environ.get("INSTANCE_PATH") or None
    # The address phones use, e.g. http://192.168.1.20:5000 at a venue; else the request's.
    PUBLIC_URL = os.environ.get("PUBLIC_URL") or None
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # The server runs on eventlet only (facilitation/startup.py refuses others).
    ASYNC_MODE = "eventlet"
    MESSAGE_QUEUE = os.environ.get("MESSAGE_QUEUE") or None
    # Redis pub/sub ignores the db number: each deployment needs a channel of its own.
    MESSAGE_QUEUE_CHANNEL = os.environ.get("MESSAGE_QUEUE_CHANNEL") or None
    # Empty means same origin only; never '*' or [] which switch the check off.
    CORS_ALLOWED_ORIGINS = _env_list("CORS_ALLOWED_ORIGINS")
    # eventlet's server takes 1,024 connections unless told otherwise.
    MAX_CONNECTIONS = _env_int("MAX_CONNECTIONS", 5000)
    # A note is short; nothing a client sends needs more than this.
    MAX_HTTP_BUFFER_SIZE = _env_int("MAX_HTTP_BUFFER_SIZE", 64 * 1024)
    # Seconds a connection may stay silent while the server reads from it: a client
    # that announces a body and never sends it gives its slot back. Above the
    # Engine.IO ping interval (25 s), so live websockets are never cut.
    SOCKET_TIMEOUT = _env_int("SOCKET_TIMEOUT", 60)
    NOTE_MAX_LENGTH = _env_int("NOTE_MAX_LENGTH", 280)
    # Presence: each process writes its connection counts and heartbeat this often,
    # and a process silent for the timeout is taken for dead (its phones go offline).
    PRESENCE_FLUSH_SECONDS = _env_float("PRESENCE_FLUSH_SECONDS", 1.0)
    PRESENCE_TIMEOUT_SECONDS = _env_float("PRESENCE_TIMEOUT_SECONDS", 15.0)
    # This process's name in the presence table; the server sets host:port.
    PRESENCE_PROCESS_ID = os.environ.get("PRESENCE_PROCESS_ID") or None
    # Rate limits per person: a burst (an outbox resending after a reconnect),
    # then a steady rate. Far above what a person types; they stop a runaway script.
    NOTES_RATE_PER_MINUTE = _env_int("NOTES_RATE_PER_MINUTE", 30)
    NOTES_BURST = _env_int("NOTES_BURST", 100)
    EVENTS_RATE_PER_MINUTE = _env_int("EVENTS_RATE_PER_MINUTE", 600)
    EVENTS_BURST = _env_int("EVENTS_BURST", 200)
    # Against guessing: failed sign-ins per address and per account, unknown join codes
    # per address and for the whole server (a burst, then so many a minute).
    LOGIN_ADDRESS_BURST = _env_int("LOGIN_ADDRESS_BURST", 20)
    LOGIN_ADDRESS_PER_MINUTE = _env_int("LOGIN_ADDRESS_PER_MINUTE", 10)
    LOGIN_ACCOUNT_BURST = _env_int("LOGIN_ACCOUNT_BURST", 10)
    LOGIN_ACCOUNT_PER_MINUTE = _env_int("LOGIN_ACCOUNT_PER_MINUTE", 2)
    CODE_ADDRESS_BURST = _env_int("CODE_ADDRESS_BURST", 20)
    CODE_ADDRESS_PER_MINUTE = _env_int("CODE_ADDRESS_PER_MINUTE", 10)
    CODE_SERVER_BURST = _env_int("CODE_SERVER_BURST", 300)
    CODE_SERVER_PER_MINUTE = _env_int("CODE_SERVER_PER_MINUTE", 120)
    BABEL_DEFAULT_LOCALE = LANGUAGES[0]
    # Languages with a complete catalogue; the first is the default.
    LANGUAGES = LANGUAGES
    WTF_CSRF_TIME_LIMIT = None  # a facilitator's form may stay open a whole workshop
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
    # How many reverse proxies stand in front (their X-Forwarded-* headers are trusted).
    PROXY_COUNT = _env_int("PROXY_COUNT", 0)
    # Origins allowed to show the board in a frame (e.g. an intranet page); none by default.
    BOARD_FRAME_ANCESTORS = _env_list("BOARD_FRAME_ANCESTORS")
    MAIL_OUTBOX = os.environ.get("MAIL_OUTBOX")
    TESTING = False
    # The summary by email. "outbox" writes .eml files into MAIL_OUTBOX (default
    # instance/outbox/), so the embedded default needs no mail server; "smtp" sends.
    MAIL_TRANSPORT = os.environ.get("MAIL_TRANSPORT", "outbox")
    MAIL_HOST = os.environ.get("MAIL_HOST", "localhost")
    MAIL_PORT = _env_int("MAIL_PORT", 587)
    MAIL_SECURITY = os.environ.get("MAIL_SECURITY", "starttls")  # "starttls", "ssl" or "none"
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_FROM = os.environ.get("MAIL_FROM", "Kahvila <kahvila@localhost>")
    # Seconds to wait for the SMTP server at each step of a conversation.
    MAIL_TIMEOUT = _env_int("MAIL_TIMEOUT", 30)
    # Retries wait MAIL_RETRY_SECONDS, then twice that, and so on (at most an hour).
    MAIL_RETRY_SECONDS = _env_int("MAIL_RETRY_SECONDS", 60)
    MAIL_MAX_ATTEMPTS = _env_int("MAIL_MAX_ATTEMPTS", 8)
    # Email addresses are deleted this many days after the summary was sent.
    MAIL_RETENTION_DAYS = _env_int("MAIL_RETENTION_DAYS", 30)


class TestConfig(Config):
    """Settings for the test suite: threading mode, no CSRF on test forms."""

    TESTING = True
    SECRET_KEY = "test-secret-key"
    ASYNC_MODE = "threading"
    WTF_CSRF_ENABLED = False
    MESSAGE_QUEUE = None


def ensure_secret_key(app):
    """Use SECRET_KEY from the environment, or generate one and keep it in instance/."""
    if app.config.get("SECRET_KEY"):
        return
    key_file = Path(app.instance_path) / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    app.config["SECRET_KEY"] = key_file.read_text().strip()


def default_database_uri(app):
    """The embedded default: an SQLite file in instance/."""
    return "sqlite:///" + str(Path(app.instance_path) / "kahvila.sqlite")
