"""Feedback: one anonymous answer per person (1–4 and two texts), and its figures."""
from __future__ import annotations

import hashlib
import hmac
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..errors import DomainError
from ..extensions import db
from ..models import Feedback, Participant, Workshop
from ..validation import is_int
from . import events
from .snapshots import feedback_count
from .text import clean_text

RATINGS = (1, 2, 3, 4)  # heikko, tyydyttävä, hyvä, kiitettävä
TEXT_MAX = 1000
# Feedback is about the whole workshop: it opens with the harvest and stays open
# after closing, for those who answer at home.
OPEN_STATES = ("harvest", "feedback", "closed")


def respondent_key(participant_id: int) -> str:
    """A keyed hash of the participant: one answer each, without storing who."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"feedback:{participant_id}".encode(), hashlib.sha256).hexdigest()


def give_feedback(participant: Participant, rating: Any, takeaway: Any = "", wishes: Any = "",
                  signed: Any = False) -> Feedback:
    """Store the person's answer; a second answer replaces the first."""
    if participant.workshop.state not in OPEN_STATES:
        raise DomainError("feedback_not_open")
    if not is_int(rating) or rating not in RATINGS:
        raise DomainError("rating_required")
    if not isinstance(signed, bool):
        raise DomainError("bad_payload")
    values = {"rating": rating, "takeaway": _answer_text(takeaway),
              "wishes": _answer_text(wishes),
              "participant_id": participant.id if signed else None}
    respondent = respondent_key(participant.id)
    for _attempt in range(2):
        answer, event = _answer_of(participant.workshop_id, respondent), None
        if answer is None:
            answer = Feedback(workshop_id=participant.workshop_id, respondent=respondent, **values)
            db.session.add(answer)
            event = _count_event(participant.workshop_id)
        for name, value in values.items():
            setattr(answer, name, value)
        try:
            events.commit_and_publish(*([event] if event is not None else []))
            return answer
        except IntegrityError:
            # The same person answered twice at once: update the row that won.
            db.session.rollback()
    raise DomainError("internal")


def _count_event(workshop_id):
    """The new count of answers for the board and the console (a new answer was added)."""
    db.session.flush()
    return events.record(workshop_id, "feedback:counted",
                         {"count": feedback_count(workshop_id)}, "screens")


def _answer_text(value):
    """An optional free text: blank counts as empty, too long is refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    return clean_text(value, TEXT_MAX, "bad_payload")


def _answer_of(workshop_id, respondent):
    """The stored answer of a respondent, if any."""
    return db.session.scalar(select(Feedback).where(
        Feedback.workshop_id == workshop_id, Feedback.respondent == respondent))


def has_answered(participant: Participant) -> bool:
    """Whether this person has given feedback already."""
    return _answer_of(participant.workshop_id, respondent_key(participant.id)) is not None


def feedback_figures(workshop: Workshop) -> dict[str, Any]:
    """The count, mean, distribution 1–4 and the texts: for the console and the summary alike."""
    answers = db.session.scalars(select(Feedback).where(Feedback.workshop_id == workshop.id)
                                 .order_by(Feedback.created_at, Feedback.id)).all()
    distribution = {grade: 0 for grade in RATINGS}
    for answer in answers:
        distribution[answer.rating] += 1
    return {"count": len(answers), "mean": mean_rating([a.rating for a in answers]),
            "distribution": distribution,
            "takeaways": [a.takeaway.strip() for a in answers if a.takeaway.strip()],
            "wishes": [a.wishes.strip() for a in answers if a.wishes.strip()]}


def mean_rating(ratings):
    """The mean to one decimal, halves rounded up as people round (16/11 → 1.5), or None."""
    if not ratings:
        return None
    mean = Decimal(sum(ratings)) / Decimal(len(ratings))
    return float(mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def signed_answers(workshop: Workshop) -> list[dict[str, Any]]:
    """The answers people signed, with their names, for the facilitator."""
    rows = db.session.execute(
        select(Feedback, Participant.display_name)
        .join(Participant, Participant.id == Feedback.participant_id)
        .where(Feedback.workshop_id == workshop.id).order_by(Feedback.created_at))
    return [{"name": name, "rating": answer.rating, "takeaway": answer.takeaway,
             "wishes": answer.wishes} for answer, name in rows]
