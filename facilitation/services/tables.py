"""A table's host and the host's crystallisation (kiteytys) of what was said there."""
from __future__ import annotations

from typing import Any

from ..errors import DomainError
from ..extensions import db
from ..models import CafeTable, Participant, Workshop
from ..validation import is_int
from . import events
from .rights import hosted_table
from .snapshots import table_dict
from .text import clean_text
from .workshops import table_of

CRYSTALLISATION_MAX = 2000


def set_host(workshop: Workshop, table_id: Any, participant_id: Any) -> CafeTable:
    """Make a participant the host who stays at the table (None: no host)."""
    table = table_of(workshop.id, table_id)
    if participant_id is not None:
        person = db.session.get(Participant, participant_id) if is_int(participant_id) else None
        if person is None or person.workshop_id != workshop.id or person.removed_at:
            raise DomainError("not_found")
    # One table per host: hosting here ends hosting elsewhere.
    moved = [t for t in workshop.tables
             if participant_id is not None and t.host_id == participant_id and t is not table]
    for other in moved:
        other.host_id = None
    table.host_id = participant_id
    return _announce(table, *moved)


# Hosts are chosen when round 1 starts; after that an empty table takes its first arrival.
LATE_HOSTING_STATES = ("round", "break", "harvest")


def host_if_unhosted(participant: Participant) -> list[Any]:
    """Make a late arrival the host of the table they sat at when it has none.

    Returns the recorded `table:updated` events (none when nothing changed); the
    caller commits and announces them with its own event.
    """
    table = participant.table
    if (table is None or table.host_id is not None
            or participant.workshop.state not in LATE_HOSTING_STATES
            or any(t.host_id == participant.id for t in participant.workshop.tables)):
        return []
    table.host_id = participant.id
    return [events.record(table.workshop_id, "table:updated", {"table": table_dict(table)},
                          "table", table.id)]


def crystallise(table: CafeTable, text: Any) -> CafeTable:
    """Store the table's crystallisation: a short text that goes to the summary."""
    if text is None:
        text = ""
    table.crystallisation = "" if text == "" else clean_text(
        text, CRYSTALLISATION_MAX, "bad_payload")
    return _announce(table)


def crystallise_as_host(participant: Participant, text: Any) -> CafeTable:
    """The host writes the crystallisation of the table they host."""
    return crystallise(hosted_table(participant), text)


def _announce(table, *others):
    """Commit and tell each changed table's phones, the board and the console."""
    recorded = [events.record(t.workshop_id, "table:updated", {"table": table_dict(t)},
                              "table", t.id) for t in (table, *others)]
    events.commit_and_publish(*recorded)
    return table
