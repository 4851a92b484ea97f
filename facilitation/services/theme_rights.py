"""Who may regroup which notes: the facilitator anything in their workshop, a host their table.

Also the checks of what a theme request carries (ids, labels), shared by the theme services.
"""
from sqlalchemy import select

from ..errors import DomainError
from ..extensions import db
from ..models import Note, Participant, Theme, ThemeNote
from .text import clean_text
from .workshops import table_of

LABEL_MAX = 200
# More note ids than any topic has in one request is a runaway client.
NOTE_IDS_MAX = 1000


def scope(actor, facilitator_only=False):
    """(workshop, the host's table or None) of a facilitator's workshop or a participant."""
    if isinstance(actor, Participant):
        table = actor.table
        if facilitator_only or table is None or table.host_id != actor.id:
            raise DomainError("forbidden")
        return actor.workshop, table
    return actor, None


def an_id(value):
    """An id from a payload (booleans are not ids)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise DomainError("bad_payload")
    return value


def some_ids(values):
    """A non-empty list of ids from a payload, without repeats, in the order given."""
    if not isinstance(values, list) or not 0 < len(values) <= NOTE_IDS_MAX:
        raise DomainError("bad_payload")
    return list(dict.fromkeys(an_id(v) for v in values))


def a_label(value):
    """A theme's label, checked."""
    return clean_text(value, LABEL_MAX, "bad_payload")


def _check_theme_right(theme, host_table):
    """A host may touch only the themes of the table they host."""
    if host_table is not None and theme.table_id != host_table.id:
        raise DomainError("forbidden")


def editable_theme(actor, theme_id):
    """A theme of the actor's workshop that the actor may change."""
    workshop, host_table = scope(actor)
    theme = db.session.get(Theme, an_id(theme_id))
    if theme is None or theme.workshop_id != workshop.id:
        raise DomainError("not_found")
    _check_theme_right(theme, host_table)
    return theme


def movable_notes(actor, note_ids):
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


def current_themes(notes):
    """{theme id: theme} of the themes these notes are in now."""
    return {t.id: t for t in db.session.scalars(
        select(Theme).join(ThemeNote, ThemeNote.theme_id == Theme.id)
        .where(ThemeNote.note_id.in_([n.id for n in notes])))}


def check_fit(topic_id, table_id, notes):
    """A theme gathers one topic's notes; a table's theme only that table's."""
    for note in notes:
        if note.topic_id != topic_id or (table_id is not None and note.table_id != table_id):
            raise DomainError("bad_payload")


def placement(actor, topic_id, table_id):
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


def topic_of(workshop, topic_id):
    """The id of a topic of this workshop, or DomainError."""
    if an_id(topic_id) not in {t.id for t in workshop.topics}:
        raise DomainError("not_found")
    return topic_id


def table_for_suggestions(actor, table_id):
    """The table whose notes to condense: a host's own; the console's choice, or None for all."""
    workshop, host_table = scope(actor)
    if host_table is not None:
        if table_id not in (None, host_table.id):
            raise DomainError("forbidden")
        return host_table
    return table_of(workshop.id, an_id(table_id)) if table_id is not None else None
