"""Moderation: remove a participant, lock the board."""
from datetime import datetime, timezone

from ..errors import DomainError
from ..extensions import db, socketio
from ..models import Participant
from ..realtime.broadcast import announce, notify_participant
from ..realtime.rooms import participant_room
from ..validation import is_int
from . import events


def remove_participant(workshop, participant_id):
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
    db.session.commit()
    announce(event)
    notify_participant(workshop.id, person.id, "session:ended", {"reason": "removed"})
    # Every later event is refused anyway (rights are re-read each time); closing
    # the sockets this process holds makes it immediate.
    room = participant_room(workshop.id, person.id)
    for sid, _ in list(socketio.server.manager.get_participants("/", room)):
        socketio.server.disconnect(sid, namespace="/")
    return person


def set_locked(workshop, locked):
    """Lock the board (no new notes) or open it again."""
    if not isinstance(locked, bool):
        raise DomainError("bad_payload")
    workshop.locked = locked
    event = events.record(workshop.id, "board:locked", {"locked": locked}, "all")
    db.session.commit()
    announce(event)
    return workshop
