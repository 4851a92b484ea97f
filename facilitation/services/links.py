""""The same idea": a note linked to another note of its topic as another mention of it.

Both notes stay; each is one mention. The writer links their own note, a table's host
the notes of their table, the facilitator any note; a link can be taken back. A link
between two notes of one table also gathers them into one suggested theme of that table,
so that the host and the board see the idea grow; linked notes of different tables are
offered to the facilitator as merge pairs. The machine only ranks (facilitation/condense).
"""
from flask import current_app
from sqlalchemy import or_, select

from ..condense.features import WARMING
from ..condense.rank import Space, proposed_label, similar_to
from ..errors import DomainError
from ..extensions import db
from ..models import Note, Theme, ThemeNote, Workshop
from ..validation import is_id
from . import events, themes
from .actors import Actor
from .rights import LABEL_MAX, a_label, current_themes
from .snapshots import note_dict

SUGGESTIONS = 3


def _note(actor: Actor, note_id):
    """A live note of the actor's workshop that the actor may link: own, host's table, any."""
    note = db.session.get(Note, note_id) if is_id(note_id) else None
    if note is None or note.workshop_id != actor.workshop.id or note.deleted_at or note.hidden:
        raise DomainError("not_found")
    person = actor.participant
    if person is not None and note.participant_id != person.id and not (
            person.table is not None and person.table.host_id == person.id
            and note.table_id == person.table_id):
        raise DomainError("forbidden")
    return note


def _target(note, target_id):
    """The note linked to: another live note of the same topic that others can see."""
    if not is_id(target_id) or target_id == note.id:
        raise DomainError("bad_payload")
    target = db.session.get(Note, target_id)
    if (target is None or target.workshop_id != note.workshop_id or target.deleted_at
            or target.hidden or target.concealed):
        raise DomainError("not_found")
    if target.topic_id != note.topic_id:
        raise DomainError("bad_payload")
    return target


def link_note(actor, note_id, target_id) -> Note:
    """Link a note to another as the same idea; gather both into one theme of their table."""
    note = _note(actor, note_id)
    target = _target(note, target_id)
    note.same_as_id = target.id
    changed, deleted = _gather(note, target) if note.table_id == target.table_id else ([], [])
    _finish(note, changed, deleted)
    return note


def unlink_note(actor, note_id) -> Note:
    """Take a link back: the note leaves the suggested theme the link put it in."""
    note = _note(actor, note_id)
    if note.same_as_id is None:
        return note
    note.same_as_id = None
    changed, deleted = [], []
    for theme in current_themes([note]).values():
        if theme.suggested:  # a theme the host accepted keeps the note
            themes._place([note], None)
            changed.append(theme)
    _drop_small(changed, deleted)
    _finish(note, changed, deleted)
    return note


def _theme_of(note):
    """The theme a note is in now, or None."""
    return next(iter(current_themes([note]).values()), None)


def _gather(note, target):
    """Put a linked pair into one theme: the target's, the note's suggested one, or a new one."""
    home, own = _theme_of(target), _theme_of(note)
    if home is not None and home is own:
        return [], []
    if home is not None and (own is None or own.suggested):
        left = themes._place([note], home)
        deleted = []
        _drop_small(left, deleted)
        return [home, *[t for t in left if t not in deleted]], deleted
    if own is not None and own.suggested:
        themes._place([target], own)
        return [own], []
    if own is not None:
        return [], []  # the host kept the note in a theme of their own: leave it there
    workshop = db.session.get(Workshop, note.workshop_id)
    theme = themes._new_theme(workshop, _label([target, note], workshop.language), note.topic_id,
                              note.table_id, suggested=True)
    themes._place([target, note], theme)
    return [theme], []


def _drop_small(changed, deleted):
    """A suggested theme left with fewer than two notes is no group: ungroup it."""
    for theme in list(changed):
        if theme.suggested and _count(theme) < 2:
            changed.remove(theme)
            db.session.execute(ThemeNote.__table__.delete().where(
                ThemeNote.theme_id == theme.id))
            deleted.append(theme)


def _count(theme):
    """The number of notes in a theme."""
    db.session.flush()
    return len(db.session.scalars(select(ThemeNote.note_id).where(
        ThemeNote.theme_id == theme.id)).all())


def _label(notes, language):
    """The proposed label of a group: the words of its most central note."""
    space = Space([{"id": n.id, "text": n.text} for n in notes], _links(notes), language)
    return a_label(proposed_label(space, [n.id for n in notes])[:LABEL_MAX]
                   or notes[0].text[:LABEL_MAX])


def _links(notes):
    """(note id, note id) of the links among these notes."""
    ids = {n.id for n in notes}
    return [(n.id, n.same_as_id) for n in notes if n.same_as_id in ids]


def _finish(note, changed, deleted):
    """Record the link change for those who see the note, then the themes; commit, announce."""
    if note.concealed:
        event = events.record(note.workshop_id, "note:linked", {"note": note_dict(note)},
                              "console")
    else:
        event = events.record(note.workshop_id, "note:linked", {"note": note_dict(note)},
                              "table", note.table_id)
    themes._finish(changed=changed, deleted=deleted, before=[event])


# --- suggesting ----------------------------------------------------------------------

def _pool(participant):
    """Notes a writer may link to: their topic's, at their table or from earlier rounds."""
    table, workshop = participant.table, participant.workshop
    if table is None or table.topic_id is None:
        return []
    return db.session.scalars(select(Note).where(
        Note.workshop_id == workshop.id, Note.topic_id == table.topic_id,
        Note.deleted_at.is_(None), Note.hidden.is_(False),
        or_(Note.concealed.is_(False), Note.participant_id == participant.id),
        or_(Note.table_id == table.id, Note.round_no < workshop.round_no))
        .order_by(Note.id)).all()


def similar_notes(actor: Actor, text=None, note_id=None) -> list[dict]:
    """Up to three notes most like a draft text or a posted note; [] when none is alike."""
    if WARMING["busy"]:
        return []  # the dictionaries are still loading: no suggestion rather than a stall
    participant = actor.participant
    pool = _pool(participant)
    notes = [{"id": n.id, "text": n.text} for n in pool]
    language = participant.workshop.language
    if note_id is not None:
        note = _note(actor, note_id)
        space = Space(notes, _links(pool), language)
        position = space.position(note.id)
        found = [space.ids[j] for j in space.ranked(position, SUGGESTIONS)] if (
            position is not None) else []
    else:
        if not isinstance(text, str):
            raise DomainError("bad_payload")
        text = text.strip()[:current_app.config["NOTE_MAX_LENGTH"]]
        found = similar_to(notes, text, SUGGESTIONS, _links(pool), language) if text else []
    by_id = {n.id: n for n in pool}
    return [note_dict(by_id[i]) for i in found if not by_id[i].concealed]


def theme_of_note(note_id):
    """The theme id a note is in, or None (for acks)."""
    return db.session.scalar(select(Theme.id).join(ThemeNote, ThemeNote.theme_id == Theme.id)
                             .where(ThemeNote.note_id == note_id))
