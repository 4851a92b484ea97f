"""HTTP views of the console: first-run account, sign-in, workshops."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from .. import security, throttle
from ..errors import DomainError, error_message
from ..extensions import login_manager
from ..qr import public_url
from ..security import safe_next
from ..services import accounts
from ..services.workshops import create_workshop, workshops_of
from ..web import own_or_404
from . import bp
from .forms import LoginForm, SetupForm, WorkshopForm


@login_manager.user_loader
def load_facilitator(user_id):
    """Flask-Login: the signed-in facilitator for a session of the current generation."""
    return accounts.facilitator_of_session(user_id)


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    """First run: create the facilitator account (only while there is none, with the setup code)."""
    if accounts.facilitator_count():
        return redirect(url_for(".login"))
    form = SetupForm()
    security.setup_code(current_app)  # made and printed on the console if not yet
    if form.validate_on_submit():
        if not security.setup_code_matches(current_app, form.code.data):
            form.code.errors.append(_("The setup code is wrong: it is printed on the server's console."))
            return render_template("setup.html", form=form), 403
        try:
            facilitator = accounts.create_facilitator(form.email.data, form.password.data)
        except DomainError as error:
            form.email.errors.append(error_message(error.code, **error.params))
        else:
            security.forget_setup_code(current_app)
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
        keys = throttle.login_keys(form.email.data)
        try:
            throttle.refuse_when_throttled("login", keys)
        except throttle.Throttled as error:
            return _login_refused(form, error)
        facilitator = accounts.authenticate(form.email.data, form.password.data)
        if facilitator:
            login_user(facilitator)
            return redirect(safe_next(request.args.get("next"), url_for(".workshops")))
        throttle.count_attempt("login", keys)
        form.password.errors.append(_("Wrong email or password."))
    return render_template("login.html", form=form)


def _login_refused(form, error):
    """The sign-in page saying to wait: 429 with Retry-After."""
    form.password.errors.append(error_message(error.code, **error.params))
    return render_template("login.html", form=form), 429, {"Retry-After": str(error.retry_after)}


@bp.post("/logout")
@login_required
def logout():
    """Sign out: this and every other copy of the session end, the console's sockets close."""
    accounts.end_sessions(current_user)
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
