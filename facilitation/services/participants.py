"""Participants: join with the code, resume by token, sit at a table."""
from __future__ import annotations

import hashlib
import secrets
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from ..errors import DomainError
from ..extensions import db
from ..models import Participant, Workshop
from ..rules import NAME_MAX, ORGANISATION_TYPES
from . import events
from .snapshots import participant_dict
from .tables import host_if_unhosted
from .text import clean_text, optional_text
from .workshops import table_of


def hash_token(token: str) -> str:
    """The stored form of a participant's secret token."""
    return hashlib.sha256(token.encode()).hexdigest()


def join(workshop: Workshop, display_name: Any, organisation: Any = "",
         organisation_type: Any = "", table_id: Any = None,
         remote: Any = False) -> tuple[Participant, str]:
    """Add a participant to the workshop; return it with its new secret token."""
    if workshop.state == "closed":
        raise DomainError("workshop_closed")
    if workshop.joining_locked:
        raise DomainError("joining_locked")
    name = clean_text(display_name, NAME_MAX, "name_required", "name_too_long")
    if organisation_type and organisation_type not in ORGANISATION_TYPES:
        raise DomainError("organisation_type_unknown")
    table = table_of(workshop.id, table_id) if table_id is not None else None
    if table is not None:
        _check_kind(workshop, table, bool(remote))
    token = secrets.token_urlsafe(24)
    participant = Participant(
        workshop_id=workshop.id, token_hash=hash_token(token), display_name=name,
        organisation=optional_text(organisation, 120), organisation_type=organisation_type or "",
        remote=bool(remote), table=table)
    db.session.add(participant)
    db.session.flush()
    event = events.record(workshop.id, "participant:joined",
                          {"participant": participant_dict(participant)}, "console")
    hosted = host_if_unhosted(participant)
    events.commit_and_publish(event, *hosted)
    return participant, token


def _check_kind(workshop, table, remote):
    """Remote people sit at remote tables and people in the room at the room's, when both exist."""
    if table.remote != remote and any(t.remote == remote for t in workshop.tables):
        raise DomainError("table_wrong_kind_remote" if remote else "table_wrong_kind_room")


def participant_by_token(token: Any) -> Participant | None:
    """The participant holding this token, unless removed; else None."""
    if not isinstance(token, str) or not token:
        return None
    participant = db.session.scalar(
        select(Participant).where(Participant.token_hash == hash_token(token)))
    if participant is None or participant.removed_at is not None:
        return None
    return participant


# Built once: `Session.get` with loader options costs more than the query it runs.
SPEAKER = (select(Participant).where(Participant.id == bindparam("participant_id"))
           .options(joinedload(Participant.workshop), joinedload(Participant.table)))


def active_participant(participant_id: int) -> Participant:
    """Re-read a participant for each event: a removed one has no rights left.

    One query brings the workshop and the table with it: adding a note needs both.
    """
    participant = db.session.execute(
        SPEAKER, {"participant_id": participant_id}).scalar_one_or_none()
    if participant is None or participant.removed_at is not None:
        raise DomainError("unauthorised")
    return participant


def choose_table(participant: Participant, table_id: Any) -> Participant:
    """Seat the participant at a table of their workshop."""
    table = table_of(participant.workshop_id, table_id)
    _check_kind(participant.workshop, table, participant.remote)
    participant.table = table
    event = events.record(participant.workshop_id, "participant:moved",
                          {"participant": participant_dict(participant)}, "console")
    hosted = host_if_unhosted(participant)
    events.commit_and_publish(event, *hosted)
    return participant
