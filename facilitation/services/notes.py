"""Sticky notes: add once per client id, hide and unhide."""
from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..errors import DomainError
from ..extensions import db
from ..models import Note
from ..realtime.broadcast import announce
from . import events
from .snapshots import note_dict
from .text import clean_text

CLIENT_ID_MAX = 64


def add_note(participant, client_id, text):
    """Store a note at the participant's table and announce it; a repeat returns the first.

    Returns (note, created). The note and its event are committed before any
    broadcast, so an acknowledged note survives a crash.
    """
    if not isinstance(client_id, str) or not 0 < len(client_id) <= CLIENT_ID_MAX:
        raise DomainError("bad_payload")
    text = clean_text(text, current_app.config["NOTE_MAX_LENGTH"], "note_empty", "note_too_long")
    existing = _by_client_id(participant.id, client_id)
    if existing is not None:
        return existing, False
    if participant.workshop.state == "closed":
        raise DomainError("workshop_closed")
    if participant.table_id is None:
        raise DomainError("table_required")
    note = Note(workshop_id=participant.workshop_id, table_id=participant.table_id,
                topic_id=participant.table.topic_id, participant_id=participant.id,
                client_id=client_id, text=text, round_no=participant.workshop.round_no)
    try:
        db.session.add(note)
        db.session.flush()
        event = events.record(note.workshop_id, "note:added", {"note": note_dict(note)},
                              "table", note.table_id)
        db.session.commit()
    except IntegrityError:
        # The same client id raced in from another connection: keep the first.
        db.session.rollback()
        return _by_client_id(participant.id, client_id), False
    announce(event)
    return note, True


def _by_client_id(participant_id, client_id):
    """The participant's note with this client id, if stored already."""
    return db.session.scalar(select(Note).where(
        Note.participant_id == participant_id, Note.client_id == client_id))


def set_hidden(workshop, note_id, hidden):
    """Hide a note from phones and board (or show it again); the console keeps it."""
    note = db.session.get(Note, note_id) if isinstance(note_id, int) else None
    if note is None or note.workshop_id != workshop.id:
        raise DomainError("not_found")
    if note.hidden == hidden:
        return note
    note.hidden = hidden
    if hidden:
        event = events.record(workshop.id, "note:hidden", {"note_id": note.id}, "table",
                              note.table_id)
    else:
        event = events.record(workshop.id, "note:shown", {"note": note_dict(note)}, "table",
                              note.table_id)
    db.session.commit()
    announce(event)
    return note
