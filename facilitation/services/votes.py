"""Dot voting: the facilitator opens a vote, people place and take back dots, results live."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..errors import DomainError
from ..extensions import db
from ..models import Ballot, Participant, Vote, Workshop
from ..validation import is_int
from . import events
from .rights import check_vote_target
from .workshops import table_of

SCOPES = ("notes", "table", "themes")
MAX_DOTS = 10


def ballot_dict(ballot: Ballot | None) -> dict[str, Any] | None:
    """A ballot as clients see it."""
    if ballot is None:
        return None
    return {"id": ballot.id, "scope": ballot.scope, "scope_id": ballot.scope_id,
            "dots": ballot.dots, "open": ballot.open}


def open_ballot(workshop: Workshop, scope: Any, scope_id: Any = None, dots: Any = 3) -> Ballot:
    """Open a dot vote (closing any open one) on all notes, one table's notes, or themes."""
    if scope not in SCOPES or not is_int(dots, 1, MAX_DOTS):
        raise DomainError("bad_payload")
    if scope == "table":
        scope_id = table_of(workshop.id, scope_id).id
    elif scope == "themes" and scope_id is not None:
        if scope_id not in {t.id for t in workshop.topics}:
            raise DomainError("not_found")
    else:
        scope_id = None if scope == "notes" else scope_id
    for ballot in db.session.scalars(select(Ballot).where(
            Ballot.workshop_id == workshop.id, Ballot.open.is_(True))):
        ballot.open = False
    ballot = Ballot(workshop_id=workshop.id, scope=scope, scope_id=scope_id, dots=dots)
    db.session.add(ballot)
    db.session.flush()
    event = events.record(workshop.id, "ballot:opened", {"ballot": ballot_dict(ballot)}, "all")
    events.commit_and_publish(event)
    return ballot


def close_ballot(workshop: Workshop) -> Ballot:
    """Close the open vote; everyone gets the final totals."""
    ballot = open_ballot_of(workshop.id)
    if ballot is None:
        raise DomainError("no_ballot")
    ballot.open = False
    event = events.record(workshop.id, "ballot:closed",
                          {"ballot": ballot_dict(ballot), "totals": totals(ballot)}, "all")
    events.commit_and_publish(event)
    return ballot


def open_ballot_of(workshop_id: int) -> Ballot | None:
    """The workshop's open ballot, if any."""
    return db.session.scalar(select(Ballot).where(
        Ballot.workshop_id == workshop_id, Ballot.open.is_(True)))


def totals(ballot: Ballot) -> list[dict[str, Any]]:
    """Dots per target as a list of {target_type, target_id, count}, most first."""
    rows = db.session.execute(
        select(Vote.target_type, Vote.target_id, func.count()).where(Vote.ballot_id == ballot.id)
        .group_by(Vote.target_type, Vote.target_id).order_by(func.count().desc()))
    return [{"target_type": t, "target_id": i, "count": n} for t, i, n in rows]


def my_votes(ballot: Ballot, participant_id: int) -> dict[str, int]:
    """A participant's own dots: {"note:5": 2, ...}."""
    rows = db.session.execute(
        select(Vote.target_type, Vote.target_id, func.count())
        .where(Vote.ballot_id == ballot.id, Vote.participant_id == participant_id)
        .group_by(Vote.target_type, Vote.target_id))
    return {f"{t}:{i}": n for t, i, n in rows}


def add_dot(participant: Participant, target_type: Any, target_id: Any) -> dict[str, Any]:
    """Place one of the participant's dots (several may go on one item)."""
    ballot = open_ballot_of(participant.workshop_id)
    if ballot is None:
        raise DomainError("no_ballot")
    check_vote_target(ballot, target_type, target_id)
    used = set(db.session.scalars(select(Vote.slot).where(
        Vote.ballot_id == ballot.id, Vote.participant_id == participant.id)))
    free = sorted(set(range(1, ballot.dots + 1)) - used)
    if not free:
        raise DomainError("no_dots_left")
    try:
        # The unique slot per (ballot, person) caps the dots even when two taps race.
        db.session.add(Vote(ballot_id=ballot.id, participant_id=participant.id, slot=free[0],
                            target_type=target_type, target_id=target_id))
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise DomainError("no_dots_left") from None
    return _announce_count(ballot, participant, target_type, target_id)


def remove_dot(participant: Participant, target_type: Any, target_id: Any) -> dict[str, Any]:
    """Take back one of the participant's dots from an item."""
    ballot = open_ballot_of(participant.workshop_id)
    if ballot is None:
        raise DomainError("no_ballot")
    vote = db.session.scalar(select(Vote).where(
        Vote.ballot_id == ballot.id, Vote.participant_id == participant.id,
        Vote.target_type == target_type, Vote.target_id == target_id)
        .order_by(Vote.slot.desc()).limit(1))
    if vote is None:
        raise DomainError("not_found")
    db.session.delete(vote)
    db.session.flush()
    return _announce_count(ballot, participant, target_type, target_id)


def _announce_count(ballot, participant, target_type, target_id):
    """Tell the board and console the item's new total; return the voter's own dots."""
    count = db.session.scalar(select(func.count()).select_from(Vote).where(
        Vote.ballot_id == ballot.id, Vote.target_type == target_type, Vote.target_id == target_id))
    event = events.record(ballot.workshop_id, "votes:changed", {
        "ballot_id": ballot.id, "target_type": target_type, "target_id": target_id,
        "count": count}, "screens")
    mine = my_votes(ballot, participant.id)
    events.commit_and_publish(event)
    return {"ballot": ballot_dict(ballot), "mine": mine,
            "dots_left": ballot.dots - sum(mine.values())}
