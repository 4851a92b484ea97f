"""HTTP views of the console: first-run account, sign-in, workshops."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..errors import DomainError, error_message
from ..extensions import db, login_manager
from ..models import Facilitator
from ..qr import public_url
from ..services import accounts
from ..services.workshops import create_workshop, owned_workshop, workshops_of
from . import bp
from .forms import LoginForm, SetupForm, WorkshopForm


@login_manager.user_loader
def load_facilitator(user_id):
    """Flask-Login: the signed-in facilitator for a session."""
    return db.session.get(Facilitator, int(user_id))


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    """First run: create the facilitator account (only while there is none)."""
    if accounts.facilitator_count():
        return redirect(url_for(".login"))
    form = SetupForm()
    if form.validate_on_submit():
        try:
            facilitator = accounts.create_facilitator(form.email.data, form.password.data)
        except DomainError as error:
            form.email.errors.append(error_message(error.code, **error.params))
        else:
            login_user(facilitator)
            return redirect(url_for(".workshops"))
    return render_template("setup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in to the console; the first visit goes to account creation."""
    if not accounts.facilitator_count():
        return redirect(url_for(".setup"))
    form = LoginForm()
    if form.validate_on_submit():
        facilitator = accounts.authenticate(form.email.data, form.password.data)
        if facilitator:
            login_user(facilitator)
            return redirect(_safe_next() or url_for(".workshops"))
        form.password.errors.append(_("Wrong email or password."))
    return render_template("login.html", form=form)


def _safe_next():
    """The ?next= target, only when it stays on this site."""
    target = request.args.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else None


@bp.post("/logout")
@login_required
def logout():
    """Sign out."""
    logout_user()
    return redirect(url_for(".login"))


@bp.get("/console")
@login_required
def workshops():
    """The facilitator's workshops."""
    return render_template("workshops.html", workshops=workshops_of(current_user.id))


@bp.route("/console/new", methods=["GET", "POST"])
@login_required
def new_workshop():
    """Create a workshop with its café tables and topics."""
    form = WorkshopForm()
    if request.method == "GET":
        for i, row in enumerate(form.tables[:4]):
            row.form.name.data = _("Table %(number)s", number=i + 1)
    if request.method == "POST" and form.add_row(request.form.get("add_row")):
        return render_template("workshop_form.html", form=form)
    if form.validate_on_submit():
        tables, topics = form.filled_tables(), form.filled_topics()
        if not tables:
            form.tables.errors.append(_("Add at least one table."))
        if not topics:
            form.topics.errors.append(_("Add at least one topic."))
        if tables and topics:
            workshop = create_workshop(current_user.id, form.title.data, tables, topics,
                                       form.date.data, form.place.data, form.language.data,
                                       next_meeting=form.next_meeting.data, **form.timing())
            flash(_("Workshop created. Its join code is %(code)s.", code=workshop.code))
            return redirect(url_for(".console", workshop_id=workshop.id))
    return render_template("workshop_form.html", form=form), 400 if form.errors else 200


def own_or_404(workshop_id):
    """The signed-in facilitator's workshop, or 404 (never another's)."""
    try:
        return owned_workshop(current_user.id, workshop_id)
    except DomainError:
        abort(404)


@bp.get("/console/<int:workshop_id>")
@login_required
def console(workshop_id):
    """The live console of one workshop."""
    workshop = own_or_404(workshop_id)
    return render_template("console.html", workshop=workshop,
                           join_url=public_url("participant.phone", code=workshop.code))


@bp.get("/console/<int:workshop_id>/tents")
@login_required
def tents(workshop_id):
    """Printable table tents, one QR code per table."""
    workshop = own_or_404(workshop_id)
    return render_template("tents.html", workshop=workshop, links={
        t.id: public_url("participant.phone", code=workshop.code, table_id=t.id)
        for t in workshop.tables})
