"""Console pages after the workshop: the feedback figures, and the summary by email."""
from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required

from ..charts import bar_chart
from ..errors import DomainError, error_message
from ..mail.composing import summary_texts
from ..services import feedback, mailing
from ..summary import render_html
from ..web import own_or_404
from . import bp


def _rating_labels():
    """The four grades in words, best last."""
    return [_("poor"), _("fair"), _("good"), _("excellent")]


@bp.get("/console/<int:workshop_id>/feedback")
@login_required
def feedback_figures(workshop_id):
    """The feedback so far: count, mean, distribution (a chart and a table), the texts."""
    workshop = own_or_404(workshop_id)
    figures = feedback.feedback_figures(workshop)
    rows = [(grade, label, figures["distribution"][grade])
            for grade, label in zip(feedback.RATINGS, _rating_labels())]
    chart = bar_chart([(f"{grade} {label}", count) for grade, label, count in rows],
                      _("Feedback ratings"),
                      ", ".join(f"{label}: {count}" for _grade, label, count in rows),
                      chart_id="ratings")
    return render_template("console_feedback.html", workshop=workshop, figures=figures,
                           rows=rows, chart=chart, signed=feedback.signed_answers(workshop))


@bp.get("/console/<int:workshop_id>/mail")
@login_required
def mail(workshop_id):
    """Review the summary, send it to those who asked, follow the progress."""
    workshop = own_or_404(workshop_id)
    summary = mailing.summary_of(workshop)
    has_summary = summary is not None and summary.markdown.strip() != ""
    subject, footer = summary_texts(workshop.title, workshop.language,
                                    current_app.config["MAIL_RETENTION_DAYS"])
    return render_template(
        "console_mail.html", workshop=workshop, summary=summary, has_summary=has_summary,
        preview=render_html(summary.markdown) if has_summary else "", subject=subject,
        footer=footer, recipients=len(mailing.recipients(workshop)),
        progress=mailing.mail_progress(workshop),
        transport=current_app.config["MAIL_TRANSPORT"])


@bp.post("/console/<int:workshop_id>/mail/send")
@login_required
def send_mail(workshop_id):
    """Queue the summary for everyone who consented and is not queued yet."""
    workshop = own_or_404(workshop_id)
    try:
        added = mailing.queue_summary(workshop)
    except DomainError as error:
        flash(error_message(error.code))
    else:
        flash(ngettext("%(num)s email is on its way.", "%(num)s emails are on their way.",
                       added) if added else _("Nobody new to send to: everyone who asked "
                                              "for the summary has it already or in the queue."))
    return redirect(url_for(".mail", workshop_id=workshop.id))


@bp.post("/console/<int:workshop_id>/mail/<int:mail_id>/resend")
@login_required
def resend_mail(workshop_id, mail_id):
    """Send one recipient the summary again."""
    workshop = own_or_404(workshop_id)
    sent_to = mailing.resend(workshop, mail_id)
    flash(_("Sending again to %(address)s.", address=sent_to.recipient))
    return redirect(url_for(".mail", workshop_id=workshop.id))
