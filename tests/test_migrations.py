"""The migrations build exactly the schema the models describe."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from facilitation import create_app
from facilitation.config import TestConfig
from facilitation.extensions import db


def test_upgrading_a_fresh_database_matches_the_models(tmp_path):
    class Config(TestConfig):
        INSTANCE_PATH = str(tmp_path / "instance")
        SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(tmp_path / "migrated.sqlite")

    app = create_app(Config)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        db.engine.dispose()
    assert differences == []
