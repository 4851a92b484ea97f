"""The facts of a workshop, read from the database in the shape `summary.write_summary` takes.

Only what people could see goes in: hidden and deleted notes never do. A topic's
themes come largest first; the notes in no theme follow as single mentions, as
the networks' memos list them, so that no voice is lost. Actions are listed apart.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from flask_babel import force_locale
from sqlalchemy import func, select

from ..extensions import db
from ..i18n import ORGANISATION_TYPE_LABELS
from ..models import Ballot, Note, Participant, Theme, ThemeNote, Vote, Workshop
from ..rules import ORGANISATION_TYPES
from .feedback import feedback_figures

TOP_VOTED = 5


def build_summary_data(workshop: Workshop) -> dict[str, Any]:
    """The whole summary's data for one workshop."""
    notes = _visible_notes(workshop.id)
    people = db.session.scalars(select(Participant).where(
        Participant.workshop_id == workshop.id, Participant.removed_at.is_(None))
        .order_by(Participant.id)).all()
    return {
        "workshop": {"title": workshop.title,
                     "date": workshop.date.isoformat() if workshop.date else None,
                     "place": workshop.place, "language": workshop.language,
                     "next_meeting": workshop.next_meeting or None},
        "topics": _topics(workshop, notes),
        "actions": _actions(workshop, notes),
        "attendance": _attendance(workshop, people),
        "feedback": _feedback(workshop),
        "contacts": [{"name": p.display_name, "organisation": p.organisation,
                      "email": p.email or ""}
                     for p in sorted(people, key=lambda p: p.display_name.casefold())
                     if p.contact_consent],
    }


def _visible_notes(workshop_id):
    """{note id: note} of the notes people could see, oldest first."""
    return {n.id: n for n in db.session.scalars(select(Note).where(
        Note.workshop_id == workshop_id, Note.hidden.is_(False), Note.deleted_at.is_(None))
        .order_by(Note.id))}


def _topics(workshop, notes):
    """Each topic with its themes, crystallisations and most-voted items."""
    themes = _themes(workshop.id, notes)
    votes = _top_voted(workshop.id, notes)
    return [{"title": topic.title, "prompts": list(topic.prompts or []),
             "themes": themes.get(topic.id, []),
             "crystallisations": [{"table": t.name, "text": t.crystallisation}
                                  for t in workshop.tables
                                  if t.topic_id == topic.id and t.crystallisation.strip()],
             "top_notes": votes.get(("note", topic.id), [])[:TOP_VOTED],
             "top_themes": votes.get(("theme", topic.id), [])[:TOP_VOTED]}
            for topic in workshop.topics]


def _themes(workshop_id, notes):
    """{topic id: [{label, count, notes}]}: themes largest first, then single mentions."""
    members = {}
    rows = db.session.execute(select(ThemeNote.theme_id, ThemeNote.note_id).join(Theme)
                              .where(Theme.workshop_id == workshop_id))
    for theme_id, note_id in rows:
        if note_id in notes:
            members.setdefault(theme_id, []).append(note_id)
    by_topic = {}
    for theme in db.session.scalars(select(Theme).where(Theme.workshop_id == workshop_id)
                                    .order_by(Theme.id)):
        ids = sorted(members.get(theme.id, []))
        if ids:
            by_topic.setdefault(theme.topic_id, []).append(
                {"label": theme.label, "count": len(ids), "notes": [notes[i].text for i in ids]})
    for topic_themes in by_topic.values():
        topic_themes.sort(key=lambda theme: -theme["count"])
    themed = {i for ids in members.values() for i in ids}
    for note in notes.values():
        if note.id not in themed and note.kind != "action":
            by_topic.setdefault(note.topic_id, []).append(
                {"label": note.text, "count": 1, "notes": []})
    return by_topic


def _top_voted(workshop_id, notes):
    """{(target type, topic id): [{text, votes}]}: the dots of every vote, most first."""
    rows = db.session.execute(
        select(Vote.target_type, Vote.target_id, func.count()).join(Ballot)
        .where(Ballot.workshop_id == workshop_id).group_by(Vote.target_type, Vote.target_id))
    themes = {t.id: t for t in db.session.scalars(
        select(Theme).where(Theme.workshop_id == workshop_id))}
    items = []
    for target_type, target_id, count in rows:
        if target_type == "note" and target_id in notes:
            note = notes[target_id]
            items.append((("note", note.topic_id), note.text, count))
        elif target_type == "theme" and target_id in themes:
            theme = themes[target_id]
            items.append((("theme", theme.topic_id), theme.label, count))
    by_topic = {}
    for key, text, count in sorted(items, key=lambda item: -item[2]):
        by_topic.setdefault(key, []).append({"text": text, "votes": count})
    return by_topic


def _actions(workshop, notes):
    """The agreed actions: notes of kind "action", with owner, due date and topic."""
    titles = {t.id: t.title for t in workshop.topics}
    return [{"text": n.text, "owner": n.owner or "", "topic": titles.get(n.topic_id, ""),
             "due": n.due.isoformat() if n.due else None}
            for n in notes.values() if n.kind == "action"]


def _attendance(workshop, people):
    """In the room, remote, in all, and by organisation type named in the workshop's language."""
    types = Counter(p.organisation_type for p in people)
    with force_locale(workshop.language):
        by_type = {str(ORGANISATION_TYPE_LABELS[kind]): types[kind]
                   for kind in ORGANISATION_TYPES if types[kind]}
    remote = sum(1 for p in people if p.remote)
    return {"in_room": len(people) - remote, "remote": remote, "total": len(people),
            "by_type": by_type}


def _feedback(workshop):
    """The console's feedback figures; None without answers."""
    figures = feedback_figures(workshop)
    return figures if figures["count"] else None
