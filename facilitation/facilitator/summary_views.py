"""The summary as a Word document, beside the Markdown and HTML downloads."""
from flask import Response
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.utils import secure_filename

from ..services import summaries
from ..summary_docx import summary_docx
from . import bp
from .routes import own_or_404

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.get("/console/<int:workshop_id>/summary.docx")
@login_required
def summary_word(workshop_id):
    """Download the summary as a .docx: headings, lists and counts as in the Markdown."""
    workshop = own_or_404(workshop_id)
    body = summary_docx(summaries.current_summary(workshop).markdown, workshop.title,
                        workshop.language)
    filename = secure_filename(f"{_('summary')}-{workshop.code}.docx")
    return Response(body, mimetype=DOCX,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
