"""Connect, sync, disconnect, unknown events and crashes: common to every audience."""
import logging

from flask import session
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room

from ..errors import DomainError, error_body, failure
from ..extensions import db, socketio
from ..services import events, participants, snapshots
from ..services.workshops import owned_workshop, workshop_by_code
from .guard import event_handler
from .rooms import board_room, console_room, table_room, workshop_room

log = logging.getLogger(__name__)


@socketio.on("connect")
def on_connect(auth=None):
    """Any client: authenticate from the auth payload and join its audience's rooms.

    Refused connections get `connect_error` with `{code, message}`.
    """
    auth = auth if isinstance(auth, dict) else {}
    try:
        identity, rooms = _authenticate(auth)
    except DomainError as error:
        db.session.rollback()
        raise ConnectionRefusedError(error_body(error))
    if auth.get("lang") in ("fi", "sv", "en"):
        session["lang"] = auth["lang"]
    session.update(identity)
    for room in rooms:
        join_room(room)
    if identity["role"] == "participant":
        participants.set_presence(participants.active_participant(identity["participant_id"]), +1)


def _authenticate(auth):
    """Return the socket's identity and rooms for a participant, board or console."""
    role = auth.get("role")
    if role == "participant":
        person = participants.participant_by_token(auth.get("token"))
        if person is None:
            raise DomainError("unauthorised")
        rooms = [workshop_room(person.workshop_id)]
        if person.table_id:
            rooms.append(table_room(person.workshop_id, person.table_id))
        return ({"role": role, "participant_id": person.id,
                 "workshop_id": person.workshop_id}, rooms)
    if role == "board":
        workshop = workshop_by_code(auth.get("code"))
        if auth.get("key") != workshop.board_key:
            raise DomainError("forbidden")
        return ({"role": role, "workshop_id": workshop.id},
                [workshop_room(workshop.id), board_room(workshop.id)])
    if role == "console" and current_user.is_authenticated:
        workshop_id = auth.get("workshop_id")
        workshop = owned_workshop(current_user.id, workshop_id if isinstance(workshop_id, int) else -1)
        return ({"role": role, "workshop_id": workshop.id, "facilitator_id": current_user.id},
                [workshop_room(workshop.id), console_room(workshop.id)])
    raise DomainError("unauthorised")


@socketio.on("disconnect")
def on_disconnect(*_reason):
    """Any client leaving: a participant's presence is updated on the console."""
    if session.get("role") == "participant":
        try:
            participants.set_presence(participants.active_participant(session["participant_id"]), -1)
        except DomainError:
            db.session.rollback()


@socketio.on("sync")
@event_handler()
def on_sync(actor, data):
    """Any client, after every (re)connect: ack `{seq, snapshot}` of what it may see."""
    workshop_id = session["workshop_id"]
    # Read the counter first: anything newer arrives as a broadcast and is
    # applied idempotently by the client.
    seq = events.current_seq(workshop_id)
    role = session["role"]
    if role == "participant":
        snapshot = snapshots.participant_view(actor)
    elif role == "board":
        snapshot = snapshots.board_view(actor)
    else:
        snapshot = snapshots.console_view(actor)
    return {"seq": seq, "snapshot": snapshot}


@socketio.on("*")
def on_unknown(event, *_args):
    """Any client sending an event the server does not know: an error ack."""
    return failure("unknown_event")


@socketio.on_error_default
def on_error(error):
    """A handler crashed: log it, undo its transaction and still acknowledge."""
    log.exception("Socket.IO handler failed: %s", error)
    db.session.rollback()
    return failure("internal")
