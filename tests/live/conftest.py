"""Live-server tests cut and kill connections on purpose."""
import gc

import pytest


def pytest_collection_modifyitems(items):
    """Sockets orphaned by a cut transport or a killed server are closed by the garbage
    collector; its warnings about them are expected here, not leaks of the app's own."""
    for item in items:
        if "/tests/live/" in str(item.path):
            item.add_marker(pytest.mark.filterwarnings("ignore::ResourceWarning"))
            item.add_marker(pytest.mark.filterwarnings(
                "ignore::pytest.PytestUnraisableExceptionWarning"))


@pytest.fixture
def pg_redis():
    """PostgreSQL and Redis reachable, or the test is skipped saying which is not."""
    from tests import pg
    reason = pg.unreachable()
    if reason:
        pytest.skip(reason)
    return pg


@pytest.fixture
def empty_postgres(pg_redis):
    """A fresh, empty PostgreSQL database (no tables); dropped after the test."""
    url = pg_redis.create_database()
    yield url
    pg_redis.drop_database(url)


@pytest.fixture
def two_processes(tmp_path, empty_postgres, pg_redis):
    """Two servers of one deployment: one PostgreSQL database, one Redis, one workshop."""
    from tests.conftest import LiveServer, seed_live_workshop
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
