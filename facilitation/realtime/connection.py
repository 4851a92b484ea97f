"""Connect, sync, disconnect, unknown events and crashes: common to every audience."""
import logging

from flask import request, session
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room, leave_room, rooms

from .. import throttle
from ..errors import DomainError, error_body, failure
from ..extensions import db, socketio
from ..rules import LANGUAGES
from ..services import events, participants, snapshots
from ..services.workshops import owned_workshop
from ..validation import is_int
from .guard import event_handler
from .limits import limiter
from .payloads import BadPayload, checked
from .presence import online_ids, tracker
from .rooms import facilitator_room, rooms_of, table_room, visible

log = logging.getLogger(__name__)

# Past this many missed events that the socket may see, a snapshot is smaller than the
# replay (a phone sees its own table's: at 40 tables, a room's 500 notes are 12 of them).
REPLAY_LIMIT = 500
REPLAY_OVERLAP = 50


@socketio.on("connect")
def on_connect(auth=None):
    """Any client: authenticate from the auth payload and join its audience's rooms.

    Refused connections get `connect_error` whose `data` is `{code, message}`, the
    message in the client's language (`lang`).
    """
    auth = auth if isinstance(auth, dict) else {}
    if auth.get("lang") in LANGUAGES:
        session["lang"] = auth["lang"]
    try:
        identity, rooms = _authenticate(checked(auth))
    except DomainError as error:
        raise _refusal(error) from None
    session.update(identity)
    for room in rooms:
        join_room(room)
    tracker().opened(request.sid, identity)  # presence: in memory, flushed every second


def _refusal(error):
    """The ConnectionRefusedError whose packet carries `data: {code, message}`."""
    db.session.rollback()
    if isinstance(error, BadPayload):
        log.warning("Refused a connection from %s: %s", request.sid, error.detail)
    body = error_body(error)
    return ConnectionRefusedError(body["message"], body)


def _authenticate(auth):
    """Return the socket's identity and rooms for a participant, board or console."""
    role = auth.get("role")
    if role == "participant":
        person = participants.participant_by_token(auth.get("token"))
        if person is None:
            raise DomainError("unauthorised")
        return ({"role": role, "participant_id": person.id, "workshop_id": person.workshop_id},
                rooms_of(role, person.workshop_id, person.id, person.table_id))
    if role == "board":
        workshop = throttle.workshop_by_guess(auth.get("code"))
        if auth.get("key") != workshop.board_key:
            raise DomainError("forbidden")
        return ({"role": role, "workshop_id": workshop.id}, rooms_of(role, workshop.id))
    if role == "console" and current_user.is_authenticated:
        workshop_id = auth.get("workshop_id")
        workshop = owned_workshop(current_user.id, workshop_id if is_int(workshop_id) else -1)
        return ({"role": role, "workshop_id": workshop.id, "facilitator_id": current_user.id},
                rooms_of(role, workshop.id) + [facilitator_room(current_user.id)])
    raise DomainError("unauthorised")


@socketio.on("disconnect")
def on_disconnect(*_reason):
    """Any client leaving: a participant's presence is updated on the console."""
    limiter().forget(("events", ("socket", request.sid)))
    tracker().disconnected(request.sid)


@socketio.on("sync")
@event_handler()
def on_sync(actor, data):
    """Any client, after every (re)connect: ack what it missed since `last_seq`.

    Either `{seq, events}` (the broadcasts it may see since then, oldest first)
    or, on a first connect or when too far behind, `{seq, snapshot}`.
    """
    last_seq = data.get("last_seq", 0)
    if not is_int(last_seq, 0):
        raise DomainError("bad_payload")
    workshop_id = actor.workshop.id
    if actor.role == "participant":
        # Rounds move people between tables; each phone re-syncs after a phase
        # change, which moves its own socket (this works across processes too).
        seat_socket(workshop_id, actor.participant.table_id)
    # The counter as the speaker's query read it, first: anything newer arrives as a
    # broadcast (the socket is in its rooms) or in the replay, applied idempotently.
    seq = actor.workshop.seq
    if 0 < last_seq <= seq:
        # Start a little early: broadcasts of concurrent writers may have
        # reached the client out of order, and replaying in order is harmless.
        since = max(0, last_seq - REPLAY_OVERLAP)
        most = REPLAY_OVERLAP + REPLAY_LIMIT
        missed = events.events_since(workshop_id, since, limit=most + 1, **_visible(actor))
        if len(missed) <= most:
            tracker().told(request.sid, None)  # a console is sent presence again at the next tick
            return {"seq": seq, "events": missed}
    return {"seq": seq, "snapshot": _snapshot(actor)}


def seat_socket(workshop_id, table_id):
    """Move this socket to the room of table `table_id` (None: no table's room).

    `rooms()` is the socket's own rooms, read from the manager's index (realtime/manager.py).
    """
    current = table_room(workshop_id, table_id) if table_id else None
    prefix = table_room(workshop_id, "")
    for room in rooms():
        if room.startswith(prefix) and room != current:
            leave_room(room)
    if current:
        join_room(current)


def _visible(actor):
    """Which recorded events this socket may be replayed: what its role sees (rooms.AUDIENCES)."""
    return visible(actor.role, actor.participant.table_id if actor.participant else None)


# The full view of each role: what the role's audiences (rooms.AUDIENCES) would have told it.
VIEWS = {
    "participant": lambda actor: snapshots.participant_view(actor.participant),
    "board": lambda actor: snapshots.board_view(actor.workshop),
    "console": lambda actor: snapshots.console_view(actor.workshop),
}


def _snapshot(actor):
    """The full view of this socket's role; a console's with who is online now."""
    if actor.role == "console":
        online = online_ids(actor.workshop.id)
        tracker().told(request.sid, online)
        return snapshots.console_view(actor.workshop, online)
    return VIEWS[actor.role](actor)


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
