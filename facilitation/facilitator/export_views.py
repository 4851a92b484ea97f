"""HTTP views of exports: download a workshop as JSON or CSV, import a JSON export."""
import json

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize

from ..errors import DomainError, error_message
from ..services import export, import_
from ..web import attachment, own_or_404
from . import bp

MAX_IMPORT_MB = 5

# Messages for the import's own error codes; the others come from errors.MESSAGES.
IMPORT_MESSAGES = {
    "import_not_json": _l("The file is not a workshop export: it is not JSON text."),
    "import_not_export": _l("The file is JSON, but not a workshop export made by Kahvila."),
    "import_version": _l("The export is of a newer format (version %(version)s) than this "
                         "server reads. Update Kahvila and try again."),
    "import_invalid": _l("The export is damaged or incomplete at %(where)s. Export the "
                         "workshop again and import the new file."),
}


class ImportForm(FlaskForm):
    """A workshop export file to import as a new workshop."""

    file = FileField(_l("Workshop export (.json)"), validators=[
        FileRequired(_l("Choose an export file.")),
        FileAllowed(["json"], _l("An export is a JSON file whose name ends in .json.")),
        FileSize(MAX_IMPORT_MB * 1024 * 1024, message=_l(
            "The file is too large: at most %(limit)s MB.", limit=MAX_IMPORT_MB))],
        render_kw={"accept": ".json,application/json"})


def _message(error):
    """The message a person reads for an import refused with this error."""
    template = IMPORT_MESSAGES.get(error.code)
    if template is None:
        return error_message(error.code, **error.params)
    return str(template) % error.params if error.params else str(template)


def _import_page(form, import_error=None):
    """The import page, with a 400 status when a file was refused."""
    status = 400 if import_error or form.errors else 200
    return render_template("import.html", form=form, import_error=import_error,
                           max_mb=MAX_IMPORT_MB), status


@bp.get("/console/<int:workshop_id>/export.json")
@login_required
def export_json(workshop_id):
    """Download the whole workshop as a JSON export, to keep or to import again."""
    workshop = own_or_404(workshop_id)
    body = json.dumps(export.export_json(workshop), ensure_ascii=False, indent=2) + "\n"
    return attachment(body, "application/json", export.file_name(workshop, "json"))


@bp.get("/console/<int:workshop_id>/export.csv")
@login_required
def export_csv(workshop_id):
    """Download the workshop's notes as a CSV file for a spreadsheet."""
    workshop = own_or_404(workshop_id)
    return attachment(export.export_csv(workshop), "text/csv; charset=utf-8",
                       export.file_name(workshop, "csv"))


@bp.route("/console/import", methods=["GET", "POST"])
@login_required
def import_workshop():
    """Import a workshop export as a new workshop of one's own."""
    form = ImportForm()
    if not form.validate_on_submit():
        return _import_page(form)
    try:
        workshop = import_.import_bytes(current_user.id, form.file.data.read())
    except DomainError as error:
        return _import_page(form, _message(error))
    flash(_("Workshop imported. Its join code is %(code)s.", code=workshop.code))
    return redirect(url_for(".console", workshop_id=workshop.id))
