"""Export a workshop whole: a JSON document to keep or to import again, and its notes as CSV.

Ids in the export are its own: each kind numbered 1, 2, … in a stable order, so that an
export of an imported workshop reads the same as the export it came from.

Personal data leaves only as far as people agreed to it. Participants go out with their
name, organisation and presence, never their secret token or its hash; an email address
and the consents only for someone who gave a consent (without one no address is kept).
Dots are secret: voters become pseudonyms of this one export (`voter-1`, …) numbered by
what they voted, not by who they are or when they voted, and votes carry no time. Feedback
is linked to a participant only when they signed it, and anonymous feedback has no time and
is ordered by its content, so that neither its time nor its place in the list points at a
person. Mail jobs (recipient addresses) and the numbered event log are not part of a workshop.
"""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..extensions import db
from ..models import Ballot, Feedback, Note, Participant, Seat, Summary, Theme, ThemeNote, Vote, Workshop
from .plan_io import plan_file_name

FORMAT = "kahvila-workshop"
VERSION = 1
# Imported votes belong to stand-ins marked by this token hash: no token hashes to it
# (a real hash is hex), so nobody signs in as one, and exports leave them out.
ANONYMOUS_VOTER = "anonymous-voter:"
CSV_COLUMNS = ("table", "topic", "round", "kind", "text", "owner", "due", "created_at",
               "hidden", "theme", "votes")
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_json(workshop: Workshop) -> dict[str, Any]:
    """Return the whole workshop as a JSON-ready dict, with the export's own ids."""
    rows = _rows(workshop)
    ids = {kind: {row.id: n for n, row in enumerate(rows[kind], start=1)}
           for kind in ("topics", "tables", "participants", "notes", "themes", "ballots")}
    hidden = {ids["notes"][n.id] for n in rows["notes"] if n.hidden}
    return {
        "format": FORMAT, "version": VERSION, "exported_at": _iso(datetime.now(timezone.utc)),
        "workshop": _workshop(workshop),
        "topics": [{"id": ids["topics"][t.id], "title": t.title, "description": t.description,
                    "prompts": list(t.prompts or [])} for t in rows["topics"]],
        "tables": [_table(t, ids) for t in rows["tables"]],
        "participants": [_participant(p, ids) for p in rows["participants"]],
        "seats": _seats(rows["seats"], ids),
        "notes": [_note(n, ids) for n in rows["notes"]],
        "themes": [_theme(t, rows["theme_notes"], ids, hidden) for t in rows["themes"]],
        "ballots": _ballots(rows["ballots"], rows["votes"], ids),
        "feedback": sorted((_feedback(f, ids) for f in rows["feedback"]), key=_feedback_order),
        "summary": _summary(rows["summary"]),
    }


def export_csv(workshop: Workshop) -> str:
    """Return the workshop's notes as CSV, one a row: UTF-8 with BOM and CRLF, for Excel."""
    doc = export_json(workshop)
    tables = {t["id"]: t["name"] for t in doc["tables"]}
    topics = {t["id"]: t["title"] for t in doc["topics"]}
    themes = {note: t["label"] for t in doc["themes"] for note in t["notes"]}
    votes = {}
    for vote in (v for b in doc["ballots"] for v in b["votes"] if v["target_type"] == "note"):
        votes[vote["target"]] = votes.get(vote["target"], 0) + 1
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for note in doc["notes"]:
        writer.writerow([_cell(value) for value in (
            tables[note["table"]], topics.get(note["topic"], ""), note["round"], note["kind"],
            note["text"], note["owner"], note["due"], note["created_at"],
            "true" if note["hidden"] else "false", themes.get(note["id"], ""),
            votes.get(note["id"], 0))])
    # The byte order mark is how Excel knows the file is UTF-8 (ä, ö, å).
    return "\ufeff" + out.getvalue()


def file_name(workshop: Workshop, extension: str) -> str:
    """Return an ASCII file name for an export of the workshop, made from its title."""
    return f"{Path(plan_file_name(workshop)).stem}.{extension}"


def is_anonymous_voter(participant: Participant) -> bool:
    """Whether a participant is the stand-in of an imported anonymous voter."""
    return participant.token_hash.startswith(ANONYMOUS_VOTER)


def _rows(workshop):
    """Every row the export holds, each kind in a stable order; deleted notes left out."""
    def of(model, *where):
        query = select(model).where(model.workshop_id == workshop.id, *where)
        return db.session.scalars(query.order_by(model.id)).all()
    ballots = of(Ballot)
    return {
        "topics": list(workshop.topics), "tables": list(workshop.tables),
        "participants": [p for p in of(Participant) if not is_anonymous_voter(p)],
        "seats": of(Seat), "notes": of(Note, Note.deleted_at.is_(None)), "themes": of(Theme),
        "theme_notes": db.session.scalars(select(ThemeNote).join(Theme).where(
            Theme.workshop_id == workshop.id)).all(),
        "ballots": ballots,
        "votes": db.session.scalars(select(Vote).where(
            Vote.ballot_id.in_([b.id for b in ballots])).order_by(Vote.id)).all(),
        "feedback": of(Feedback),
        "summary": db.session.scalar(select(Summary).where(Summary.workshop_id == workshop.id)),
    }


def _workshop(w):
    """The workshop's settings and state (no join code, board key or owner)."""
    return {"title": w.title, "date": _day(w.date), "place": w.place, "language": w.language,
            "mode": w.mode, "rounds": w.rounds, "round_minutes": w.round_minutes,
            "break_minutes": w.break_minutes, "state": w.state, "round": w.round_no,
            "phase_ends_at": _iso(w.phase_ends_at), "paused_remaining": w.paused_remaining,
            "message": w.message, "notes_hidden": w.notes_hidden, "locked": w.locked,
            "joining_locked": w.joining_locked,
            "next_meeting": w.next_meeting, "created_at": _iso(w.created_at)}


def _table(t, ids):
    """A table with its topic, host and crystallisation."""
    return {"id": ids["tables"][t.id], "name": t.name, "remote": t.remote,
            "video_url": t.video_url, "topic": ids["topics"].get(t.topic_id),
            "host": ids["participants"].get(t.host_id), "crystallisation": t.crystallisation}


def _participant(p, ids):
    """A participant without token; email and consents only when they consented."""
    person = {"id": ids["participants"][p.id], "name": p.display_name,
              "organisation": p.organisation, "organisation_type": p.organisation_type,
              "remote": p.remote, "table": ids["tables"].get(p.table_id),
              "joined_at": _iso(p.joined_at), "removed_at": _iso(p.removed_at)}
    if p.email_consent or p.contact_consent:
        person.update(email=p.email, email_consent=p.email_consent,
                      contact_consent=p.contact_consent)
    return person


def _seats(seats, ids):
    """Who sat (or will sit) where, round by round."""
    return sorted(({"round": s.round_no, "participant": ids["participants"][s.participant_id],
                    "table": ids["tables"][s.table_id]} for s in seats),
                  key=lambda seat: (seat["round"], seat["participant"]))


def _note(n, ids):
    """A note with every field but its deletion mark (deleted notes are not exported)."""
    return {"id": ids["notes"][n.id], "table": ids["tables"][n.table_id],
            "topic": ids["topics"].get(n.topic_id), "author": ids["participants"][n.participant_id],
            "client_id": n.client_id, "text": n.text, "round": n.round_no, "kind": n.kind,
            "owner": n.owner, "due": _day(n.due), "hidden": n.hidden, "concealed": n.concealed,
            "same_as": ids["notes"].get(n.same_as_id),
            "created_at": _iso(n.created_at), "updated_at": _iso(n.updated_at)}


def _theme(t, theme_notes, ids, hidden):
    """A theme with the ids of its (exported) notes and its count as the summary has it."""
    notes = sorted(ids["notes"][tn.note_id] for tn in theme_notes
                   if tn.theme_id == t.id and tn.note_id in ids["notes"])
    return {"id": ids["themes"][t.id], "topic": ids["topics"].get(t.topic_id),
            "table": ids["tables"].get(t.table_id), "label": t.label, "suggested": t.suggested,
            "position": t.position, "created_at": _iso(t.created_at), "notes": notes,
            # One mention per visible note: the board and the summary count the same way.
            "count": len([n for n in notes if n not in hidden])}


def _ballots(ballots, votes, ids):
    """The ballots with their votes; voters are pseudonyms numbered by what they voted."""
    kept = {}  # participant id → [(ballot, slot, target type, target)]
    for v in votes:
        target = ids["notes" if v.target_type == "note" else "themes"].get(v.target_id)
        if target is not None:  # a dot on a deleted note goes with the note
            kept.setdefault(v.participant_id, []).append(
                (ids["ballots"][v.ballot_id], v.slot, v.target_type, target))
    order = sorted(kept, key=lambda person: sorted(kept[person]))
    by_ballot = {}
    for number, person in enumerate(order, start=1):
        for ballot, slot, target_type, target in sorted(kept[person]):
            by_ballot.setdefault(ballot, []).append({
                "voter": f"voter-{number}", "slot": slot, "target_type": target_type,
                "target": target})
    return [{"id": ids["ballots"][b.id], "scope": b.scope, "scope_id": _scope_id(b, ids),
             "dots": b.dots, "open": b.open, "opened_at": _iso(b.opened_at),
             "votes": by_ballot.get(ids["ballots"][b.id], [])} for b in ballots]


def _scope_id(ballot, ids):
    """The export id of what a ballot is on: a table, a topic, or nothing (all notes)."""
    kind = {"table": "tables", "themes": "topics"}.get(ballot.scope)
    return ids[kind].get(ballot.scope_id) if kind else None


def _feedback(f, ids):
    """One answer; who gave it only when signed, and when only for signed answers."""
    signed = f.participant_id is not None
    return {"rating": f.rating, "takeaway": f.takeaway, "wishes": f.wishes,
            "participant": ids["participants"].get(f.participant_id) if signed else None,
            "created_at": _iso(f.created_at) if signed else None}


def _feedback_order(answer):
    """Order answers by content, so that the list's order gives away no one."""
    return (answer["rating"], answer["takeaway"], answer["wishes"],
            answer["participant"] or 0, answer["created_at"] or "")


def _summary(s):
    """The summary as generated and as edited, or None."""
    if s is None:
        return None
    return {"generated": s.generated, "markdown": s.markdown, "edited": s.edited,
            "generated_at": _iso(s.generated_at), "updated_at": _iso(s.updated_at),
            "sent_at": _iso(s.sent_at)}


def _cell(value):
    """A CSV cell: text starting like a formula gets an apostrophe so it stays text."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _day(value):
    """A date as ISO 8601, or None."""
    return value.isoformat() if value else None


def _iso(moment):
    """A time as ISO 8601 in UTC, or None."""
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).isoformat()
