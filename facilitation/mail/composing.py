"""Build the summary email: plain text and sanitised HTML from the same Markdown."""
import html
import re
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from flask_babel import force_locale
from flask_babel import gettext as _

from ..summary import markdown_to_text, render_html


def one_line(text):
    """Text fit for a header: one line, no control characters (no header injection)."""
    return re.sub(r"[\x00-\x1f\x7f\s]+", " ", str(text or "")).strip()


def new_message_id(sender):
    """A Message-ID on the sender's domain, kept for every attempt at one recipient."""
    domain = parseaddr(sender)[1].rpartition("@")[2]
    return make_msgid("kahvila", domain or "kahvila.invalid")


def summary_texts(title, language, retention_days):
    """The subject and the footer, in the workshop's language."""
    with force_locale(language):
        subject = _("Summary: %(title)s", title=one_line(title))
        footer = _("You receive this email because you asked for the summary of the "
                   "workshop “%(title)s” when you took part. Your address is used only "
                   "for sending this summary and is deleted %(days)s days after sending; "
                   "it is not given to anyone else.", title=one_line(title),
                   days=retention_days)
    return subject, footer


def compose_summary(*, title, language, markdown, recipient, sender, message_id,
                    retention_days):
    """Return a multipart/alternative message: text part, then the HTML part."""
    subject, footer = summary_texts(title, language, retention_days)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = formatdate(usegmt=True)
    # Stable for every attempt at this recipient, so a copy sent twice is one message.
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(f"{markdown_to_text(markdown)}\n-- \n{footer}\n", charset="utf-8")
    message.add_alternative(_html_document(subject, language, markdown, footer),
                            subtype="html", charset="utf-8")
    return message


def _html_document(subject, language, markdown, footer):
    """The HTML part: the summary sanitised by render_html, the rest escaped."""
    return (f'<!doctype html>\n<html lang="{html.escape(language)}">\n<head>\n'
            f'<meta charset="utf-8">\n<title>{html.escape(subject)}</title>\n</head>\n'
            # A 280-letter word must wrap, not widen the mail (mail clients want it inline).
            f'<body style="overflow-wrap:anywhere;word-break:break-word">\n'
            f"{render_html(markdown)}\n<hr>\n"
            f'<p style="color:#5c5047;font-size:90%">{html.escape(footer)}</p>\n'
            f"</body>\n</html>\n")
