"""Live-server tests cut and kill connections on purpose."""
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
