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

from facilitation import create_app
from facilitation.config import TestConfig
from facilitation.extensions import db, socketio
from facilitation.services import accounts, participants, workshops

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app(tmp_path):
    """A fresh app on its own SQLite file (a file: live threads share it)."""
    class Config(TestConfig):
        INSTANCE_PATH = str(tmp_path / "instance")
        SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(tmp_path / "test.sqlite")

    app = create_app(Config)
    with app.app_context():
        db.create_all()
        stamp()  # the schema is the newest: commands that upgrade find nothing to do
    yield app
    with app.app_context():
        db.engine.dispose()


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

    def __init__(self, instance, port=None):
        self.instance = Path(instance)
        self.port = port or free_port()
        self.process = None
        self.env = {**os.environ, "INSTANCE_PATH": str(self.instance), "PORT": str(self.port),
                    "HOST": "127.0.0.1", "SECRET_KEY": "live-test-secret"}

    @property
    def url(self):
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        """Start and wait until it answers HTTP."""
        self.log = open(self.instance.parent / f"server-{self.port}.log", "ab")
        self.process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self.read_log()}")
            try:
                requests.get(self.url + "/", timeout=1)
                return self
            except (requests.ConnectionError, requests.Timeout):  # a busy machine answers slowly
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
def live_server(tmp_path):
    """A running server with a facilitator and a workshop of three tables."""
    server = LiveServer(tmp_path / "instance")
    try:
        server.start()
        _seed_live_workshop(server)
        yield server
    finally:
        server.kill()
        # Collect the test's orphaned client sockets now, while its warning filters apply.
        gc.collect()


def _seed_live_workshop(server):
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
