"""Themes: notes grouped by hand or suggested by condensing, with their mention counts.

A theme belongs to a topic; a table's host makes themes of their own table
(Theme.table_id), the facilitator any theme of the workshop (see rights).
A note is in one theme at most, and a theme's count is the number of its visible notes.
Every change is recorded as `theme:changed` or `theme:deleted`, committed, then announced.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from ..condense.rank import Space, gather, proposed_label
from ..errors import DomainError
from ..extensions import db
from ..models import Note, Participant, Theme, ThemeNote, Workshop
from . import events
from .actors import Actor
from .rights import (
    LABEL_MAX,
    a_label,
    check_fit,
    current_themes,
    editable_theme,
    movable_notes,
    placement,
    scope,
    some_ids,
    table_for_suggestions,
    topic_of,
)
from .snapshots import topic_dict, visible_notes, workshop_dict
from .theme_reads import live as _live
from .theme_reads import note_ids_of, theme_dict, themes_of

# --- reading ---------------------------------------------------------------------------

def themes_view(workshop: Workshop) -> dict[str, Any]:
    """The console's themes page: topics, tables, visible notes and every theme."""
    # The number first: anything newer reaches the page as a broadcast.
    seq = events.current_seq(workshop.id)
    notes = visible_notes(workshop.id, include_concealed=True)
    return _view(seq, workshop, workshop.topics, workshop.tables, notes, themes_of(workshop.id))


def host_themes_view(participant: Participant) -> dict[str, Any]:
    """A host's themes page: their table's current topic, its notes there and its themes."""
    workshop, table = scope(Actor.for_participant(participant))
    seq = events.current_seq(workshop.id)
    # Hidden until reveal means hidden from the host too, but for their own notes.
    notes = visible_notes(workshop.id, table_id=table.id, topic_id=table.topic_id,
                          author_id=participant.id)
    themes = [t for t in themes_of(workshop.id) if t["table_id"] == table.id]
    return _view(seq, workshop, [table.topic] if table.topic else [], [table], notes, themes)


def _view(seq, workshop, topics, tables, notes, themes):
    """A themes page's data: what it shows, and the sequence number it was read at."""
    return {"seq": seq, "workshop": workshop_dict(workshop),
            "topics": [topic_dict(t) for t in topics],
            "tables": [{"id": t.id, "name": t.name, "topic_id": t.topic_id} for t in tables],
            "notes": notes, "themes": themes}


# --- writing ------------------------------------------------------------------------------

def _place(notes, theme):
    """Move notes into a theme (or out of every theme); returns the themes they left."""
    left = current_themes(notes)
    ids = [n.id for n in notes]
    db.session.execute(delete(ThemeNote).where(ThemeNote.note_id.in_(ids)))
    if theme is not None:
        db.session.add_all(ThemeNote(theme_id=theme.id, note_id=i) for i in ids)
        left.pop(theme.id, None)
    return list(left.values())


def _audience(theme):
    """A table's theme goes to that table, the board and the console; a topic's to the screens."""
    return ("table", theme.table_id) if theme.table_id is not None else ("screens", None)


def _finish(changed=(), deleted=(), before=()):
    """Record each changed and deleted theme, commit, then announce (after `before`)."""
    db.session.flush()
    # Changes first: a merged theme gains its notes before the emptied one goes.
    recorded = list(before) + [events.record(theme.workshop_id, "theme:changed",
                              {"theme": theme_dict(theme)}, *_audience(theme))
                for theme in dict.fromkeys(changed)]
    for theme in deleted:
        recorded.append(events.record(theme.workshop_id, "theme:deleted",
                                      {"theme_id": theme.id}, *_audience(theme)))
        db.session.delete(theme)
    events.commit_and_publish(*recorded)


def _new_theme(workshop, label, topic_id, table_id, suggested=False):
    """Add a Theme row to the session."""
    theme = Theme(workshop_id=workshop.id, topic_id=topic_id, table_id=table_id,
                  label=label, suggested=suggested)
    db.session.add(theme)
    db.session.flush()
    return theme


def _label_or_first_note(label, notes):
    """The label given, or else the first note's text (a theme needs a name)."""
    if label is None and not notes:
        raise DomainError("bad_payload")
    return a_label(label if label is not None else notes[0].text[:LABEL_MAX])


def create_theme(actor: Actor, label: Any = None, topic_id: Any = None, table_id: Any = None,
                 note_ids: Any = None) -> Theme:
    """Make a theme, with notes moved into it; the label defaults to the first note's text."""
    workshop, _ = scope(actor)
    topic_id, table_id = placement(actor, topic_id, table_id)
    notes = movable_notes(actor, note_ids) if note_ids is not None else []
    label = _label_or_first_note(label, notes)
    check_fit(topic_id, table_id, notes)
    theme = _new_theme(workshop, label, topic_id, table_id)
    left = _place(notes, theme) if notes else []
    _finish(changed=[*left, theme])
    return theme


def rename_theme(actor: Actor, theme_id: Any, label: Any) -> Theme:
    """Give a theme a new label."""
    theme = editable_theme(actor, theme_id)
    theme.label = a_label(label)
    _finish(changed=[theme])
    return theme


def accept_theme(actor: Actor, theme_id: Any) -> Theme:
    """Keep a suggested theme as one's own."""
    theme = editable_theme(actor, theme_id)
    theme.suggested = False
    _finish(changed=[theme])
    return theme


def assign_notes(actor: Actor, theme_id: Any, note_ids: Any) -> Theme:
    """Move notes into a theme, out of whichever theme they were in."""
    note_ids = some_ids(note_ids)  # the request's shape before what it names
    theme = editable_theme(actor, theme_id)
    notes = movable_notes(actor, note_ids)
    check_fit(theme.topic_id, theme.table_id, notes)
    left = _place(notes, theme)
    _finish(changed=[*left, theme])
    return theme


def unassign_notes(actor: Actor, note_ids: Any) -> list[Theme]:
    """Take notes out of their themes; returns the themes they left."""
    left = _place(movable_notes(actor, note_ids), None)
    _finish(changed=left)
    return left


def merge_themes(actor: Actor, source_id: Any, target_id: Any) -> Theme:
    """Move every note of the source theme into the target, then delete the source."""
    # Both themes' notes stay, duplicates included: the merged count is their sum.
    source, target = editable_theme(actor, source_id), editable_theme(actor, target_id)
    if source.id == target.id or source.topic_id != target.topic_id:
        raise DomainError("bad_payload")
    # Hidden notes move too, so that a note shown again is found in the merged theme.
    notes = db.session.scalars(select(Note).join(ThemeNote, ThemeNote.note_id == Note.id)
                               .where(ThemeNote.theme_id == source.id)).all()
    if source.table_id != target.table_id:
        scope(actor, facilitator_only=True)
        target.table_id = None  # themes of several tables merge into one of the whole topic
    check_fit(target.topic_id, target.table_id, notes)
    _place(notes, target)
    _finish(changed=[target], deleted=[source])
    return target


def split_theme(actor: Actor, theme_id: Any, note_ids: Any, label: Any = None) -> Theme:
    """Move some of a theme's notes into a new theme beside it; returns the new one."""
    workshop, _ = scope(actor)
    theme = editable_theme(actor, theme_id)
    notes = movable_notes(actor, note_ids)
    if not {n.id for n in notes} <= set(note_ids_of([theme.id])[theme.id]):
        raise DomainError("bad_payload")
    new = _new_theme(workshop, _label_or_first_note(label, notes), theme.topic_id,
                     theme.table_id)
    _place(notes, new)
    _finish(changed=[theme, new])
    return new


def delete_theme(actor: Actor, theme_id: Any) -> None:
    """Ungroup a whole theme: its notes stay, in no theme."""
    theme = editable_theme(actor, theme_id)
    db.session.execute(delete(ThemeNote).where(ThemeNote.theme_id == theme.id))
    _finish(deleted=[theme])


# --- suggesting ---------------------------------------------------------------------------

def suggest_themes(actor: Actor, topic_id: Any = None, table_id: Any = None) -> list[Theme]:
    """Condense the notes in no theme yet into suggested themes; returns the new themes."""
    # Per topic, or one; with a table (a host's is always their own) that table's notes only,
    # as its themes. One-off notes stay ungrouped; actions stay out (the summary lists them).
    workshop, _ = scope(actor)
    table = table_for_suggestions(actor, table_id)
    query = _live(select(Note).where(
        Note.workshop_id == workshop.id, Note.kind != "action", Note.topic_id.is_not(None),
        Note.id.not_in(select(ThemeNote.note_id))))
    if topic_id is not None:
        query = query.where(Note.topic_id == topic_of(workshop, topic_id))
    if table is not None:
        query = query.where(Note.table_id == table.id)
    by_topic = {}
    for note in db.session.scalars(query.order_by(Note.id)):
        by_topic.setdefault(note.topic_id, []).append(note)
    groups = [(topic, group) for topic, notes in by_topic.items()
              for group in _groups(notes, workshop.language)]
    return _store_suggestions(workshop, groups, table)


def _groups(notes, language):
    """The groups of two or more notes the ranking gathers, people's links kept whole."""
    by_id = {n.id: n for n in notes}
    links = [(n.id, n.same_as_id) for n in notes if n.same_as_id in by_id]
    space = Space([{"id": n.id, "text": n.text} for n in notes], links, language)
    return [(proposed_label(space, group), [by_id[i] for i in group])
            for group in gather(space) if len(group) > 1]


def _store_suggestions(workshop, groups, table):
    """Store each group as a suggested theme, leaving out notes grouped meanwhile."""
    # Condensing takes a moment without a transaction open; someone may have grouped since.
    themed = set(db.session.scalars(select(ThemeNote.note_id).where(ThemeNote.note_id.in_(
        [n.id for _, (_, notes) in groups for n in notes]))))
    created = []
    for topic_id, (label, notes) in groups:
        notes = [n for n in notes if n.id not in themed]
        if len(notes) < 2:
            continue
        theme = _new_theme(workshop, a_label(label[:LABEL_MAX]), topic_id,
                           table.id if table else None, suggested=True)
        _place(notes, theme)
        created.append(theme)
    _finish(changed=created)
    return created
