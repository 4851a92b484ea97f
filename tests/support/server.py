"""Kahvila as users run it: `python app.py` in a subprocess on its own instance and port."""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.support.cafe import ROOT, seed_code


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


def seed_live_workshop(server):
    """Create the live server's facilitator and the suite's café of three tables in it."""
    fields = server.run_python(seed_code("Live-kahvila")).split()
    server.workshop = {"id": int(fields[0]), "code": fields[1], "board_key": fields[2],
                       "tables": [int(x) for x in fields[3:]], "remote_tables": [2]}
