"""Flask CLI commands: `flask --app app facilitator create EMAIL`."""
import click
from flask.cli import AppGroup

from .errors import DomainError, error_message
from .services import accounts

facilitator_cli = AppGroup("facilitator", help="Facilitator accounts.")


@facilitator_cli.command("create")
@click.argument("email")
@click.password_option(envvar="KAHVILA_PASSWORD",
                       help="The password (asked for when not given; or KAHVILA_PASSWORD).")
def create_facilitator(email, password):
    """Create a facilitator account."""
    try:
        facilitator = accounts.create_facilitator(email, password)
    except DomainError as error:
        raise click.ClickException(error_message(error.code, **error.params))
    click.echo(f"Created facilitator {facilitator.email}")


def register(app):
    """Add the project's commands to `flask`."""
    app.cli.add_command(facilitator_cli)
