"""Facilitator accounts: the first-run account, sign-in and the CLI."""
from __future__ import annotations

import functools
import secrets
import sys

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..errors import DomainError
from ..extensions import db
from ..models import Facilitator
from ..validation import is_int
from . import events

MIN_PASSWORD_LENGTH = 10


def facilitator_count() -> int:
    """How many facilitator accounts exist (zero means first run)."""
    return db.session.scalar(select(func.count(Facilitator.id)))


def create_facilitator(email: str, password: str) -> Facilitator:
    """Create an account with a hashed password."""
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > 254:
        raise DomainError("email_invalid")
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise DomainError("password_too_short", limit=MIN_PASSWORD_LENGTH)
    if db.session.scalar(select(Facilitator.id).where(Facilitator.email == email)):
        raise DomainError("email_taken")
    facilitator = Facilitator(email=email, password_hash=generate_password_hash(password))
    db.session.add(facilitator)
    db.session.commit()
    return facilitator


def authenticate(email: str | None, password: str | None) -> Facilitator | None:
    """The facilitator with this email and password, or None.

    An unknown email is checked against a hash of no one's password, so that it takes
    as long as a known one and the time does not tell who has an account.
    """
    facilitator = db.session.scalar(
        select(Facilitator).where(Facilitator.email == (email or "").strip().lower()))
    stored = facilitator.password_hash if facilitator else _nobodys_hash()
    if _off_the_loop(check_password_hash, stored, password or "") and facilitator:
        return facilitator
    return None


@functools.cache
def _nobodys_hash():
    """A password hash made like every other one, of a password nobody knows."""
    return generate_password_hash(secrets.token_urlsafe(16))


def _off_the_loop(fn, *args):
    """Run a CPU-bound call in eventlet's thread pool when the server runs on eventlet.

    A password hash takes some 100 ms: inside the event loop it would stall every
    socket of the process for that long.
    """
    patcher = sys.modules.get("eventlet.patcher")
    if patcher is not None and patcher.is_monkey_patched("socket"):
        from eventlet import tpool
        return tpool.execute(fn, *args)
    return fn(*args)


def facilitator_of_session(session_id):
    """The facilitator a session id `<id>:<generation>` names, while it is current."""
    facilitator_id, _, generation = str(session_id).partition(":")
    if not (facilitator_id.isdigit() and generation.isdigit()):
        return None
    facilitator = db.session.get(Facilitator, int(facilitator_id)) \
        if is_int(int(facilitator_id)) else None
    if facilitator is None or facilitator.session_generation != int(generation):
        return None
    return facilitator


def end_sessions(facilitator):
    """Sign the facilitator out everywhere: older session cookies and console sockets end."""
    facilitator.session_generation += 1
    db.session.commit()
    events.disconnect_facilitator(facilitator.id)
