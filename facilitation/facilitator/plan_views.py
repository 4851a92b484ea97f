"""HTTP views of workshop plans: open a shipped or uploaded plan, save a workshop as one."""
import os

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize

from ..plans import PlanError, dump_plan
from ..services import plan_io
from ..web import attachment, own_or_404
from . import bp
from .plan_errors import plan_error_text

MAX_PLAN_KB = 100


class PlanUploadForm(FlaskForm):
    """A plan file of one's own to open as a workshop."""

    plan = FileField(_l("Plan file (.md)"), validators=[
        FileRequired(_l("Choose a plan file.")),
        FileAllowed(["md"], _l("A plan is a Markdown file whose name ends in .md.")),
        FileSize(MAX_PLAN_KB * 1024, message=_l(
            "The file is too large: at most %(limit)s KB.", limit=MAX_PLAN_KB))],
        render_kw={"accept": ".md,text/markdown"})


def _plans_page(form=None, plan_error=None):
    """The plans page, with a 400 status when a plan was refused."""
    form = form or PlanUploadForm()
    status = 400 if plan_error or form.errors else 200
    return render_template("plans.html", plans=plan_io.shipped_plans(), form=form,
                           plan_error=plan_error, max_kb=MAX_PLAN_KB), status


def _opened(workshop):
    """Say the join code and go to the new workshop's console."""
    flash(_("Workshop created. Its join code is %(code)s.", code=workshop.code))
    return redirect(url_for(".console", workshop_id=workshop.id))


@bp.get("/console/plans")
@login_required
def plans():
    """The shipped plans to open, and a form to open a plan file of one's own."""
    return _plans_page()


@bp.post("/console/plans/open")
@login_required
def open_plan():
    """Open a shipped plan, named as in the listing, as a live workshop."""
    try:
        workshop = plan_io.open_shipped_plan(current_user.id, request.form.get("file", ""))
    except PlanError as error:
        return _plans_page(plan_error=plan_error_text(error))
    return _opened(workshop)


@bp.post("/console/plans/upload")
@login_required
def upload_plan():
    """Open an uploaded plan file as a live workshop."""
    form = PlanUploadForm()
    if not form.validate_on_submit():
        return _plans_page(form)
    upload = form.plan.data
    # The name is only shown in messages; the file itself is never stored.
    source = os.path.basename(upload.filename or "") or "plan.md"
    try:
        workshop = plan_io.open_plan_bytes(current_user.id, upload.read(), source)
    except PlanError as error:
        return _plans_page(form, plan_error=plan_error_text(error))
    return _opened(workshop)


@bp.get("/console/<int:workshop_id>/plan.md")
@login_required
def download_plan(workshop_id):
    """Download a workshop as a plan file, to open it again another time."""
    workshop = own_or_404(workshop_id)
    return attachment(dump_plan(plan_io.plan_of(workshop)), "text/markdown; charset=utf-8",
                      plan_io.plan_file_name(workshop))
