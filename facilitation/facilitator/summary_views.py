"""The summary as a Word document, beside the Markdown and HTML downloads."""
from flask import Response, flash, redirect
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.utils import secure_filename

from ..services import summaries, summary_news
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


@bp.post("/console/<int:workshop_id>/summary/insert-news")
@login_required
def summary_insert_news(workshop_id):
    """Take what arrived since the hand edit into the summary; the edits stay."""
    workshop = own_or_404(workshop_id)
    summary_news.insert_news(workshop)
    flash(_("What was new is now in the summary; your edits are kept."))
    return redirect(f"/console/{workshop.id}/summary")
