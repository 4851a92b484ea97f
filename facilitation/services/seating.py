"""Who sits where each round: hosts stay, the others are planned to meet new people."""
from __future__ import annotations

import logging

from sqlalchemy import select

from ..extensions import db
from ..models import Participant, Seat, Workshop
from ..rotation import plan_people_rotation, topic_rotation

log = logging.getLogger(__name__)


def _people(workshop):
    """Everyone still in the workshop, oldest first."""
    return db.session.scalars(select(Participant).where(
        Participant.workshop_id == workshop.id, Participant.removed_at.is_(None))
        .order_by(Participant.id)).all()


def _seats(workshop, round_no):
    """participant id → table id for a round."""
    rows = db.session.execute(select(Seat.participant_id, Seat.table_id).where(
        Seat.workshop_id == workshop.id, Seat.round_no == round_no))
    return dict(rows.all())


def seat_first_round(workshop: Workshop) -> None:
    """Round 1 is where people chose to sit; each table's first arrival hosts it unless set."""
    people = _people(workshop)
    for person in people:
        if person.table_id is not None:
            db.session.add(Seat(workshop_id=workshop.id, round_no=1,
                                participant_id=person.id, table_id=person.table_id))
    for table in workshop.tables:
        if table.host_id is None:
            table.host_id = next((p.id for p in people if p.table_id == table.id), None)


def plan_next_round(workshop: Workshop) -> None:
    """Store the seats of the round after the current one.

    In-room and remote tables are planned apart. People who joined late take part from now on;
    earlier rounds count, so nobody returns to a table and as few pairs as possible meet twice.
    """
    next_round = workshop.round_no + 1
    db.session.execute(Seat.__table__.delete().where(
        Seat.workshop_id == workshop.id, Seat.round_no == next_round))
    people = _people(workshop)
    for remote in (False, True):
        # Grouped by the kind of table people sit at: remote people stay at remote tables.
        tables = [t for t in workshop.tables if t.remote == remote]
        group = [p for p in people if p.table_id in {t.id for t in tables}]
        if not group:
            continue
        for person_id, table_id in _plan_group(workshop, tables, group).items():
            db.session.add(Seat(workshop_id=workshop.id, round_no=next_round,
                                participant_id=person_id, table_id=table_id))


def _plan_group(workshop, tables, group):
    """participant id → table id of the next round for one kind of table."""
    if workshop.mode == "topics":
        return {p.id: p.table_id for p in group}  # people stay; the topics move
    hosts = _hosts(tables, group)
    if hosts is None:
        return _shift(tables, group)
    index = {p.id: i for i, p in enumerate(hosts + [p for p in group if p not in hosts])}
    table_index = {t.id: i for i, t in enumerate(tables)}
    history = [_round_as_plan(_seats(workshop, r), index, table_index, len(tables))
               for r in range(1, workshop.round_no + 1)]
    try:
        plan = plan_people_rotation(len(tables), len(index), workshop.rounds, seed=workshop.id,
                                    hosts=list(range(len(tables))), history=history)
    except ValueError as error:
        log.warning("rotation planning fell back to a shift: %s", error)
        return _shift(tables, group)
    person = {i: pid for pid, i in index.items()}
    seating = plan["rounds"][0]["tables"] if plan["rounds"] else []
    return {person[i]: tables[t].id for t, members in enumerate(seating) for i in members}


def _hosts(tables, group):
    """The host of each table, in table order; None when some table has none present."""
    by_id = {p.id: p for p in group}
    hosts = [by_id.get(t.host_id) for t in tables]
    return None if None in hosts or len(set(hosts)) < len(hosts) else hosts


def _round_as_plan(seats, index, table_index, table_count):
    """A played round's seats in the planner's numbering (unknown people left out)."""
    seating = [[] for _ in range(table_count)]
    for person_id, table_id in seats.items():
        if person_id in index and table_id in table_index:
            seating[table_index[table_id]].append(index[person_id])
    return {"tables": seating}


def _shift(tables, group):
    """Fallback when planning is impossible: hosts stay, everyone else moves one table on."""
    order = {t.id: i for i, t in enumerate(tables)}
    hosts = {t.host_id for t in tables}
    return {p.id: p.table_id if p.id in hosts or p.table_id not in order
            else tables[(order[p.table_id] + 1) % len(tables)].id for p in group}


def take_seats(workshop: Workshop) -> None:
    """At the start of a round, move everyone with a seat to it; in topics mode move topics."""
    seats = _seats(workshop, workshop.round_no)
    tables = {t.id: t for t in workshop.tables}
    for person in _people(workshop):
        if person.id in seats:
            # The relationship, not only the column: objects keep their values past the commit.
            person.table = tables[seats[person.id]]
    if workshop.mode == "topics" and workshop.topics:
        order = topic_rotation(len(workshop.tables), len(workshop.topics), workshop.round_no)
        for table, topic_index in zip(workshop.tables, order[workshop.round_no - 1]):
            table.topic = workshop.topics[topic_index]


def next_table_of(workshop: Workshop, participant_id: int) -> int | None:
    """The table planned for this participant in the next round, if any."""
    return _seats(workshop, workshop.round_no + 1).get(participant_id)


def next_seats(workshop: Workshop) -> dict[int, int]:
    """participant id → table id planned for the next round."""
    return _seats(workshop, workshop.round_no + 1)
