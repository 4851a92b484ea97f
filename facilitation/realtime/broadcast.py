"""The single function through which every announcement leaves the server."""
from ..extensions import socketio
from .rooms import audience_rooms, participant_room


def announce(*events):
    """Emit committed events to their rooms, each carrying its sequence number.

    Call only after the commit: a client must never see a change that a
    crash could still undo.
    """
    for event in events:
        rooms = audience_rooms(event.workshop_id, event.audience, event.table_id)
        socketio.emit(event.type, {"seq": event.seq, **event.payload}, to=rooms)


def notify_participant(workshop_id, participant_id, name, payload):
    """A notice for one participant's own sockets (not recorded: it is about them alone)."""
    socketio.emit(name, payload, to=participant_room(workshop_id, participant_id))
