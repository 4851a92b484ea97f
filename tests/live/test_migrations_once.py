"""Processes started together on an empty database bring its schema up once and all come up."""
import pytest

from tests.support.server import LiveServer

pytestmark = pytest.mark.live


def start_together(tmp_path, database_url, count=2):
    """Launch the servers at the same moment on one database; wait for all of them."""
    servers = [LiveServer(tmp_path / f"instance-{i}", database_url=database_url)
               for i in range(count)]
    for server in servers:
        server.instance.mkdir()
        server.launch()
    return servers


def newest_revision(server):
    """The schema revision the database is at, read through the server's own settings."""
    return server.run_python(
        "from alembic.migration import MigrationContext\n"
        "from facilitation.extensions import db\n"
        "with db.engine.connect() as c:\n"
        "    print(MigrationContext.configure(c).get_current_heads())").strip()


def heads():
    """The newest revision in migrations/."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from tests.support.cafe import ROOT
    config = Config()
    config.set_main_option("script_location", str(ROOT / "migrations"))
    return str(tuple(ScriptDirectory.from_config(config).get_heads()))


def check_all_come_up(servers):
    """Every server answers, and the database is at the newest revision."""
    try:
        for server in servers:
            server.wait_until_up()
        assert newest_revision(servers[0]) == heads()
    finally:
        for server in servers:
            server.kill()


def test_two_processes_started_at_once_on_empty_sqlite_both_come_up(tmp_path):
    check_all_come_up(start_together(tmp_path, "sqlite:///" + str(tmp_path / "shared.sqlite")))


def test_two_processes_started_at_once_on_empty_postgresql_both_come_up(tmp_path, empty_postgres):
    check_all_come_up(start_together(tmp_path, empty_postgres))
