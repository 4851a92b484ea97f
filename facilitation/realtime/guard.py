"""One guard for every Socket.IO event: who speaks, the payload's shape, the ack."""
import functools
import logging

from flask import request, session

from ..errors import DomainError, error_body
from ..extensions import db
from ..models import Workshop
from ..services.actors import Actor
from ..services.participants import active_participant
from ..services.workshops import owned_workshop
from ..validation import is_int
from .limits import check_rate
from .payloads import BadPayload, checked

log = logging.getLogger(__name__)


def load_actor(role):
    """Re-check the speaker against the database on every event; return their Actor.

    The socket keeps the session it had at connect time, so a removed
    participant must be caught here, not trusted from the session.
    """
    roles = (role,) if isinstance(role, str) else role
    if roles is not None and session.get("role") not in roles:
        raise DomainError("forbidden" if session.get("role") else "unauthorised")
    if session.get("role") == "participant":
        return Actor.for_participant(active_participant(session["participant_id"]))
    if session.get("role") == "console":
        return Actor.for_console(owned_workshop(session["facilitator_id"], session["workshop_id"]),
                                 session["facilitator_id"])
    workshop = db.session.get(Workshop, session["workshop_id"]) \
        if session.get("role") == "board" else None
    if workshop is None:
        raise DomainError("unauthorised")
    return Actor.for_board(workshop)


def _rate_key():
    """Whom a rate limit counts: the participant across their sockets, else the socket."""
    if session.get("role") == "participant":
        return ("participant", session["participant_id"])
    return ("socket", request.sid)


def event_handler(role=None):
    """Decorate a handler `fn(actor, data) -> dict` so that it always acknowledges.

    `actor` is the speaker's `Actor` (role, workshop, participant), re-read for this event.

    The ack is `{ok: true, ...fn's dict}`, or `{ok: false, error: {code, message}}`
    for a refused request; nothing is dropped silently.
    """
    def decorate(fn):
        @functools.wraps(fn)
        def run(data=None, *_extra):
            try:
                actor = load_actor(role)
                check_rate("events", _rate_key())
                return {"ok": True, **(fn(actor, checked(data)) or {})}
            except DomainError as error:
                db.session.rollback()
                if isinstance(error, BadPayload):
                    log.warning("Refused %s from %s: %s", fn.__name__, request.sid, error.detail)
                return {"ok": False, "error": error_body(error)}
        return run
    return decorate


def require_int(data, key):
    """An integer field of the payload (booleans are not integers here)."""
    value = data.get(key)
    if not is_int(value):
        raise BadPayload(f"{key} is missing")
    return value
