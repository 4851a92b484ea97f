"""Participants: join with the code, resume by token, sit at a table, presence."""
import hashlib
import secrets

from sqlalchemy import select, update

from ..config import ORGANISATION_TYPES
from ..errors import DomainError
from ..extensions import db
from ..models import Participant
from ..realtime.broadcast import announce
from . import events
from .snapshots import participant_dict
from .tables import host_if_unhosted
from .text import clean_text, optional_text
from .workshops import table_of

NAME_MAX = 60


def hash_token(token):
    """The stored form of a participant's secret token."""
    return hashlib.sha256(token.encode()).hexdigest()


def join(workshop, display_name, organisation="", organisation_type="", table_id=None,
         remote=False):
    """Add a participant to the workshop; return it with its new secret token."""
    if workshop.state == "closed":
        raise DomainError("workshop_closed")
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
    db.session.commit()
    announce(event, *hosted)
    return participant, token


def _check_kind(workshop, table, remote):
    """Remote people sit at remote tables and people in the room at the room's, when both exist."""
    if table.remote != remote and any(t.remote == remote for t in workshop.tables):
        raise DomainError("table_wrong_kind_remote" if remote else "table_wrong_kind_room")


def participant_by_token(token):
    """The participant holding this token, unless removed; else None."""
    if not isinstance(token, str) or not token:
        return None
    participant = db.session.scalar(
        select(Participant).where(Participant.token_hash == hash_token(token)))
    if participant is None or participant.removed_at is not None:
        return None
    return participant


def active_participant(participant_id):
    """Re-read a participant for each event: a removed one has no rights left."""
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.removed_at is not None:
        raise DomainError("unauthorised")
    return participant


def choose_table(participant, table_id):
    """Seat the participant at a table of their workshop."""
    table = table_of(participant.workshop_id, table_id)
    _check_kind(participant.workshop, table, participant.remote)
    participant.table = table
    event = events.record(participant.workshop_id, "participant:moved",
                          {"participant": participant_dict(participant)}, "console")
    hosted = host_if_unhosted(participant)
    db.session.commit()
    announce(event, *hosted)
    return participant


def set_presence(participant, delta):
    """Count a socket opening (+1) or closing (-1); announce when presence flips."""
    db.session.execute(update(Participant).where(Participant.id == participant.id)
                       .values(connections=Participant.connections + delta))
    db.session.flush()
    db.session.refresh(participant)
    online = participant.connections > 0
    if online != (participant.connections - delta > 0):
        event = events.record(participant.workshop_id, "presence:changed",
                              {"participant_id": participant.id, "online": online}, "console")
        db.session.commit()
        announce(event)
    else:
        db.session.commit()


def reset_presence():
    """Forget connection counts left by a previous server process."""
    db.session.execute(update(Participant).values(connections=0))
    db.session.commit()
