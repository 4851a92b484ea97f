"""Open live workshops from plan files, and save workshops back as plans."""
from __future__ import annotations

import logging
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import DomainError, error_message
from ..models import Workshop
from ..plans import N_, PlanError, default_tables, load_plan, parse_plan
from .workshops import create_workshop

SESSIONS_DIR = Path(__file__).resolve().parents[2] / "sessions"

log = logging.getLogger(__name__)


def open_plan(facilitator_id: int, plan: dict[str, Any], source: str = "<plan>") -> Workshop:
    """Create a live workshop from a parsed plan dict; raise PlanError when it cannot be."""
    topics = [_topic_spec(topic) for topic in plan["topics"]]
    tables = plan.get("tables") or default_tables(len(topics), plan.get("language", "fi"))
    try:
        return create_workshop(
            facilitator_id, plan["title"], tables, topics, date_=_date(plan),
            place=plan.get("place") or "", language=plan["language"], mode=plan["mode"],
            rounds=plan["rounds"], round_minutes=plan["minutes"],
            break_minutes=plan["break_minutes"], next_meeting=plan.get("next_meeting") or "")
    except DomainError as error:
        # The parser checks the same limits, so this is a safety net, not a usual path.
        raise PlanError(error_message(error.code, **error.params), None, source) from None


def open_plan_text(facilitator_id: int, text: str, source: str = "<plan>") -> Workshop:
    """Parse a plan's Markdown text and open it."""
    return open_plan(facilitator_id, parse_plan(text, source), source)


def open_plan_bytes(facilitator_id: int, data: bytes, source: str = "<plan>") -> Workshop:
    """Open a plan from an uploaded file's bytes, which must be UTF-8 text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise PlanError(N_("the file is not UTF-8 text; save it as UTF-8 and try again"),
                        line, source) from None
    return open_plan_text(facilitator_id, text, source)


def open_shipped_plan(facilitator_id: int, file_name: str) -> Workshop:
    """Open one of the shipped plans, chosen by its name in the listing (never a path)."""
    if file_name not in {plan["file"] for plan in shipped_plans()}:
        raise DomainError("not_found")
    path = SESSIONS_DIR / file_name
    return open_plan_text(facilitator_id, path.read_text(encoding="utf-8-sig"),
                          f"sessions/{file_name}")


def plan_of(workshop: Workshop) -> dict[str, Any]:
    """Return the plan dict of a workshop, as `dump_plan` writes it."""
    plan = {
        "title": workshop.title, "date": workshop.date.isoformat() if workshop.date else None,
        "place": workshop.place or None, "language": workshop.language, "mode": workshop.mode,
        "rounds": workshop.rounds, "minutes": workshop.round_minutes,
        "break_minutes": workshop.break_minutes,
        "tables": [{"name": _table_name(table.name), "remote": bool(table.remote),
                    "video_url": table.video_url or None} for table in workshop.tables],
        "topics": [{"title": topic.title, "description": topic.description or "",
                    "prompts": list(topic.prompts or [])} for topic in workshop.topics],
    }
    if workshop.next_meeting:  # as parse_plan gives it: only when there is one
        plan["next_meeting"] = workshop.next_meeting
    return plan


def plan_file_name(workshop: Workshop) -> str:
    """Return an ASCII file name for a workshop's plan, made from its title."""
    ascii_title = unicodedata.normalize("NFKD", workshop.title).encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.decode().lower()).strip("-")[:80].strip("-")
    return f"{slug or 'workshop'}.md"


def shipped_plans(folder: str | Path | None = None) -> list[dict[str, Any]]:
    """List the plans in sessions/ (file, title, date, topics), skipping any that fail."""
    listing = []
    for path in sorted(Path(folder or SESSIONS_DIR).glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        try:
            plan = load_plan(path)
        except (PlanError, OSError, UnicodeDecodeError) as error:
            log.warning("Skipping the plan %s: %s", path.name, error)
            continue
        listing.append({"file": path.name, "title": plan["title"], "date": _date(plan),
                        "topics": len(plan["topics"])})
    return listing


def _date(plan):
    """Return a plan's date as a date, or None."""
    return date.fromisoformat(plan["date"]) if plan.get("date") else None


def _topic_spec(topic):
    """Return the workshop's {title, description, prompts} for a plan topic."""
    return {"title": topic["title"], "description": topic.get("description") or "",
            "prompts": list(topic["prompts"])}


def _table_name(name):
    """Keep '|' out of a table name: in a plan it separates a table's options."""
    return name.replace("|", "/")
