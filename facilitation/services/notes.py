"""Sticky notes: add once per client id, edit, delete with undo, hide, conceal until reveal."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..errors import DomainError
from ..extensions import db
from ..models import Note, Participant, Workshop
from . import events
from .rights import note_of
from .snapshots import note_dict
from .text import clean_text, optional_text

CLIENT_ID_MAX = 64
KINDS = ("note", "action", "insight")
OWNER_MAX = 120
# A deleted note can be brought back this long; the phone offers "undo" at once.
UNDO_WINDOW = timedelta(minutes=15)


def note_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The kind, owner and due date of a note from a payload, checked."""
    kind = data.get("kind", "note")
    if kind not in KINDS:
        raise DomainError("bad_payload")
    owner = optional_text(data.get("owner"), OWNER_MAX) or None
    due = data.get("due") or None
    if due is not None:
        try:
            due = date.fromisoformat(due) if isinstance(due, str) else None
        except ValueError:
            due = None
        if due is None:
            raise DomainError("bad_payload")
    if kind != "action":
        owner = due = None  # only actions have someone who does them, by when
    return {"kind": kind, "owner": owner, "due": due}


def _text(text):
    """A note's text, checked."""
    return clean_text(text, current_app.config["NOTE_MAX_LENGTH"], "note_empty", "note_too_long")


def add_note(participant: Participant, client_id: Any, text: Any,
             fields: dict[str, Any] | None = None) -> tuple[Note, bool]:
    """Store a note at the participant's table and announce it; a repeat returns the first.

    Returns (note, created). The note and its event are committed before any
    broadcast, so an acknowledged note survives a crash.
    """
    if not isinstance(client_id, str) or not 0 < len(client_id) <= CLIENT_ID_MAX:
        raise DomainError("bad_payload")
    text, fields = _text(text), fields or {"kind": "note"}
    workshop = participant.workshop
    refusal = _refusal(workshop, participant)
    if refusal is not None:
        # A phone re-sending a note stored before the board was locked is told it is stored.
        existing = _by_client_id(participant.id, client_id)
        if existing is not None:
            return existing, False
        raise DomainError(refusal)
    note = Note(workshop_id=workshop.id, table_id=participant.table_id,
                topic_id=participant.table.topic_id, participant_id=participant.id,
                client_id=client_id, text=text, round_no=workshop.round_no,
                concealed=workshop.notes_hidden, **fields)
    try:
        db.session.add(note)
        db.session.flush()
    except IntegrityError:
        # Stored already (a phone re-sends what it has not seen acknowledged, perhaps
        # from another connection): the unique client id keeps the first, acked again.
        db.session.rollback()
        return _by_client_id(participant.id, client_id), False
    event = _record(note, "note:added", {"note": note_dict(note)})
    events.commit_and_publish(event)
    return note, True


def _refusal(workshop, participant):
    """Why no note can be added here now (an error code), or None."""
    if workshop.state == "closed":
        return "workshop_closed"
    if workshop.locked:
        return "board_locked"
    if participant.table_id is None:
        return "table_required"
    return None


def _record(note, type_, payload):
    """Record a note's event for those who may see it: a concealed note only the console."""
    if note.concealed:
        return events.record(note.workshop_id, type_, payload, "console")
    return events.record(note.workshop_id, type_, payload, "table", note.table_id)


def _by_client_id(participant_id, client_id):
    """The participant's note with this client id, if stored already."""
    return db.session.scalar(select(Note).where(
        Note.participant_id == participant_id, Note.client_id == client_id))


def edit_note(note: Note, text: Any, fields: dict[str, Any]) -> Note:
    """Change a note's text and kind; everyone who sees it gets the new version."""
    if note.deleted_at is not None:
        raise DomainError("not_found")
    note.text = _text(text)
    for key, value in fields.items():
        setattr(note, key, value)
    note.updated_at = datetime.now(timezone.utc)
    event = _record(note, "note:edited", {"note": note_dict(note)})
    events.commit_and_publish(event)
    return note


def delete_note(note: Note) -> Note:
    """Delete a note (kept for UNDO_WINDOW so that the delete can be undone)."""
    if note.deleted_at is None:
        note.deleted_at = datetime.now(timezone.utc)
        event = _record(note, "note:deleted", {"note_id": note.id})
        events.commit_and_publish(event)
    return note


def restore_note(note: Note) -> Note:
    """Undo a delete made within the undo window."""
    if note.deleted_at is None:
        return note
    if datetime.now(timezone.utc) - note.deleted_at > UNDO_WINDOW:
        raise DomainError("undo_expired")
    note.deleted_at = None
    event = _record(note, "note:shown", {"note": note_dict(note)})
    events.commit_and_publish(event)
    return note


def set_hidden(workshop: Workshop, note_id: Any, hidden: bool) -> Note:
    """Hide a note from phones and board (or show it again); the console keeps it."""
    note = note_of(workshop.id, note_id)
    if note.hidden == hidden:
        return note
    note.hidden = hidden
    if hidden:
        event = _record(note, "note:hidden", {"note_id": note.id})
    else:
        event = _record(note, "note:shown", {"note": note_dict(note)})
    events.commit_and_publish(event)
    if hidden and note.participant_id:
        # The writer may sit at another table by now: tell them on their own sockets.
        events.notify_participant(workshop.id, note.participant_id, "note:hidden_yours",
                                  {"note_id": note.id, "text": note.text})
    return note


def set_concealed(workshop: Workshop, concealed: bool) -> Workshop:
    """Hide new notes until reveal (each person sees only their own), or reveal them all."""
    workshop.notes_hidden = concealed
    if not concealed:
        db.session.execute(update(Note).where(Note.workshop_id == workshop.id)
                           .values(concealed=False))
    # Everyone re-reads their view: on reveal every concealed note appears at once.
    event = events.record(workshop.id, "notes:concealed", {"concealed": concealed}, "all")
    events.commit_and_publish(event)
    return workshop
