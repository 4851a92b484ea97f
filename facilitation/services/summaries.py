"""The workshop's summary (kooste): generated from the workshop, edited by the facilitator.

`Summary.generated` keeps the text as last generated and `Summary.markdown` the text
that is shown, downloaded and sent; `edited` says the two differ by hand, and then a
regeneration must be asked for explicitly so that nobody's edits vanish.
"""
from __future__ import annotations

import html
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select

from .. import summary
from ..errors import DomainError
from ..extensions import db
from ..models import Summary, Workshop
from ..validation import is_clean_text
from .summary_data import build_summary_data

# A long summary is a few thousand characters; this leaves room for a great deal more.
SUMMARY_MAX = 100_000


def summary_of(workshop: Workshop) -> Summary | None:
    """The workshop's stored summary, or None."""
    return db.session.scalar(select(Summary).where(Summary.workshop_id == workshop.id))


def current_summary(workshop: Workshop) -> Summary:
    """The summary to show: generated afresh while nobody has edited or sent it."""
    stored = summary_of(workshop)
    if stored is None or (not stored.edited and stored.sent_at is None):
        text = summary.write_summary(build_summary_data(workshop))
        if stored is None or stored.generated != text or stored.markdown != text:
            return _store_generated(workshop, stored, text)
    return stored


def regenerate(workshop: Workshop, force: bool = False) -> Summary:
    """Write the summary again from the workshop; refuse to overwrite edits unless forced."""
    stored = summary_of(workshop)
    if stored is not None and stored.edited and force is not True:
        raise DomainError("summary_edited")
    return _store_generated(workshop, stored, summary.write_summary(build_summary_data(workshop)))


def _store_generated(workshop, stored, text):
    """Keep a freshly generated text as both the generated and the shown summary."""
    now = datetime.now(timezone.utc)
    if stored is None:
        stored = Summary(workshop_id=workshop.id)
        db.session.add(stored)
    stored.generated = stored.markdown = text
    stored.edited = False
    stored.generated_at = stored.updated_at = now
    db.session.commit()
    return stored


def save_summary(workshop: Workshop, markdown_text: Any) -> Summary:
    """Keep the facilitator's text; it counts as edited when it differs from the generated one."""
    text = checked_markdown(markdown_text)
    stored = summary_of(workshop) or current_summary(workshop)
    stored.markdown = text
    stored.edited = text != stored.generated
    stored.updated_at = datetime.now(timezone.utc)
    db.session.commit()
    return stored


def checked_markdown(value: Any) -> str:
    """Summary Markdown from a form or request, with one kind of line ending."""
    if not is_clean_text(value):
        raise DomainError("bad_payload")
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > SUMMARY_MAX:
        raise DomainError("text_too_long", limit=SUMMARY_MAX)
    return text.rstrip() + "\n" if text.strip() else ""


def html_document(workshop: Workshop, markdown_text: str) -> str:
    """The summary as a complete HTML page to keep or forward, sanitised like every render."""
    title = html.escape(workshop.title)
    return (f'<!doctype html>\n<html lang="{html.escape(workshop.language)}">\n<head>\n'
            f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, '
            f'initial-scale=1">\n<title>{title}</title>\n<style>{_DOCUMENT_STYLE}</style>\n'
            f'</head>\n<body>\n<main>\n{summary.render_html(markdown_text)}\n</main>\n'
            f'</body>\n</html>\n')


_DOCUMENT_STYLE = ("body{font-family:system-ui,sans-serif;line-height:1.5;color:#231c17;"
                   "margin:0;padding:1rem;overflow-wrap:anywhere}main{max-width:46rem;margin:0 auto}"
                   "h1,h2,h3{line-height:1.25}table{border-collapse:collapse}"
                   "th,td{border:1px solid #bbb;padding:.25rem .5rem}")
