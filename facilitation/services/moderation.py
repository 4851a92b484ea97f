"""Moderation: remove a participant, lock the board, lock joining."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ..errors import DomainError
from ..extensions import db
from ..models import Participant, Workshop
from ..validation import is_int
from . import events


def remove_participant(workshop: Workshop, participant_id: Any) -> Participant:
    """Remove a participant: their token stops working and their sockets are closed."""
    person = db.session.get(Participant, participant_id) if is_int(participant_id) else None
    if person is None or person.workshop_id != workshop.id or person.removed_at:
        raise DomainError("not_found")
    person.removed_at = datetime.now(timezone.utc)
    for table in workshop.tables:
        if table.host_id == person.id:
            table.host_id = None
    event = events.record(workshop.id, "participant:removed", {"participant_id": person.id},
                          "console")
    events.commit_and_publish(event)
    events.notify_participant(workshop.id, person.id, "session:ended", {"reason": "removed"})
    # Every later event is refused anyway (rights are re-read each time); closing
    # the sockets this process holds makes it immediate.
    events.disconnect_participant(workshop.id, person.id)
    return person


def set_locked(workshop: Workshop, locked: Any) -> Workshop:
    """Lock the board (no new notes) or open it again; every screen is told."""
    _set_flag(workshop, "locked", locked)
    events.commit_and_publish(events.record(workshop.id, "board:locked", {"locked": locked}, "all"))
    return workshop


def set_joining_locked(workshop: Workshop, locked: Any) -> Workshop:
    """Stop new people joining with the code, or let them in again; the board and console
    are told. Those who joined already keep their place: their tokens still resume."""
    _set_flag(workshop, "joining_locked", locked)
    events.commit_and_publish(
        events.record(workshop.id, "joining:locked", {"locked": locked}, "screens"))
    return workshop


def _set_flag(workshop, attribute, value):
    """Set one of the workshop's boolean settings; anything but a boolean is refused.

    The callers record their events themselves, by name: docs/protocol.md is checked
    against the names written in `events.record(...)` calls.
    """
    if not isinstance(value, bool):
        raise DomainError("bad_payload")
    setattr(workshop, attribute, value)
