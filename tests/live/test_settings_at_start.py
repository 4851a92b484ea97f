"""Settings that cannot work stop the server at once with one line naming the cure."""
import os
import subprocess
import sys

import pytest

from tests.support.cafe import ROOT
from tests.support.server import free_port

pytestmark = pytest.mark.live

POSTGRES = "postgresql+psycopg2://postgres@127.0.0.1/kahvila_test_never_created"


def start(tmp_path, pythonpath=None, **settings):
    """Run `python app.py` with the settings; return (exit status, stderr lines)."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "MESSAGE_QUEUE", "ASYNC_MODE")}
    env.update(INSTANCE_PATH=str(tmp_path / "instance"), PORT=str(free_port()),
               HOST="127.0.0.1", SECRET_KEY="settings-test-secret", **settings)
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    try:
        done = subprocess.run([sys.executable, "app.py"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the server started instead of refusing the settings")
    return done.returncode, done.stderr.strip().splitlines()


def without(tmp_path, module):
    """A folder that, put first on PYTHONPATH, makes importing the module fail as if
    it were not installed."""
    folder = tmp_path / "without"
    (folder / module).mkdir(parents=True)
    (folder / module / "__init__.py").write_text(
        f"raise ModuleNotFoundError(\"No module named '{module}'\", name='{module}')\n")
    return folder


@pytest.mark.parametrize("settings, module, package", [
    ({"DATABASE_URL": POSTGRES}, "psycopg2", "psycopg2-binary"),
    ({"DATABASE_URL": POSTGRES, "MESSAGE_QUEUE": "redis://127.0.0.1:6379/0"}, "redis", "redis"),
])
def test_a_driver_missing_for_a_set_url_is_one_line_naming_the_package(
        tmp_path, settings, module, package):
    status, lines = start(tmp_path, pythonpath=without(tmp_path, module), **settings)
    assert status == 1
    assert len(lines) == 1, lines
    assert f"pip install {package}" in lines[0] and list(settings)[-1] in lines[0]


def test_a_database_scheme_whose_driver_is_not_installed_names_it(tmp_path):
    status, lines = start(tmp_path, DATABASE_URL="postgresql+pg8000://postgres@127.0.0.1/x")
    assert (status, len(lines)) == (1, 1), lines
    assert "DATABASE_URL needs the Python package pg8000" in lines[0]


def test_a_queue_scheme_whose_driver_is_not_installed_names_it(tmp_path):
    status, lines = start(tmp_path, DATABASE_URL=POSTGRES, MESSAGE_QUEUE="amqp://127.0.0.1//")
    assert (status, len(lines)) == (1, 1), lines
    assert "MESSAGE_QUEUE needs the Python package kombu" in lines[0]


@pytest.mark.parametrize("mode", ["gevent", "threading", "Työllisyyspalveluiden"])
def test_an_async_mode_other_than_eventlet_is_refused(tmp_path, mode):
    status, lines = start(tmp_path, ASYNC_MODE=mode)
    assert (status, len(lines)) == (1, 1), lines
    assert f"ASYNC_MODE={mode} is not supported" in lines[0] and "eventlet" in lines[0]


@pytest.mark.parametrize("database", [None, "sqlite:////tmp/kahvila-yhteinen.sqlite"])
def test_sqlite_with_a_message_queue_is_refused(tmp_path, database):
    settings = {"MESSAGE_QUEUE": "redis://127.0.0.1:6379/0"}
    if database:
        settings["DATABASE_URL"] = database
    status, lines = start(tmp_path, **settings)
    assert (status, len(lines)) == (1, 1), lines
    assert "cannot share SQLite" in lines[0] and "PostgreSQL" in lines[0]
