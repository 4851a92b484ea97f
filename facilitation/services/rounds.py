"""Running the café: phases, the shared timer, messages to every screen."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from flask import current_app
from sqlalchemy import select

from .. import timer
from ..errors import DomainError
from ..extensions import db
from ..models import Event, Workshop
from ..rules import MESSAGE_MAX
from ..validation import is_int
from . import events, seating
from .snapshots import phase_dict, table_dict
from .text import clean_text

EXTEND_MAX_MINUTES = 60


def now() -> datetime:
    """The server's clock (UTC); the one every screen counts from."""
    return datetime.now(timezone.utc)


def _set_timer(workshop, new):
    """Store a Timer on the workshop."""
    workshop.phase_ends_at, workshop.paused_remaining = new.ends_at, new.paused_remaining


def _timer_of(workshop):
    """The workshop's Timer."""
    return timer.Timer(workshop.phase_ends_at, workshop.paused_remaining)


def advance(workshop: Workshop) -> Workshop:
    """Move to the next phase: lobby → round 1 → break → round 2 … → harvest → feedback → closed."""
    state, moment = workshop.state, now()
    if state == "lobby":
        workshop.state, workshop.round_no = "round", 1
        seating.seat_first_round(workshop)
        seating.take_seats(workshop)
        _set_timer(workshop, timer.start(workshop.round_minutes * 60, moment))
    elif state == "round" and workshop.round_no < workshop.rounds:
        workshop.state = "break"
        seating.plan_next_round(workshop)
        _set_timer(workshop, timer.start(workshop.break_minutes * 60, moment))
    elif state == "break":
        workshop.state, workshop.round_no = "round", workshop.round_no + 1
        seating.take_seats(workshop)
        _set_timer(workshop, timer.start(workshop.round_minutes * 60, moment))
    elif state in ("round", "harvest", "feedback"):
        workshop.state = {"round": "harvest", "harvest": "feedback", "feedback": "closed"}[state]
        _set_timer(workshop, timer.Timer())
    else:
        raise DomainError("workshop_closed")
    return _commit_phase(workshop, moment)


def close(workshop: Workshop) -> Workshop:
    """End the workshop at once, from any phase."""
    if workshop.state == "closed":
        raise DomainError("workshop_closed")
    workshop.state = "closed"
    _set_timer(workshop, timer.Timer())
    return _commit_phase(workshop, now())


def reopen(workshop):
    """Open a closed workshop again at its feedback phase, within the retention period.

    The period is MAIL_RETENTION_DAYS from the closing, the time personal data is kept;
    later the workshop stays closed (`reopen_expired`).
    """
    if workshop.state != "closed":
        raise DomainError("workshop_not_closed")
    days = current_app.config["MAIL_RETENTION_DAYS"]
    closed_at = _closed_at(workshop)
    if closed_at is not None and now() - timer.as_utc(closed_at) > timedelta(days=days):
        raise DomainError("reopen_expired", days=days)
    workshop.state = "feedback"
    _set_timer(workshop, timer.Timer())
    return _commit_phase(workshop, now())


def _closed_at(workshop):
    """When the workshop closed: its last phase change (closed is the last phase)."""
    return db.session.scalar(select(Event.created_at).where(
        Event.workshop_id == workshop.id, Event.type == "phase:changed")
        .order_by(Event.seq.desc()).limit(1))


def _commit_phase(workshop, moment):
    """Record and announce the new phase, with the tables' topics (they move in topics mode)."""
    event = events.record(workshop.id, "phase:changed", {
        "phase": phase_dict(workshop, moment),
        "tables": [table_dict(t) for t in workshop.tables]}, "all")
    events.commit_and_publish(event)
    return workshop


def change_timer(workshop: Workshop, action: str, minutes: Any = None) -> Workshop:
    """Pause, resume or extend the running phase's timer and announce it."""
    current, moment = _timer_of(workshop), now()
    if not current.timed and action != "extend" or workshop.state not in ("round", "break"):
        raise DomainError("no_timer")
    if action == "pause":
        new = timer.pause(current, moment)
    elif action == "resume":
        new = timer.resume(current, moment)
    else:
        if not is_int(minutes, 1, EXTEND_MAX_MINUTES):
            raise DomainError("bad_payload")
        new = timer.extend(current, minutes * 60, moment)
    _set_timer(workshop, new)
    event = events.record(workshop.id, "timer:changed",
                          {"phase": phase_dict(workshop, moment)}, "all")
    events.commit_and_publish(event)
    return workshop


def send_message(workshop: Workshop, text: Any) -> Workshop:
    """Show a short message on every screen of the workshop (empty text clears it)."""
    text = "" if text in (None, "") else clean_text(text, MESSAGE_MAX, "bad_payload")
    workshop.message = text or None
    event = events.record(workshop.id, "message:sent", {"text": text}, "all")
    events.commit_and_publish(event)
    return workshop
