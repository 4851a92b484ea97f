"""What each audience sees: plain dicts for acks, broadcasts and pages."""
from datetime import datetime, timezone

from sqlalchemy import func, or_, select

from .. import timer
from ..extensions import db
from ..models import Feedback, Note, Participant, Seat, Workshop
from . import votes
from .theme_reads import ballot_themes, themes_of


def note_dict(note):
    """A note as clients see it; the author is an id, names stay on the console."""
    return {"id": note.id, "client_id": note.client_id, "table_id": note.table_id,
            "topic_id": note.topic_id, "author_id": note.participant_id, "text": note.text,
            "kind": note.kind, "owner": note.owner,
            "due": note.due.isoformat() if note.due else None, "hidden": note.hidden,
            "concealed": note.concealed, "round": note.round_no,
            "created_at": _iso(note.created_at)}


def _iso(moment):
    """ISO 8601 in UTC; SQLite hands stored times back without their zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat()


def topic_dict(topic):
    """A topic with its prompt questions."""
    if topic is None:
        return None
    return {"id": topic.id, "title": topic.title, "description": topic.description or "",
            "prompts": list(topic.prompts or [])}


def table_dict(table):
    """A table with its topic, its host and the host's crystallisation."""
    return {"id": table.id, "name": table.name, "remote": table.remote,
            "video_url": table.video_url, "topic": topic_dict(table.topic),
            "host_id": table.host_id, "crystallisation": table.crystallisation}


def phase_dict(workshop, moment=None):
    """Where the café is: phase, round, timer and the message on every screen."""
    moment = moment or datetime.now(timezone.utc)
    current = timer.Timer(timer.as_utc(workshop.phase_ends_at), workshop.paused_remaining)
    return {"state": workshop.state, "round": workshop.round_no, "rounds": workshop.rounds,
            "mode": workshop.mode, "timer": timer.describe(current, moment) if current.timed else None,
            "message": workshop.message}


def participant_dict(participant):
    """A participant as the console sees them."""
    return {"id": participant.id, "name": participant.display_name,
            "organisation": participant.organisation,
            "organisation_type": participant.organisation_type, "remote": participant.remote,
            "table_id": participant.table_id, "online": participant.connections > 0}


def workshop_dict(workshop):
    """The workshop's public facts."""
    return {"id": workshop.id, "code": workshop.code, "title": workshop.title,
            "date": workshop.date.isoformat() if workshop.date else None,
            "place": workshop.place, "language": workshop.language, "state": workshop.state,
            "locked": workshop.locked, "notes_hidden": workshop.notes_hidden}


def visible_notes(workshop_id, table_id=None, topic_id=None, include_hidden=False,
           include_concealed=False, author_id=None):
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


def participant_view(participant):
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


def feedback_count(workshop_id):
    """How many people have answered the feedback so far."""
    return db.session.scalar(select(func.count()).select_from(Feedback)
                             .where(Feedback.workshop_id == workshop_id))


def board_view(workshop):
    """The projected board: every table, its visible notes, and the themes."""
    return {"workshop": workshop_dict(workshop), "phase": phase_dict(workshop),
            "tables": [table_dict(t) for t in workshop.tables],
            "notes": visible_notes(workshop.id), "themes": themes_of(workshop.id),
            "feedback_count": feedback_count(workshop.id),
            "next_meeting": workshop.next_meeting or None, **_ballot_totals(workshop)}


def console_view(workshop):
    """The facilitator's console: everything, hidden notes and people included."""
    people = db.session.scalars(select(Participant).where(
        Participant.workshop_id == workshop.id, Participant.removed_at.is_(None))
        .order_by(Participant.id))
    next_seats = dict(db.session.execute(select(Seat.participant_id, Seat.table_id).where(
        Seat.workshop_id == workshop.id, Seat.round_no == workshop.round_no + 1)).all())
    return {"workshop": workshop_dict(workshop), "phase": phase_dict(workshop),
            "tables": [table_dict(t) for t in workshop.tables],
            "participants": [participant_dict(p) for p in people],
            "next_seats": {str(k): v for k, v in next_seats.items()}
            if workshop.state == "break" else {},
            "notes": visible_notes(workshop.id, include_hidden=True, include_concealed=True),
            **_ballot_totals(workshop)}
