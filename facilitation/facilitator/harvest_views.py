"""HTTP views of the harvest: the console's themes page and the summary editor (owner's only)."""
from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from flask_wtf import FlaskForm
from werkzeug.utils import secure_filename
from wtforms import BooleanField, StringField, TextAreaField

from ..errors import DomainError, error_body
from ..page_strings import summary_strings, theme_strings
from ..services import summaries, summary_news
from ..services.themes import themes_view
from ..services.workshops import set_next_meeting
from ..summary import render_html
from ..web import attachment, own_or_404
from . import bp


class SummaryForm(FlaskForm):
    """The summary's Markdown, as the facilitator edits it."""

    markdown = TextAreaField(_l("Summary (Markdown)"))


class RegenerateForm(FlaskForm):
    """Write the summary again from the workshop; `force` overwrites edits."""

    force = BooleanField(_l("Overwrite my edits"))


@bp.get("/console/<int:workshop_id>/themes")
@login_required
def themes_page(workshop_id):
    """Group the notes into themes, by hand and by suggestion, per topic."""
    return render_template("themes.html", workshop=own_or_404(workshop_id),
                           strings=theme_strings())


@bp.get("/console/<int:workshop_id>/themes.json")
@login_required
def themes_json(workshop_id):
    """The themes page's data: topics, visible notes and themes, with the sequence number."""
    return jsonify(themes_view(own_or_404(workshop_id)))


class NextMeetingForm(FlaskForm):
    """When and where the network meets next: the summary's last section."""

    next_meeting = StringField(_l("Next meeting"))


def _editor(workshop, form=None, error=None, status=200):
    """The summary editor page, showing the stored text unless a form carries another."""
    stored = summaries.current_summary(workshop)
    form = form or SummaryForm(formdata=None, markdown=stored.markdown)
    return render_template("summary_editor.html", workshop=workshop, summary=stored, form=form,
                           regenerate_form=RegenerateForm(), error=error,
                           next_form=NextMeetingForm(formdata=None,
                                                     next_meeting=workshop.next_meeting),
                           preview=render_html(form.markdown.data or ""),
                           news=summary_news.news_since_edit(workshop),
                           strings=summary_strings()), status


@bp.get("/console/<int:workshop_id>/summary")
@login_required
def summary_editor(workshop_id):
    """Edit the summary with a live preview; save, regenerate, download."""
    return _editor(own_or_404(workshop_id))


@bp.post("/console/<int:workshop_id>/summary")
@login_required
def summary_save(workshop_id):
    """Save the facilitator's Markdown."""
    # CSRFProtect has checked the token before the view runs.
    workshop, form = own_or_404(workshop_id), SummaryForm()
    try:
        summaries.save_summary(workshop, form.markdown.data or "")
    except DomainError as error:
        return _editor(workshop, form, error_body(error)["message"], 400)
    return _saved(workshop, _("Summary saved."))


def _saved(workshop, message):
    """Back to the editor with a message, so that a reload does not post again."""
    flash(message)
    return redirect(url_for(".summary_editor", workshop_id=workshop.id))


@bp.post("/console/<int:workshop_id>/summary/regenerate")
@login_required
def summary_regenerate(workshop_id):
    """Write the summary again from the workshop; edits are overwritten only with `force`."""
    workshop, form = own_or_404(workshop_id), RegenerateForm()
    try:
        summaries.regenerate(workshop, force=form.force.data)
    except DomainError as error:
        return _editor(workshop, error=error_body(error)["message"], status=409)
    return _saved(workshop, _("Summary written again from the workshop."))


@bp.post("/console/<int:workshop_id>/next-meeting")
@login_required
def next_meeting_save(workshop_id):
    """Set the next meeting; an unedited summary follows at once, an edited one on regenerating."""
    workshop = own_or_404(workshop_id)
    try:
        set_next_meeting(workshop, NextMeetingForm().next_meeting.data)
    except DomainError as error:
        return _editor(workshop, error=error_body(error)["message"], status=400)
    return _saved(workshop, _("Next meeting saved."))


@bp.post("/console/<int:workshop_id>/summary/preview")
@login_required
def summary_preview(workshop_id):
    """JSON `{markdown}` in, `{ok, html}` out: the sanitised HTML the summary will be."""
    own_or_404(workshop_id)
    data = request.get_json(silent=True)
    try:
        text = summaries.checked_markdown(data.get("markdown") if isinstance(data, dict) else None)
    except DomainError as error:
        return jsonify(ok=False, error=error_body(error)), 400
    return jsonify(ok=True, html=render_html(text))


@bp.get("/console/<int:workshop_id>/summary.md")
@login_required
def summary_markdown(workshop_id):
    """Download the summary as Markdown."""
    workshop = own_or_404(workshop_id)
    return _download(summaries.current_summary(workshop).markdown,
                     "text/markdown; charset=utf-8", workshop, "md")


@bp.get("/console/<int:workshop_id>/summary.html")
@login_required
def summary_html(workshop_id):
    """Download the summary as a complete, sanitised HTML page."""
    workshop = own_or_404(workshop_id)
    page = summaries.html_document(workshop, summaries.current_summary(workshop).markdown)
    return _download(page, "text/html; charset=utf-8", workshop, "html")


def _download(body, content_type, workshop, extension):
    """A text response saved as "summary-<join code>.<extension>" (the first word translated)."""
    stem = _("summary")
    return attachment(body, content_type, secure_filename(f"{stem}-{workshop.code}.{extension}"))
