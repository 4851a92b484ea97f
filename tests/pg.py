"""PostgreSQL and Redis for the tests: fresh databases named kahvila_test_*, dropped after.

`TEST_DATABASE_URL` (e.g. postgresql+psycopg2://postgres@127.0.0.1/test) names the server
and a database to connect to for CREATE/DROP DATABASE; the multi-process live tests use it,
or that example when unset, and `TEST_REDIS_URL` (default redis://127.0.0.1:6379/0).
"""
import itertools
import os
import sys

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL") or None
ADMIN_URL = TEST_DATABASE_URL or "postgresql+psycopg2://postgres@127.0.0.1/test"
REDIS_URL = os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/0"
_names = itertools.count(1)


def _connect(url=ADMIN_URL):
    """An autocommit psycopg2 connection (CREATE DATABASE runs outside transactions)."""
    import psycopg2
    parsed = make_url(url)
    connection = psycopg2.connect(host=parsed.host, port=parsed.port, user=parsed.username,
                                  password=parsed.password, dbname=parsed.database,
                                  connect_timeout=3)
    connection.autocommit = True
    return connection


def unreachable():
    """Why PostgreSQL or Redis cannot be used by the tests, or None when both answer."""
    try:
        _connect().close()
    except Exception as error:  # noqa: BLE001  (any failure means: skip, saying why)
        return f"PostgreSQL at {make_url(ADMIN_URL).render_as_string()} is unreachable: {error}"
    try:
        import redis
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception as error:  # noqa: BLE001
        return f"Redis at {REDIS_URL} is unreachable: {error}"
    return None


def create_database(template=None):
    """Create a fresh database (a copy of the template when given); return its URL."""
    name = f"kahvila_test_{os.getpid()}_{next(_names)}"
    connection = _connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            copy = f' TEMPLATE "{make_url(template).database}"' if template else ""
            cursor.execute(f'CREATE DATABASE "{name}"{copy}')
    finally:
        connection.close()
    return make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def drop_database(url):
    """Drop a test database, closing whatever is still connected to it."""
    name = make_url(url).database
    assert name.startswith("kahvila_test_"), name
    connection = _connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        connection.close()


def empty_tables(app, db):
    """Delete every row but the schema's version and restart the id sequences, so a
    test finds the database as new (far faster than CREATE DATABASE on a slow disk)."""
    with app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.execute(text(
            "DO $$ DECLARE s record; BEGIN FOR s IN SELECT sequencename FROM pg_sequences "
            "WHERE schemaname = current_schema() LOOP "
            "EXECUTE format('ALTER SEQUENCE %I RESTART', s.sequencename); END LOOP; END $$"))
        db.session.commit()


@pytest.fixture
def pg_redis():
    """PostgreSQL and Redis reachable, or the test is skipped saying which is not."""
    reason = unreachable()
    if reason:
        pytest.skip(reason)
    return sys.modules[__name__]


@pytest.fixture
def empty_postgres(pg_redis):
    """A fresh, empty PostgreSQL database (no tables); dropped after the test."""
    url = create_database()
    yield url
    drop_database(url)
