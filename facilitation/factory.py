"""The application factory: binds the extensions, blueprints, CLI and error pages."""
import logging
import os
import sqlite3
from pathlib import Path

from flask import Flask
from flask_wtf.csrf import CSRFError
from sqlalchemy import event

from . import cli, i18n, security
from .board import bp as board_bp
from .config import Config, default_database_uri, ensure_secret_key
from .errors import DomainError, error_message
from .extensions import babel, csrf, db, login_manager, migrate, socketio
from .facilitator import bp as facilitator_bp
from .participant import bp as participant_bp
from .realtime import connection  # noqa: F401  (registers connect, sync, errors)
from .realtime.broadcast import SocketIOPublisher
from .realtime.manager import client_manager
from .realtime.transport import TextPacket, harden
from .services.events import register_publisher
from .startup import queue_channel
from .web import domain_error_response, error_response

ROOT = Path(__file__).resolve().parent.parent


def _settings(config):
    """Read a config class (or a mapping) into a plain dict."""
    config = config or Config
    if isinstance(config, dict):
        return dict(config)
    return {key: getattr(config, key) for key in dir(config) if key.isupper()}


def build_app(config=None):
    """Create and configure the app; see `facilitation.create_app`."""
    settings = _settings(config)
    app = Flask("facilitation", root_path=str(ROOT / "facilitation"),
                instance_path=settings.get("INSTANCE_PATH") or str(ROOT / "instance"),
                template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    app.config.update(settings)
    os.makedirs(app.instance_path, exist_ok=True)
    ensure_secret_key(app)
    if app.config["SECRET_KEY"] == "test-secret-key" and not app.config["TESTING"]:
        raise RuntimeError("Refusing to run with the test secret key outside tests.")
    app.config["SQLALCHEMY_DATABASE_URI"] = (
        app.config.get("SQLALCHEMY_DATABASE_URI") or default_database_uri(app))
    _init_extensions(app)
    # Services commit, then hand their events to this; they know nothing of Socket.IO.
    register_publisher(app, SocketIOPublisher())
    security.install(app)
    app.register_blueprint(participant_bp)
    app.register_blueprint(facilitator_bp)
    app.register_blueprint(board_bp)
    app.add_url_rule("/lang/<lang>", "switch_language", i18n.switch_language)
    cli.register(app)
    _register_error_pages(app)
    app.context_processor(lambda: {
        "current_lang": i18n.select_locale(), "client_strings": i18n.client_strings,
        "organisation_type_label": i18n.organisation_type_label})
    logging.basicConfig(level=logging.INFO)
    return app


def _init_extensions(app):
    """Bind every extension to this app."""
    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _sqlite_pragmas)
    # Batch mode lets later migrations alter SQLite tables (it has no ALTER COLUMN).
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    socketio.init_app(
        app, async_mode=app.config["ASYNC_MODE"], client_manager=client_manager(
            app.config["MESSAGE_QUEUE"], app.config.get("MESSAGE_QUEUE_CHANNEL")
            or queue_channel(app.config["SQLALCHEMY_DATABASE_URI"])),
        cors_allowed_origins=app.config["CORS_ALLOWED_ORIGINS"] or None,
        max_http_buffer_size=app.config["MAX_HTTP_BUFFER_SIZE"], serializer=TextPacket)
    harden(app, socketio)
    translations = Path(app.instance_path) / "translations"
    i18n.compile_catalogues(translations)
    babel.init_app(app, locale_selector=i18n.select_locale,
                   default_translation_directories=str(translations))
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "facilitator.login"
    login_manager.login_message = None


def _sqlite_pragmas(dbapi_connection, _record):
    """WAL lets readers run beside the writer; the busy timeout waits instead of failing."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        # NORMAL in WAL mode survives a killed process; only a power cut can lose the tail.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def _register_error_pages(app):
    """Translated error pages, JSON for JSON requests; a DomainError a view lets rise too."""
    def page(status, code):
        def handler(_error):
            return error_response(status, {"code": code, "message": error_message(code)})
        return handler
    app.register_error_handler(DomainError, domain_error_response)
    app.register_error_handler(403, page(403, "forbidden"))
    app.register_error_handler(404, page(404, "not_found"))
    app.register_error_handler(CSRFError, page(400, "bad_payload"))
    app.register_error_handler(500, page(500, "internal"))
