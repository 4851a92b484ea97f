"""Create workshops and find them by join code."""
from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select

from ..errors import DomainError
from ..extensions import db
from ..models import CafeTable, Topic, Workshop
from ..rules import (
    DESCRIPTION_MAX,
    LANGUAGES,
    MODES,
    NEXT_MEETING_MAX,
    PLACE_MAX,
    PROMPT_MAX,
    TABLE_NAME_MAX,
    TIMING_RANGES,
    TITLE_MAX,
    TOPIC_TITLE_MAX,
    VIDEO_URL_MAX,
)
from ..validation import is_int
from .text import clean_text, optional_text

# 31 characters with no look-alikes (no 0/O, 1/I/L): 31**6 is about 2**30 codes.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_join_code() -> str:
    """Draw a join code that no workshop uses yet."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if db.session.scalar(select(Workshop.id).where(Workshop.code == code)) is None:
            return code


def normalise_code(raw: Any) -> str:
    """Accept codes typed in lower case, with spaces or dashes."""
    return "".join(ch for ch in str(raw or "").upper() if ch.isalnum())


def create_workshop(facilitator_id: int, title: Any, tables: list[dict[str, Any]],
                    topics: list[dict[str, Any]], date_: date | None = None, place: Any = "",
                    language: Any = "fi", mode: Any = "people", rounds: Any = 3,
                    round_minutes: Any = 20, break_minutes: Any = 5,
                    next_meeting: Any = "") -> Workshop:
    """Create a workshop with its tables and topics; table i gets topic i (cycling)."""
    if language not in LANGUAGES or mode not in MODES:
        raise DomainError("bad_payload")
    timing = {"rounds": rounds, "round_minutes": round_minutes, "break_minutes": break_minutes}
    for key, value in timing.items():
        low, high = TIMING_RANGES[key]
        if not is_int(value, low, high):
            raise DomainError("bad_payload")
    if not isinstance(date_, (date, type(None))):
        raise DomainError("bad_payload")
    if not tables or not topics:
        raise DomainError("bad_payload")
    workshop = Workshop(
        code=new_join_code(), board_key=secrets.token_urlsafe(16),
        facilitator_id=facilitator_id, title=clean_text(title, TITLE_MAX, "bad_payload"),
        date=date_, place=optional_text(place, PLACE_MAX), language=language, mode=mode,
        next_meeting=optional_text(next_meeting, NEXT_MEETING_MAX), **timing)
    workshop.topics = [_topic(i, t) for i, t in enumerate(topics)]
    workshop.tables = [_table(i, t, workshop.topics) for i, t in enumerate(tables)]
    db.session.add(workshop)
    db.session.commit()
    return workshop


def set_next_meeting(workshop: Workshop, value: Any) -> Workshop:
    """Set the next meeting that ends the summary (blank clears it)."""
    text = value.strip() if isinstance(value, str) else value
    workshop.next_meeting = optional_text(text, NEXT_MEETING_MAX)
    db.session.commit()
    return workshop


def _topic(position, spec):
    """Build a Topic from a {title, description, prompts} dict."""
    prompts = [clean_text(p, PROMPT_MAX, "bad_payload")
               for p in spec.get("prompts", []) if p.strip()]
    return Topic(position=position,
                 title=clean_text(spec["title"], TOPIC_TITLE_MAX, "bad_payload"),
                 description=optional_text(spec.get("description"), DESCRIPTION_MAX),
                 prompts=prompts)


def _table(position, spec, topics):
    """Build a CafeTable from a {name, remote, video_url} dict."""
    video_url = optional_text(spec.get("video_url"), VIDEO_URL_MAX) or None
    if video_url and not video_url.startswith(("https://", "http://")):
        raise DomainError("bad_payload")
    return CafeTable(position=position, name=clean_text(spec["name"], TABLE_NAME_MAX, "bad_payload"),
                     remote=bool(spec.get("remote")), video_url=video_url,
                     topic=topics[position % len(topics)])


def workshop_by_code(code: Any) -> Workshop:
    """The open workshop with this join code, or DomainError."""
    workshop = db.session.scalar(select(Workshop).where(Workshop.code == normalise_code(code)))
    if workshop is None:
        raise DomainError("workshop_not_found")
    return workshop


def owned_workshop(facilitator_id: int, workshop_id: Any) -> Workshop:
    """The facilitator's own workshop, or DomainError: never another's."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        raise DomainError("not_found")
    if workshop.facilitator_id != facilitator_id:
        raise DomainError("forbidden")
    return workshop


def workshops_of(facilitator_id: int) -> Sequence[Workshop]:
    """The facilitator's workshops, newest first."""
    return db.session.scalars(
        select(Workshop).where(Workshop.facilitator_id == facilitator_id)
        .order_by(Workshop.created_at.desc(), Workshop.id.desc())).all()


def table_of(workshop_id: int, table_id: Any) -> CafeTable:
    """A table of this workshop, or DomainError."""
    table = db.session.get(CafeTable, table_id) if is_int(table_id) else None
    if table is None or table.workshop_id != workshop_id:
        raise DomainError("table_not_found")
    return table
