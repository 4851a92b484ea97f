"""What each audience sees: plain dicts for acks, broadcasts and pages."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from flask import current_app
from sqlalchemy import func, or_, select

from .. import timer
from ..extensions import db
from ..models import CafeTable, Feedback, Note, Participant, Seat, Topic, Workshop
from . import presence, votes
from .theme_reads import ballot_themes, themes_of


def note_dict(note: Note) -> dict[str, Any]:
    """A note as clients see it; the author is an id, names stay on the console."""
    return {"id": note.id, "client_id": note.client_id, "table_id": note.table_id,
            "topic_id": note.topic_id, "author_id": note.participant_id, "text": note.text,
            "kind": note.kind, "owner": note.owner,
            "due": note.due.isoformat() if note.due else None, "hidden": note.hidden,
            "concealed": note.concealed, "round": note.round_no, "same_as": note.same_as_id,
            "created_at": note.created_at.isoformat()}


def topic_dict(topic: Topic | None) -> dict[str, Any] | None:
    """A topic with its prompt questions."""
    if topic is None:
        return None
    return {"id": topic.id, "title": topic.title, "description": topic.description or "",
            "prompts": list(topic.prompts or [])}


def table_dict(table: CafeTable) -> dict[str, Any]:
    """A table with its topic, its host and the host's crystallisation."""
    return {"id": table.id, "name": table.name, "remote": table.remote,
            "video_url": table.video_url, "topic": topic_dict(table.topic),
            "host_id": table.host_id, "crystallisation": table.crystallisation}


def phase_dict(workshop: Workshop, moment: datetime | None = None) -> dict[str, Any]:
    """Where the café is: phase, round, timer and the message on every screen."""
    moment = moment or datetime.now(timezone.utc)
    current = timer.Timer(workshop.phase_ends_at, workshop.paused_remaining)
    return {"state": workshop.state, "round": workshop.round_no, "rounds": workshop.rounds,
            "mode": workshop.mode, "timer": timer.describe(current, moment) if current.timed else None,
            "message": workshop.message}


def participant_dict(participant: Participant, online: bool = False) -> dict[str, Any]:
    """A participant as the console sees them; `online` comes from presence."""
    return {"id": participant.id, "name": participant.display_name,
            "organisation": participant.organisation,
            "organisation_type": participant.organisation_type, "remote": participant.remote,
            "table_id": participant.table_id, "online": online}


def workshop_dict(workshop: Workshop) -> dict[str, Any]:
    """The workshop's public facts."""
    return {"id": workshop.id, "code": workshop.code, "title": workshop.title,
            "date": workshop.date.isoformat() if workshop.date else None,
            "place": workshop.place, "language": workshop.language, "state": workshop.state,
            "locked": workshop.locked, "notes_hidden": workshop.notes_hidden,
            "joining_locked": workshop.joining_locked}


def visible_notes(workshop_id: int, table_id: int | None = None, topic_id: int | None = None,
                  include_hidden: bool = False, include_concealed: bool = False,
                  author_id: int | None = None) -> list[dict[str, Any]]:
    """Notes of a workshop (or of one table, or one topic), oldest first; never deleted ones.

    Concealed notes (hidden until reveal) are left out unless asked for, or
    written by `author_id`: a person always sees their own.
    """
    query = select(Note).where(Note.workshop_id == workshop_id, Note.deleted_at.is_(None))
    if table_id is not None:
        query = query.where(Note.table_id == table_id)
    if topic_id is not None:
        query = query.where(Note.topic_id == topic_id)
    if not include_hidden:
        query = query.where(Note.hidden.is_(False))
    if not include_concealed:
        query = query.where(or_(Note.concealed.is_(False), Note.participant_id == author_id))
    return [note_dict(n) for n in db.session.scalars(query.order_by(Note.id))]


def participant_view(participant: Participant) -> dict[str, Any]:
    """A phone's state: the phase, the tables, my table now and next, my table's notes.

    The notes are those of my table (people rotate: a table keeps its topic)
    or of my table's current topic (topics rotate), all rounds included, so
    newcomers and the host see what earlier rounds wrote.
    """
    workshop = db.session.get(Workshop, participant.workshop_id)
    table = participant.table
    next_seat = db.session.scalar(select(Seat.table_id).where(
        Seat.participant_id == participant.id, Seat.round_no == workshop.round_no + 1))
    if table is None:
        notes = []
    elif workshop.mode == "topics":
        notes = visible_notes(workshop.id, topic_id=table.topic_id, author_id=participant.id)
    else:
        notes = visible_notes(workshop.id, table_id=table.id, author_id=participant.id)
    return {"workshop": workshop_dict(workshop), "phase": phase_dict(workshop),
            "me": {"id": participant.id, "name": participant.display_name,
                   "table_id": participant.table_id, "remote": participant.remote,
                   "next_table_id": next_seat if workshop.state == "break" else None,
                   "host": table is not None and table.host_id == participant.id},
            "tables": [table_dict(t) for t in workshop.tables],
            "notes": notes, **_my_ballot(workshop, participant)}


def _my_ballot(workshop, participant):
    """The open vote and this participant's own dots (others' dots stay anonymous).

    A vote on all notes takes every table's notes: the phone gets them all to vote on.
    """
    ballot = votes.open_ballot_of(workshop.id)
    mine = votes.my_votes(ballot, participant.id) if ballot else {}
    on_all = ballot is not None and ballot.scope == "notes"
    return {"ballot": votes.ballot_dict(ballot), "my_votes": mine,
            "dots_left": ballot.dots - sum(mine.values()) if ballot else 0,
            "ballot_themes": ballot_themes(ballot),
            "ballot_notes": visible_notes(workshop.id, author_id=participant.id) if on_all else []}


def _ballot_totals(workshop):
    """The open vote and its totals, for the board and the console."""
    ballot = votes.open_ballot_of(workshop.id)
    return {"ballot": votes.ballot_dict(ballot), "totals": votes.totals(ballot) if ballot else []}


def feedback_count(workshop_id: int) -> int:
    """How many people have answered the feedback so far."""
    return db.session.scalar(select(func.count()).select_from(Feedback)
                             .where(Feedback.workshop_id == workshop_id))


def board_view(workshop: Workshop) -> dict[str, Any]:
    """The projected board: every table, its visible notes, and the themes."""
    return {"workshop": workshop_dict(workshop), "phase": phase_dict(workshop),
            "tables": [table_dict(t) for t in workshop.tables],
            "notes": visible_notes(workshop.id), "themes": themes_of(workshop.id),
            "feedback_count": feedback_count(workshop.id),
            "next_meeting": workshop.next_meeting or None, **_ballot_totals(workshop)}


def console_view(workshop: Workshop, online: set[int] | None = None) -> dict[str, Any]:
    """The facilitator's console: everything, hidden notes and people included.

    `online` is the set of participant ids connected now (realtime/presence.py
    knows this process's own); without it, the live processes' flushed rows.
    """
    if online is None:
        online = presence.online_ids(
            workshop.id, current_app.config["PRESENCE_TIMEOUT_SECONDS"])
    people = db.session.scalars(select(Participant).where(
        Participant.workshop_id == workshop.id, Participant.removed_at.is_(None))
        .order_by(Participant.id))
    next_seats = dict(db.session.execute(select(Seat.participant_id, Seat.table_id).where(
        Seat.workshop_id == workshop.id, Seat.round_no == workshop.round_no + 1)).all())
    return {"workshop": workshop_dict(workshop), "phase": phase_dict(workshop),
            "tables": [table_dict(t) for t in workshop.tables],
            "participants": [participant_dict(p, p.id in online) for p in people],
            "next_seats": {str(k): v for k, v in next_seats.items()}
            if workshop.state == "break" else {},
            "notes": visible_notes(workshop.id, include_hidden=True, include_concealed=True),
            **_ballot_totals(workshop)}
