"""Number each change per workshop so that clients can replay what they missed."""
from sqlalchemy import or_, select, update

from ..extensions import db
from ..models import Event, Workshop


def record(workshop_id, type_, payload, audience, table_id=None):
    """Add a numbered Event row to the current transaction and return it.

    The counter is bumped with one UPDATE, so concurrent writers of the same
    workshop are serialised by the database and never share a number.
    """
    seq = db.session.execute(
        update(Workshop).where(Workshop.id == workshop_id)
        .values(seq=Workshop.seq + 1).returning(Workshop.seq)
    ).scalar_one()
    event = Event(workshop_id=workshop_id, seq=seq, type=type_, audience=audience,
                  table_id=table_id, payload=payload)
    db.session.add(event)
    return event


def current_seq(workshop_id):
    """The sequence number of the workshop's latest event."""
    return db.session.scalar(select(Workshop.seq).where(Workshop.id == workshop_id))


def events_since(workshop_id, after_seq, audiences, table_id=None):
    """The workshop's events after a sequence number, oldest first, as broadcast.

    `audiences` and `table_id` keep to what one client may see: a phone
    gets "all" and its own table's "table" events, a board everything but
    "console" events.
    """
    query = select(Event).where(Event.workshop_id == workshop_id, Event.seq > after_seq,
                                Event.audience.in_(audiences))
    if table_id is not None:
        query = query.where(or_(Event.audience != "table", Event.table_id == table_id))
    return [{"name": e.type, "data": {"seq": e.seq, **e.payload}}
            for e in db.session.scalars(query.order_by(Event.seq))]
