"""Fixtures shared by every layer of the suite."""
import gc
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from flask_migrate import stamp
from sqlalchemy import select

from facilitation import create_app
from facilitation.config import TestConfig
from facilitation.extensions import db, socketio
from facilitation.models import Event
from facilitation.services import accounts, participants, workshops
from facilitation.services.events import publisher, register_publisher
from tests import pg
from tests.pg import empty_postgres, pg_redis  # noqa: F401  (fixtures for every layer)

ROOT = Path(__file__).resolve().parent.parent


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


class Broadcasts:
    """A publisher that records what the services publish and passes it on to the real one.

    It also checks, on a connection of its own, that each event was committed
    before it was published.
    """

    def __init__(self, forward):
        self.forward = forward
        self.published, self.notices, self.disconnected = [], [], []

    def publish(self, broadcasts):
        """Record the events (after checking they are committed) and emit them."""
        with db.engine.connect() as connection:
            for event in broadcasts:
                stored = connection.scalar(select(Event.type).where(
                    Event.workshop_id == event.workshop_id, Event.seq == event.seq))
                assert stored == event.name, f"{event.name} published before its commit"
        self.published.extend(broadcasts)
        self.forward.publish(broadcasts)

    def notify(self, workshop_id, participant_id, name, payload):
        """Record a notice to one participant and send it."""
        self.notices.append((workshop_id, participant_id, name, payload))
        self.forward.notify(workshop_id, participant_id, name, payload)

    def disconnect(self, workshop_id, participant_id):
        """Record closing one participant's sockets and close them."""
        self.disconnected.append((workshop_id, participant_id))
        self.forward.disconnect(workshop_id, participant_id)

    def disconnect_facilitator(self, facilitator_id):
        """Record closing a facilitator's console sockets and close them."""
        self.disconnected.append(("facilitator", facilitator_id))
        self.forward.disconnect_facilitator(facilitator_id)

    def seen(self, *names):
        """The published events (of these names, or all) as (name, audience, table_id, payload)."""
        return [(b.name, b.audience, b.table_id, b.payload) for b in self.published
                if not names or b.name in names]


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


def make_workshop(app, facilitator_id, title="Hankekahvi", language="fi"):
    """A workshop with two tables in the room and one remote; returns plain ids."""
    with app.app_context():
        workshop = workshops.create_workshop(
            facilitator_id, title,
            tables=[{"name": "Pöytä A"}, {"name": "Pöytä B"},
                    {"name": "Etäpöytä", "remote": True, "video_url": "https://meet.example.fi/x"}],
            topics=[{"title": "Osallisuus", "prompts": ["Mikä toimii?", "Mitä puuttuu?"]},
                    {"title": "Työn opinnollistaminen", "prompts": []},
                    {"title": "Hyvinvointi", "prompts": []}],
            language=language)
        return {"id": workshop.id, "code": workshop.code, "board_key": workshop.board_key,
                "tables": [t.id for t in workshop.tables]}


@pytest.fixture
def workshop(app, facilitator):
    """A workshop owned by the facilitator."""
    return make_workshop(app, facilitator["id"])


def join(app, workshop, name, table_index=0):
    """Join a participant at a table (remotely at a remote one); returns (id, token)."""
    with app.app_context():
        from facilitation.models import CafeTable, Workshop
        table_id = workshop["tables"][table_index]
        person, token = participants.join(
            db.session.get(Workshop, workshop["id"]), name, table_id=table_id,
            remote=db.session.get(CafeTable, table_id).remote)
        return person.id, token


def phone(app, token, **auth):
    """A Socket.IO test client for a participant's phone."""
    return socketio.test_client(app, auth={"role": "participant", "token": token, **auth})


def board(app, workshop):
    """A Socket.IO test client for the projected board."""
    return socketio.test_client(app, auth={"role": "board", "code": workshop["code"],
                                           "key": workshop["board_key"]})


def console(app, client, workshop):
    """A Socket.IO test client for the console, sharing the signed-in HTTP session."""
    return socketio.test_client(app, flask_test_client=client,
                                auth={"role": "console", "workshop_id": workshop["id"]})


def received(socket_client, name):
    """The payloads of the named event that the client received so far."""
    return [m["args"][0] for m in socket_client.get_received() if m["name"] == name]


# --- a real server in a subprocess -------------------------------------------------------

def free_port():
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    """`python app.py` in a subprocess on its own instance folder and port."""

    def __init__(self, instance, port=None, database_url=None, message_queue=None):
        self.instance = Path(instance)
        self.port = port or free_port()
        self.process = None
        # Never the caller's DATABASE_URL or queue: each server is given its own.
        self.env = {key: value for key, value in os.environ.items() if key not in (
            "DATABASE_URL", "MESSAGE_QUEUE", "MESSAGE_QUEUE_CHANNEL", "ASYNC_MODE")}
        self.env.update({"INSTANCE_PATH": str(self.instance), "PORT": str(self.port),
                         "HOST": "127.0.0.1", "SECRET_KEY": "live-test-secret"})
        if database_url:
            self.env["DATABASE_URL"] = database_url
        if message_queue:
            self.env["MESSAGE_QUEUE"] = message_queue

    @property
    def url(self):
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        """Start and wait until it answers HTTP."""
        return self.launch().wait_until_up()

    def launch(self):
        """Start the process without waiting for it."""
        self.log = open(self.instance.parent / f"server-{self.port}.log", "ab")
        self.process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        return self

    def wait_until_up(self):
        """Wait until the launched server answers HTTP; fail with its log if it exits."""
        deadline = time.monotonic() + 90  # a machine busy with other suites starts slowly
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self.read_log()}")
            try:
                requests.get(self.url + "/", timeout=5)
                return self
            except (requests.ConnectionError, requests.Timeout):  # not listening, or busy starting
                time.sleep(0.1)
        raise RuntimeError("server did not start: " + self.read_log())

    def read_log(self):
        """What the server printed so far."""
        self.log.flush()
        return (self.instance.parent / f"server-{self.port}.log").read_text(errors="replace")

    def kill(self, sig=None):
        """Stop the server (SIGTERM, or the given signal) and wait for it."""
        try:
            if self.process and self.process.poll() is None:
                if sig is None:
                    self.process.terminate()
                else:
                    self.process.send_signal(sig)
                self.process.wait(timeout=10)
        finally:
            if getattr(self, "log", None) and not self.log.closed:
                self.log.close()

    def run_python(self, code):
        """Run Python inside the server's app (same database) and return its stdout."""
        script = ("import warnings; warnings.filterwarnings('ignore')\n"
                  "from facilitation import create_app\napp = create_app()\n"
                  "with app.app_context():\n" + "\n".join("    " + line for line in code.splitlines()))
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout


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


def seed_live_workshop(server):
    """Create the live server's facilitator and a workshop of three tables in it."""
    out = server.run_python(
        "from facilitation.services import accounts, workshops\n"
        "f = accounts.create_facilitator('live@example.fi', 'kahvia-ja-pullaa')\n"
        "w = workshops.create_workshop(f.id, 'Live-kahvila', "
        "[{'name': 'Pöytä A'}, {'name': 'Pöytä B'}, {'name': 'Etäpöytä', 'remote': True}], "
        "[{'title': 'Osallisuus', 'prompts': ['Mikä toimii?']}, {'title': 'Tasa-arvo'}, "
        "{'title': 'Hyvinvointi'}])\n"
        "print(w.id, w.code, w.board_key, *[t.id for t in w.tables])")
    fields = out.split()
    server.workshop = {"id": int(fields[0]), "code": fields[1], "board_key": fields[2],
                       "tables": [int(x) for x in fields[3:]], "remote_tables": [2]}


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
