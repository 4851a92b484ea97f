"""Every cell of the rights matrix in docs/protocol.md, tried over Socket.IO."""
import re

import pytest

from facilitation.extensions import socketio
from tests.support.cafe import ROOT
from tests.support.sockets import board, console, join, phone

DOC = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")
ROLES = ["participant", "other participant", "host", "board", "console"]


def matrix():
    """(event, role, expected) for every cell of the table under '## Rights'."""
    section = DOC.split("## Rights", 1)[1].split("\n## ", 1)[0]
    cells = []
    for line in section.splitlines():
        match = re.match(r"^\| `([^`]+)` \|(.+)\|$", line)
        if match:
            marks = [m.strip() for m in match.group(2).split("|")]
            assert len(marks) == len(ROLES), line
            cells += [(match.group(1), role, mark) for role, mark in zip(ROLES, marks)]
    return cells


CELLS = [c for c in matrix() if c[2] != "–"]


class Cafe:
    """A running round: an author and another participant at table A, whose host is a third."""

    def __init__(self, app, signed_in, workshop):
        self.workshop = workshop
        _, host = join(app, workshop, "Isäntä", 0)
        _, author = join(app, workshop, "Kirjoittaja", 0)
        self.other_id, other = join(app, workshop, "Toinen", 0)
        self.console = console(app, signed_in, workshop)
        self.console.emit("phase:next", callback=True)  # round 1: the first arrival hosts
        self.phones = {"host": phone(app, host), "participant": phone(app, author),
                       "other participant": phone(app, other)}
        self.board = board(app, workshop)
        note = self.phones["participant"].emit("note:add", {"client_id": "n", "text": "Lappu"},
                                               callback=True)
        self.note_id = note["note"]["id"]
        self.console.emit("ballot:open", {"scope": "notes", "dots": 3}, callback=True)

    def client(self, role):
        """The client acting in this role."""
        return {"board": self.board, "console": self.console}.get(role) or self.phones[role]

    def payload(self, event, role):
        """A valid payload for the event (rights aside); prepares state where it must."""
        tables = self.workshop["tables"]
        if event == "note:restore":
            self.console.emit("note:delete", {"note_id": self.note_id}, callback=True)
        if event == "vote:remove" and role in self.phones:
            self.client(role).emit("vote:add", {"target_type": "note", "target_id": self.note_id},
                                   callback=True)
        if event == "workshop:reopen":
            self.console.emit("workshop:close", callback=True)
        if event.startswith("theme:"):
            return self.theme_payload(event)
        if event in ("note:link", "note:unlink"):
            return self.link_payload(event)
        return {
            "sync": {"last_seq": 0},
            "note:add": {"client_id": f"{role}-x", "text": "Uusi"},
            "note:edit": {"note_id": self.note_id, "text": "Muokattu"},
            "note:delete": {"note_id": self.note_id},
            "note:restore": {"note_id": self.note_id},
            "note:hide": {"note_id": self.note_id, "hidden": True},
            "table:choose": {"table_id": tables[1]},
            "table:crystallise": {"table_id": tables[0], "text": "Kiteytys"},
            "vote:add": {"target_type": "note", "target_id": self.note_id},
            "vote:remove": {"target_type": "note", "target_id": self.note_id},
            "ballot:open": {"scope": "notes", "dots": 2},
            "ballot:close": {},
            "notes:conceal": {"concealed": True},
            "board:lock": {"locked": True},
            "joining:lock": {"locked": True},
            "participant:remove": {"participant_id": self.other_id},
            "table:host": {"table_id": tables[1], "participant_id": self.other_id},
            "phase:next": {},
            "workshop:close": {},
            "workshop:reopen": {},
            "timer:pause": {},
            "timer:resume": {},
            "timer:extend": {"minutes": 1},
            "message:send": {"text": "Tauko"},
            "themes:suggest": {"table_id": tables[0]},
            "themes:rank": {},
            "note:similar": {"note_id": self.note_id},
        }[event]

    def link_payload(self, event):
        """The author's note linked to another note of its table (as the same idea)."""
        other = self.phones["host"].emit("note:add", {"client_id": "same", "text": "Lappu 2"},
                                         callback=True)["note"]["id"]
        if event == "note:unlink":
            self.console.emit("note:link", {"note_id": self.note_id, "target_id": other},
                              callback=True)
            return {"note_id": self.note_id}
        return {"note_id": self.note_id, "target_id": other}

    def theme_payload(self, event):
        """Table A's themes made by the console: one holding the note, one empty to merge into."""
        table = self.workshop["tables"][0]
        made = [self.console.emit("theme:create", {"label": label, "table_id": table, **notes},
                                  callback=True)["theme"]["id"]
                for label, notes in (("Teema", {"note_ids": [self.note_id]}), ("Toinen", {}))]
        return {
            "theme:create": {"label": "Uusi", "table_id": table, "note_ids": [self.note_id]},
            "theme:rename": {"theme_id": made[0], "label": "Uusi nimi"},
            "theme:assign": {"theme_id": made[1], "note_ids": [self.note_id]},
            "theme:unassign": {"note_ids": [self.note_id]},
            "theme:merge": {"source_id": made[0], "target_id": made[1]},
            "theme:split": {"theme_id": made[0], "note_ids": [self.note_id]},
            "theme:delete": {"theme_id": made[0]},
            "theme:accept": {"theme_id": made[0]},
        }[event]


def test_the_matrix_covers_every_event_the_server_handles(app):
    handled = set(socketio.server.handlers["/"]) - {"connect", "disconnect", "*"}
    handled = {e for e in handled if not e.startswith("test:")}
    assert handled == {event for event, _, _ in matrix()}


@pytest.mark.parametrize("event, role, expected", CELLS, ids=[f"{e}-{r}" for e, r, _ in CELLS])
def test_each_role_gets_exactly_the_rights_the_matrix_gives(app, signed_in, workshop, event,
                                                             role, expected):
    cafe = Cafe(app, signed_in, workshop)
    if event == "timer:resume":
        cafe.console.emit("timer:pause", callback=True)
    reply = cafe.client(role).emit(event, cafe.payload(event, role), callback=True)
    if expected == "✓":
        assert reply["ok"] is True, reply
    else:
        assert reply["ok"] is False and reply["error"]["code"] == "forbidden", reply
