"""Who may do what, side by side: notes, a table's crystallisation, themes and dots.

The guard lets only the roles an event names reach its handler (docs/protocol.md,
## Rights); these checks decide on the things themselves: a participant's own
notes, a host's own table, the facilitator's whole workshop, what a dot may go on.
Also the checks of what a theme request carries (ids, labels).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..errors import DomainError
from ..extensions import db
from ..models import Ballot, CafeTable, Note, Participant, Theme, ThemeNote, Workshop
from ..validation import is_int
from .actors import Actor
from .text import clean_text
from .workshops import table_of

LABEL_MAX = 200
# More note ids than any topic has in one request is a runaway client.
NOTE_IDS_MAX = 1000


# --- what a request carries ---------------------------------------------------------------

def an_id(value: Any) -> int:
    """An id from a payload: an integer within 64 bits (booleans are not ids)."""
    if not is_int(value):
        raise DomainError("bad_payload")
    return value


def some_ids(values: Any) -> list[int]:
    """A non-empty list of ids from a payload, without repeats, in the order given."""
    if not isinstance(values, list) or not 0 < len(values) <= NOTE_IDS_MAX:
        raise DomainError("bad_payload")
    return list(dict.fromkeys(an_id(v) for v in values))


def a_label(value: Any) -> str:
    """A theme's label, checked."""
    return clean_text(value, LABEL_MAX, "bad_payload")


# --- notes and tables ----------------------------------------------------------------------

def note_of(workshop_id: int, note_id: Any) -> Note:
    """A note of the workshop, or DomainError."""
    note = db.session.get(Note, note_id) if is_int(note_id) else None
    if note is None or note.workshop_id != workshop_id:
        raise DomainError("not_found")
    return note


def editable_note(actor: Actor, note_id: Any) -> Note:
    """A note the actor may edit, delete or restore: a participant's own, any at the console."""
    note = note_of(actor.workshop.id, note_id)
    if actor.role == "console":
        return note
    if actor.role == "participant" and note.participant_id == actor.participant.id:
        return note
    raise DomainError("forbidden")


def hosted_table(participant: Participant) -> CafeTable:
    """The table this participant sits at and hosts, or `forbidden`."""
    table = participant.table
    if table is None or table.host_id != participant.id:
        raise DomainError("forbidden")
    return table


def crystallisable_table(actor: Actor, table_id: Any) -> CafeTable:
    """The table whose crystallisation the actor may write: a host's own, any at the console."""
    if actor.role == "participant":
        return hosted_table(actor.participant)
    if actor.role == "console":
        return table_of(actor.workshop.id, an_id(table_id))
    raise DomainError("forbidden")


# --- themes --------------------------------------------------------------------------------

def scope(actor: Actor, facilitator_only: bool = False) -> tuple[Workshop, CafeTable | None]:
    """(workshop, the host's table or None) in which the actor may regroup notes."""
    if actor.role == "participant" and not facilitator_only:
        return actor.workshop, hosted_table(actor.participant)
    if actor.role == "console":
        return actor.workshop, None
    raise DomainError("forbidden")


def _check_theme_right(theme: Theme, host_table: CafeTable | None) -> None:
    """A host may touch only the themes of the table they host."""
    if host_table is not None and theme.table_id != host_table.id:
        raise DomainError("forbidden")


def editable_theme(actor: Actor, theme_id: Any) -> Theme:
    """A theme of the actor's workshop that the actor may change."""
    workshop, host_table = scope(actor)
    theme = db.session.get(Theme, an_id(theme_id))
    if theme is None or theme.workshop_id != workshop.id:
        raise DomainError("not_found")
    _check_theme_right(theme, host_table)
    return theme


def movable_notes(actor: Actor, note_ids: Any) -> list[Note]:
    """Visible notes of the actor's workshop that the actor may regroup, in the order given."""
    workshop, host_table = scope(actor)
    ids = some_ids(note_ids)
    found = {n.id: n for n in db.session.scalars(select(Note).where(Note.id.in_(ids)))}
    notes = [found.get(i) for i in ids]
    if any(n is None or n.workshop_id != workshop.id or n.hidden or n.deleted_at
           for n in notes):
        raise DomainError("not_found")
    if host_table is not None:
        if any(n.table_id != host_table.id for n in notes):
            raise DomainError("forbidden")
        # A host may take notes out of their own table's themes only.
        for theme in current_themes(notes).values():
            _check_theme_right(theme, host_table)
    return notes


def current_themes(notes: list[Note]) -> dict[int, Theme]:
    """{theme id: theme} of the themes these notes are in now."""
    return {t.id: t for t in db.session.scalars(
        select(Theme).join(ThemeNote, ThemeNote.theme_id == Theme.id)
        .where(ThemeNote.note_id.in_([n.id for n in notes])))}


def check_fit(topic_id: int | None, table_id: int | None, notes: list[Note]) -> None:
    """A theme gathers one topic's notes; a table's theme only that table's."""
    for note in notes:
        if note.topic_id != topic_id or (table_id is not None and note.table_id != table_id):
            raise DomainError("bad_payload")


def placement(actor: Actor, topic_id: Any, table_id: Any) -> tuple[int, int | None]:
    """(topic id, table id) of a new theme: a host's own table, or what the console asks."""
    workshop, host_table = scope(actor)
    if host_table is not None:
        if table_id not in (None, host_table.id):
            raise DomainError("forbidden")
        return host_table.topic_id, host_table.id
    if table_id is not None:
        table = table_of(workshop.id, an_id(table_id))
        return (table.topic_id if topic_id is None else topic_of(workshop, topic_id)), table.id
    if topic_id is None:
        raise DomainError("bad_payload")
    return topic_of(workshop, topic_id), None


def topic_of(workshop: Workshop, topic_id: Any) -> int:
    """The id of a topic of this workshop, or DomainError."""
    if an_id(topic_id) not in {t.id for t in workshop.topics}:
        raise DomainError("not_found")
    return topic_id


def table_for_suggestions(actor: Actor, table_id: Any) -> CafeTable | None:
    """The table whose notes to condense: a host's own; the console's choice, or None for all."""
    workshop, host_table = scope(actor)
    if host_table is not None:
        if table_id not in (None, host_table.id):
            raise DomainError("forbidden")
        return host_table
    return table_of(workshop.id, an_id(table_id)) if table_id is not None else None


# --- dots ----------------------------------------------------------------------------------

def check_vote_target(ballot: Ballot, target_type: Any, target_id: Any) -> None:
    """A dot goes on an item that exists, is visible, and lies inside the ballot's scope."""
    an_id(target_id)
    if ballot.scope in ("notes", "table") and target_type == "note":
        note = db.session.get(Note, target_id)
        if note is None or note.workshop_id != ballot.workshop_id or note.hidden \
                or note.deleted_at or note.concealed:
            raise DomainError("not_found")
        if ballot.scope == "table" and note.table_id != ballot.scope_id:
            raise DomainError("not_in_vote")
    elif ballot.scope == "themes" and target_type == "theme":
        theme = db.session.get(Theme, target_id)
        if theme is None or theme.workshop_id != ballot.workshop_id:
            raise DomainError("not_found")
        if ballot.scope_id is not None and theme.topic_id != ballot.scope_id:
            raise DomainError("not_in_vote")
    else:
        raise DomainError("not_in_vote")
