"""Reading themes: a theme as clients see it, and the themes of a workshop or a vote.

Apart from services/themes.py so that the snapshots can read themes without a cycle.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from ..extensions import db
from ..models import Ballot, Note, Theme, ThemeNote


def live(query: Select) -> Select:
    """Keep to the notes people can see: neither hidden nor deleted."""
    return query.where(Note.hidden.is_(False), Note.deleted_at.is_(None))


def note_ids_of(theme_ids: list[int]) -> dict[int, list[int]]:
    """{theme id: [visible note ids, oldest first]} for these themes."""
    rows = db.session.execute(live(
        select(ThemeNote.theme_id, Note.id).join(Note, Note.id == ThemeNote.note_id)
        .where(ThemeNote.theme_id.in_(theme_ids))).order_by(Note.id))
    found = {theme_id: [] for theme_id in theme_ids}
    for theme_id, note_id in rows:
        found[theme_id].append(note_id)
    return found


def theme_dict(theme: Theme, note_ids: list[int] | None = None) -> dict[str, Any]:
    """A theme as clients see it; its count is the number of its visible notes."""
    if note_ids is None:
        note_ids = note_ids_of([theme.id])[theme.id]
    return {"id": theme.id, "topic_id": theme.topic_id, "table_id": theme.table_id,
            "label": theme.label, "suggested": theme.suggested, "note_ids": note_ids,
            "count": len(note_ids)}


def themes_of(workshop_id: int) -> list[dict[str, Any]]:
    """The workshop's themes as dicts, largest first (equal counts oldest first)."""
    themes = db.session.scalars(select(Theme).where(Theme.workshop_id == workshop_id)
                                .order_by(Theme.id)).all()
    ids = note_ids_of([t.id for t in themes])
    return sorted((theme_dict(t, ids[t.id]) for t in themes), key=lambda t: -t["count"])


def ballot_themes(ballot: Ballot | None) -> list[dict[str, Any]]:
    """The themes a dot vote on themes is about: one topic's, or all of the workshop's."""
    if ballot is None or ballot.scope != "themes":
        return []
    return [t for t in themes_of(ballot.workshop_id)
            if ballot.scope_id is None or t["topic_id"] == ballot.scope_id]
