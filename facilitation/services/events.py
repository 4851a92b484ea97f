"""Number each change per workshop, commit it, then hand it to the publisher.

Services know nothing of Socket.IO: the factory registers a publisher (the one
that emits over Socket.IO) and `commit_and_publish` gives it what was committed.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from flask import Flask, current_app
from sqlalchemy import bindparam, or_, select

from ..extensions import db
from ..models import Event, Workshop

PUBLISHER_KEY = "kahvila.publisher"


@dataclass(frozen=True)
class Broadcast:
    """A committed event as it leaves the server: its name, audience, table and payload."""

    workshop_id: int
    seq: int
    name: str
    audience: str
    table_id: int | None
    payload: dict[str, Any]

    @property
    def data(self) -> dict[str, Any]:
        """What clients receive: the payload with the event's sequence number."""
        return {"seq": self.seq, **self.payload}


class Publisher(Protocol):
    """Where committed changes go: out over Socket.IO, or into a test's recorder."""

    def publish(self, broadcasts: Sequence[Broadcast]) -> None:
        """Send committed events to their audiences."""

    def notify(self, workshop_id: int, participant_id: int, name: str,
               payload: dict[str, Any]) -> None:
        """Send a notice to one participant's own sockets."""

    def disconnect(self, workshop_id: int, participant_id: int) -> None:
        """Close one participant's sockets."""

    def disconnect_facilitator(self, facilitator_id: int) -> None:
        """Close one facilitator's console sockets."""


def register_publisher(app: Flask, publisher: Publisher) -> Publisher:
    """Make `publisher` the one this app's services hand their committed events to."""
    app.extensions[PUBLISHER_KEY] = publisher
    return publisher


def publisher() -> Publisher:
    """The current app's publisher."""
    return current_app.extensions[PUBLISHER_KEY]


# On the table, not the mapped class: the ORM's bulk-update bookkeeping would cost more
# than the statement. So a `Workshop` loaded before `record` keeps the `seq` it was loaded
# with (a `sync` reads it from the speaker's query, before anything is recorded).
_WORKSHOPS = Workshop.__table__
NEXT_SEQ = (_WORKSHOPS.update().where(_WORKSHOPS.c.id == bindparam("workshop_id"))
            .values(seq=_WORKSHOPS.c.seq + 1).returning(_WORKSHOPS.c.seq))


def record(workshop_id: int, type_: str, payload: dict[str, Any], audience: str,
           table_id: int | None = None) -> Event:
    """Add a numbered Event row to the current transaction and return it.

    The counter is bumped with one UPDATE, so concurrent writers of the same
    workshop are serialised by the database and never share a number.
    """
    seq = db.session.execute(NEXT_SEQ, {"workshop_id": workshop_id}).scalar_one()
    event = Event(workshop_id=workshop_id, seq=seq, type=type_, audience=audience,
                  table_id=table_id, payload=payload)
    db.session.add(event)
    return event


def commit_and_publish(*events: Event) -> None:
    """Commit the session, then publish the recorded events, in order.

    A client must never see a change that a crash could still undo: nothing
    is published unless the commit succeeded, and callers acknowledge after.
    """
    # Copied before the commit: what is published is exactly what was committed.
    broadcasts = [Broadcast(e.workshop_id, e.seq, e.type, e.audience, e.table_id, e.payload)
                  for e in events]
    db.session.commit()
    if broadcasts:
        publisher().publish(broadcasts)


def notify_participant(workshop_id: int, participant_id: int, name: str,
                       payload: dict[str, Any]) -> None:
    """A notice for one participant's own sockets (not recorded: it is about them alone)."""
    publisher().notify(workshop_id, participant_id, name, payload)


def disconnect_participant(workshop_id: int, participant_id: int) -> None:
    """Close the sockets of a participant (after their removal is committed)."""
    publisher().disconnect(workshop_id, participant_id)


def disconnect_facilitator(facilitator_id: int) -> None:
    """Close a facilitator's console sockets (after their sign-out is committed)."""
    publisher().disconnect_facilitator(facilitator_id)


def current_seq(workshop_id: int) -> int:
    """The sequence number of the workshop's latest event."""
    return db.session.scalar(select(Workshop.seq).where(Workshop.id == workshop_id))


def events_since(workshop_id: int, after_seq: int, audiences: Sequence[str],
                 table_id: int | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """The workshop's events after a sequence number, oldest first, as broadcast.

    `audiences` and `table_id` keep to what one client may see: a phone
    gets "all" and its own table's "table" events, a board everything but
    "console" events. `limit` stops after that many.
    """
    query = select(Event.seq, Event.type, Event.payload).where(
        Event.workshop_id == workshop_id, Event.seq > after_seq, Event.audience.in_(audiences))
    if table_id is not None:
        query = query.where(or_(Event.audience != "table", Event.table_id == table_id))
    query = query.order_by(Event.seq).limit(limit)
    return [{"name": type_, "data": {"seq": seq, **payload}}
            for seq, type_, payload in db.session.execute(query)]
