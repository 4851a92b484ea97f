"""Flask CLI commands: accounts, workshops from plans, erasure and the daily clean-up."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from flask_migrate import upgrade
from sqlalchemy import select

from .errors import DomainError, error_message
from .extensions import db
from .models import Facilitator, Workshop
from .plans import PlanError
from .services import accounts, consent, plan_io, retention

facilitator_cli = AppGroup("facilitator", help="Facilitator accounts.")
workshop_cli = AppGroup("workshop", help="Workshops from plan files.")


@facilitator_cli.command("create")
@click.argument("email")
@click.password_option(envvar="KAHVILA_PASSWORD",
                       help="The password (asked for when not given; or KAHVILA_PASSWORD).")
def create_facilitator(email, password):
    """Create a facilitator account."""
    upgrade()  # a fresh instance has no tables yet
    try:
        facilitator = accounts.create_facilitator(email, password)
    except DomainError as error:
        raise click.ClickException(error_message(error.code, **error.params)) from None
    click.echo(f"Created facilitator {facilitator.email}")


@workshop_cli.command("open")
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--facilitator", "email", metavar="EMAIL",
              help="The account that owns the workshop (needed when there are several).")
def open_workshop(plan, email):
    """Open a live workshop from a plan file; print its join code and console path."""
    upgrade()
    owner = _owner(email)
    try:
        workshop = plan_io.open_plan_bytes(owner.id, plan.read_bytes(), str(plan))
    except OSError as error:
        raise click.ClickException(f"{plan}: cannot read the file ({error.strerror})") from None
    except PlanError as error:
        raise click.ClickException(str(error)) from None
    click.echo(workshop.code)
    click.echo(f"/console/{workshop.id}")


def _owner(email):
    """The facilitator named by --facilitator, or the only account there is."""
    if email:
        owner = db.session.scalar(
            select(Facilitator).where(Facilitator.email == email.strip().lower()))
        if owner is None:
            raise click.ClickException(f"no facilitator account has the email {email}")
        return owner
    accounts_found = db.session.scalars(select(Facilitator).limit(2)).all()
    if not accounts_found:
        raise click.ClickException("there is no facilitator account yet; create one with "
                                   "'flask --app app facilitator create EMAIL'")
    if len(accounts_found) > 1:
        raise click.ClickException("there are several facilitator accounts; say whose "
                                   "workshop this is with --facilitator EMAIL")
    return accounts_found[0]


def register(app):
    """Add the project's commands to `flask`."""
    app.cli.add_command(facilitator_cli)
    app.cli.add_command(workshop_cli)
    app.cli.add_command(participant_cli)
    app.cli.add_command(cleanup)


# --- personal data: erasure and retention ----------------------------------------------

participant_cli = AppGroup("participant", help="A participant's personal data.")


@workshop_cli.command("delete")
@click.argument("workshop_id", type=int)
@click.option("--yes", is_flag=True, help="Delete without asking.")
def delete_workshop(workshop_id, yes):
    """Delete a workshop whole: its people, notes, feedback, summary and mail."""
    upgrade()
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        raise click.ClickException(f"no workshop has the id {workshop_id}")
    if not yes:
        click.confirm(f"Delete the workshop {workshop.title!r} ({workshop.code}) and "
                      f"everything in it?", abort=True)
    retention.delete_workshop(workshop_id)
    click.echo(f"Deleted workshop {workshop_id}")


@participant_cli.command("erase")
@click.argument("participant_id", type=int)
def erase_participant(participant_id):
    """Erase one participant's personal data; their notes stay, anonymous."""
    upgrade()
    try:
        consent.erase(consent.find_participant(participant_id))
    except DomainError:
        raise click.ClickException(f"no participant has the id {participant_id}") from None
    click.echo(f"Erased the personal data of participant {participant_id}")


@click.command("cleanup")
@with_appcontext
def cleanup():
    """Delete email addresses kept longer than MAIL_RETENTION_DAYS after sending (run daily)."""
    upgrade()
    done = retention.clean_up()
    click.echo(f"Deleted {done['addresses']} email addresses and blanked {done['mails']} "
               f"in the mail log, in {done['workshops']} workshops past "
               f"{current_app.config['MAIL_RETENTION_DAYS']} days.")
