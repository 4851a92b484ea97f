"""Settings read from the environment, with safe defaults for the embedded mode."""
import os
import secrets
from pathlib import Path

#: The organisation types a participant can pick when joining (shown translated).
ORGANISATION_TYPES = (
    "ngo", "municipality", "wellbeing_area", "vitality_centre", "college", "company", "other",
)


def _env_int(name, default):
    """Read an integer setting, falling back to the default when unset."""
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


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
    NOTE_MAX_LENGTH = _env_int("NOTE_MAX_LENGTH", 280)
    # Rate limits per person: a burst (an outbox resending after a reconnect),
    # then a steady rate. Far above what a person types; they stop a runaway script.
    NOTES_RATE_PER_MINUTE = _env_int("NOTES_RATE_PER_MINUTE", 30)
    NOTES_BURST = _env_int("NOTES_BURST", 100)
    EVENTS_RATE_PER_MINUTE = _env_int("EVENTS_RATE_PER_MINUTE", 600)
    EVENTS_BURST = _env_int("EVENTS_BURST", 200)
    BABEL_DEFAULT_LOCALE = "fi"
    # Languages with a complete catalogue; the first is the default.
    LANGUAGES = ("fi", "sv", "en")
    WTF_CSRF_TIME_LIMIT = None  # a facilitator's form may stay open a whole workshop
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
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
