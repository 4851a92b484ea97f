"""Fixtures shared by every layer of the suite (what they build is in tests/support/)."""
import gc

import pytest
from flask_migrate import stamp

from facilitation import create_app
from facilitation.config import TestConfig
from facilitation.extensions import db
from facilitation.services import accounts
from facilitation.services.events import publisher, register_publisher
from tests import pg
from tests.pg import empty_postgres, pg_redis  # noqa: F401  (fixtures for every layer)
from tests.support.broadcasts import Broadcasts
from tests.support.cafe import make_workshop
from tests.support.server import LiveServer, seed_live_workshop


def _test_app(instance, database_url):
    """The app in test settings on the given database."""
    class Config(TestConfig):
        INSTANCE_PATH = str(instance)
        SQLALCHEMY_DATABASE_URI = database_url
        if database_url.startswith("postgresql"):
            # A test's commits need not wait for the disk: nothing outlives the run.
            SQLALCHEMY_ENGINE_OPTIONS = {**TestConfig.SQLALCHEMY_ENGINE_OPTIONS, "connect_args": {
                "options": "-c synchronous_commit=off"}}
    return create_app(Config)


def _newest_schema(app):
    """Create the tables and stamp them newest: commands that upgrade find nothing to do."""
    with app.app_context():
        db.create_all()
        stamp()


@pytest.fixture(scope="session")
def pg_database(tmp_path_factory):
    """With TEST_DATABASE_URL: one PostgreSQL database of the newest schema for the run,
    dropped at its end; else None."""
    if not pg.TEST_DATABASE_URL:
        yield None
        return
    url = pg.create_database()
    app = _test_app(tmp_path_factory.mktemp("pg"), url)
    _newest_schema(app)
    with app.app_context():
        db.engine.dispose()
    yield url
    pg.drop_database(url)


@pytest.fixture
def app(tmp_path, pg_database):
    """A fresh app on a database of its own: an SQLite file (a file: live threads share
    it), or with TEST_DATABASE_URL the run's PostgreSQL database, emptied."""
    app = _test_app(tmp_path / "instance", pg_database or (
        "sqlite:///" + str(tmp_path / "test.sqlite")))
    if pg_database:
        pg.empty_tables(app, db)
    else:
        _newest_schema(app)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def broadcasts(app):
    """What the app's services publish from now on (still sent to Socket.IO clients)."""
    with app.app_context():
        return register_publisher(app, Broadcasts(publisher()))


@pytest.fixture
def client(app):
    """An HTTP test client."""
    return app.test_client()


@pytest.fixture
def facilitator(app):
    """A facilitator account (id, email, password)."""
    with app.app_context():
        person = accounts.create_facilitator("fasilitaattori@example.fi", "kahvia-ja-pullaa")
        return {"id": person.id, "email": person.email, "password": "kahvia-ja-pullaa"}


@pytest.fixture
def signed_in(client, facilitator):
    """The HTTP client signed in as the facilitator."""
    response = client.post("/login", data={"email": facilitator["email"],
                                           "password": facilitator["password"]})
    assert response.status_code == 302
    return client


@pytest.fixture
def workshop(app, facilitator):
    """A workshop owned by the facilitator."""
    return make_workshop(app, facilitator["id"])


@pytest.fixture
def live_database():
    """The live server's database: its own PostgreSQL database with TEST_DATABASE_URL
    (dropped after the test), else None for the SQLite file in its instance folder."""
    if not pg.TEST_DATABASE_URL:
        yield None
        return
    url = pg.create_database()
    yield url
    pg.drop_database(url)


@pytest.fixture
def live_server(tmp_path, live_database):
    """A running server with a facilitator and a workshop of three tables."""
    server = LiveServer(tmp_path / "instance", database_url=live_database)
    try:
        server.start()
        seed_live_workshop(server)
        yield server
    finally:
        server.kill()
        # Collect the test's orphaned client sockets now, while its warning filters apply.
        gc.collect()


@pytest.fixture
def two_processes(tmp_path, empty_postgres, pg_redis):
    """Two servers of one deployment: one PostgreSQL database, one Redis, one workshop."""
    servers = [LiveServer(tmp_path / f"instance-{i}", database_url=empty_postgres,
                          message_queue=pg_redis.REDIS_URL) for i in range(2)]
    try:
        for server in servers:
            server.instance.mkdir()
            server.start()
        seed_live_workshop(servers[0])
        servers[1].workshop = servers[0].workshop
        yield servers
    finally:
        for server in servers:
            server.kill()
        gc.collect()
