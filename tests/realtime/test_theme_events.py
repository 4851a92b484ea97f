"""Theme events over Socket.IO: acks, who may send them, bad payloads, and who hears of them."""
import pytest

from facilitation.extensions import db
from facilitation.models import Workshop
from facilitation.services import tables
from tests.support.sockets import ack, board, console, join, phone, received


def post(client, *texts):
    """Notes posted from a phone; returns their ids."""
    return [ack(client, "note:add", {"client_id": f"{text}-{i}", "text": text})["note"]["id"]
            for i, text in enumerate(texts)]


class Room:
    """Table A with its host and a guest, table B with its host, the board and the console."""

    def __init__(self, app, signed_in, workshop):
        self.host_id, host = join(app, workshop, "Isäntä", 0)
        _, guest = join(app, workshop, "Vieras", 0)
        self.other_host_id, other_host = join(app, workshop, "Toinen isäntä", 1)
        with app.app_context():
            w = db.session.get(Workshop, workshop["id"])
            tables.set_host(w, workshop["tables"][0], self.host_id)
            tables.set_host(w, workshop["tables"][1], self.other_host_id)
            self.topics = [t.id for t in w.topics]
        self.host, self.guest, self.other_host = phone(app, host), phone(app, guest), phone(app, other_host)
        self.board, self.console = board(app, workshop), console(app, signed_in, workshop)
        self.notes = post(self.guest, "Yhteistyö hankkeissa", "Hankkeiden yhteistyö",
                          "Yhteiset tapahtumat", "Tapahtumakalenteri")
        self.elsewhere = post(self.other_host, "B-pöydän lappu")
        self.clear()

    def clear(self):
        """Forget what every client received so far."""
        for client in (self.host, self.guest, self.other_host, self.board, self.console):
            client.get_received()


@pytest.fixture
def room(app, signed_in, workshop):
    return Room(app, signed_in, workshop)


def test_every_theme_event_from_the_console_is_acknowledged(room):
    desk, [a, b, c, d] = room.console, room.notes
    topic = room.topics[0]
    made = ack(desk, "theme:create", {"label": "yhteistyö", "topic_id": topic, "note_ids": [a, b]})
    assert made["ok"] and made["theme"]["count"] == 2
    first = made["theme"]["id"]
    renamed = ack(desk, "theme:rename", {"theme_id": first, "label": "hankeyhteistyö"})
    assert renamed["theme"]["label"] == "hankeyhteistyö"
    second = ack(desk, "theme:create", {"label": "tapahtumat", "topic_id": topic})["theme"]["id"]
    assert ack(desk, "theme:assign", {"theme_id": second, "note_ids": [c, d]})["theme"]["note_ids"] == [c, d]
    assert ack(desk, "theme:unassign", {"note_ids": [d]})["themes"][0]["count"] == 1
    split = ack(desk, "theme:split", {"theme_id": first, "note_ids": [b]})
    assert split["ok"] and split["theme"]["label"] == "Hankkeiden yhteistyö"
    merged = ack(desk, "theme:merge", {"source_id": split["theme"]["id"], "target_id": first})
    assert merged["theme"]["note_ids"] == [a, b]
    assert ack(desk, "theme:delete", {"theme_id": second}) == {"ok": True, "theme_id": second}
    suggested = ack(desk, "themes:suggest", {"topic_id": topic})
    assert suggested["ok"] and all(t["suggested"] for t in suggested["themes"])
    accepted = [ack(desk, "theme:accept", {"theme_id": t["id"]}) for t in suggested["themes"]]
    assert all(reply["ok"] and not reply["theme"]["suggested"] for reply in accepted)
    assert ack(desk, "themes:suggest", {})["themes"] == []


def test_a_console_theme_is_announced_to_the_screens_and_no_phone(room):
    ack(room.console, "theme:create", {"label": "yhteistyö", "topic_id": room.topics[0],
                                       "note_ids": room.notes[:2]})
    for screen in (room.console, room.board):
        [changed] = received(screen, "theme:changed")
        assert changed["theme"]["count"] == 2 and changed["seq"] > 0
    for client in (room.host, room.guest, room.other_host):
        assert received(client, "theme:changed") == []


def test_a_hosts_theme_reaches_their_table_the_board_and_the_console_and_no_other_table(room, workshop):
    made = ack(room.host, "theme:create", {"label": "yhteistyö", "note_ids": room.notes[:2]})
    assert made["ok"] and made["theme"]["table_id"] == workshop["tables"][0]
    for client in (room.host, room.guest, room.board, room.console):
        assert [p["theme"]["id"] for p in received(client, "theme:changed")] == [made["theme"]["id"]]
    assert received(room.other_host, "theme:changed") == []
    ack(room.host, "theme:delete", {"theme_id": made["theme"]["id"]})
    assert received(room.guest, "theme:deleted")[0]["theme_id"] == made["theme"]["id"]
    assert received(room.other_host, "theme:deleted") == []


def test_the_console_replays_theme_events_it_missed(room):
    seq = ack(room.console, "sync", {"last_seq": 0})["seq"]
    ack(room.host, "theme:create", {"label": "yhteistyö", "note_ids": room.notes[:2]})
    replay = ack(room.console, "sync", {"last_seq": seq})["events"]
    assert [e["name"] for e in replay if e["data"]["seq"] > seq] == ["theme:changed"]


def test_a_phone_that_does_not_host_and_the_board_are_refused(room):
    for client in (room.guest, room.board):
        reply = ack(client, "theme:create", {"label": "x", "note_ids": room.notes[:1]})
        assert reply["ok"] is False and reply["error"]["code"] == "forbidden"
        assert ack(client, "themes:suggest", {})["error"]["code"] == "forbidden"


def test_a_host_cannot_touch_another_tables_theme_or_notes(room):
    theirs = ack(room.other_host, "theme:create", {"label": "B", "note_ids": room.elsewhere})["theme"]
    mine = ack(room.host, "theme:create", {"label": "A", "note_ids": room.notes[:1]})["theme"]
    refusals = [
        ("theme:rename", {"theme_id": theirs["id"], "label": "vieras"}),
        ("theme:delete", {"theme_id": theirs["id"]}),
        ("theme:accept", {"theme_id": theirs["id"]}),
        ("theme:assign", {"theme_id": mine["id"], "note_ids": room.elsewhere}),
        ("theme:unassign", {"note_ids": room.elsewhere}),
        ("theme:merge", {"source_id": theirs["id"], "target_id": mine["id"]}),
        ("theme:split", {"theme_id": theirs["id"], "note_ids": room.elsewhere}),
        ("themes:suggest", {"table_id": theirs["table_id"]}),
    ]
    for event, payload in refusals:
        reply = ack(room.host, event, payload)
        assert reply["ok"] is False and reply["error"]["code"] == "forbidden", (event, reply)
        assert reply["error"]["message"]


@pytest.mark.parametrize("event, payload", [
    ("theme:create", {"label": "x"}),
    ("theme:create", {"label": "x", "topic_id": "1"}),
    ("theme:create", {"label": "", "topic_id": None, "table_id": True}),
    ("theme:rename", {"theme_id": "1", "label": "x"}),
    ("theme:rename", {"theme_id": None}),
    ("theme:assign", {"theme_id": 1, "note_ids": "1,2"}),
    ("theme:assign", {"theme_id": 1, "note_ids": []}),
    ("theme:assign", {"theme_id": 1, "note_ids": [True]}),
    ("theme:unassign", {"note_ids": None}),
    ("theme:merge", {"source_id": 1}),
    ("theme:split", {"theme_id": [1], "note_ids": [1]}),
    ("theme:delete", {}),
    ("theme:accept", {"theme_id": 1.5}),
    ("themes:suggest", {"topic_id": "kaikki"}),
    ("themes:suggest", "kaikki"),
])
def test_a_bad_payload_is_refused_with_bad_payload(room, event, payload):
    reply = ack(room.console, event, payload)
    assert reply["ok"] is False and reply["error"]["code"] == "bad_payload", reply


def test_an_empty_or_overlong_label_is_refused(room):
    theme = ack(room.console, "theme:create", {"label": "x", "topic_id": room.topics[0]})["theme"]
    def refusal(payload):
        return ack(room.console, "theme:rename", payload)["error"]["code"]
    assert refusal({"theme_id": theme["id"], "label": "  "}) == "bad_payload"
    assert refusal({"theme_id": theme["id"], "label": "x" * 201}) == "text_too_long"
    assert refusal({"theme_id": 999999, "label": "y"}) == "not_found"
    # Without a label a theme is named after its first note; with neither it has no name.
    assert ack(room.console, "theme:create", {"topic_id": room.topics[0]})["error"]["code"] == "bad_payload"
    assert ack(room.console, "theme:create", {"topic_id": 0, "label": "x"})["error"]["code"] == "not_found"


def test_the_board_snapshot_has_the_themes_and_a_phone_the_themes_of_a_vote(room):
    mine = ack(room.host, "theme:create", {"label": "yhteistyö", "note_ids": room.notes[:2]})
    topic = ack(room.console, "theme:create", {"label": "tapahtumat", "topic_id": room.topics[0],
                                               "note_ids": room.notes[2:]})
    board_view = ack(room.board, "sync", {"last_seq": 0})["snapshot"]
    assert {t["label"]: t["count"] for t in board_view["themes"]} == {"yhteistyö": 2, "tapahtumat": 2}
    assert ack(room.guest, "sync", {"last_seq": 0})["snapshot"]["ballot_themes"] == []
    ack(room.console, "ballot:open", {"scope": "themes", "scope_id": room.topics[0], "dots": 2})
    phone_view = ack(room.guest, "sync", {"last_seq": 0})["snapshot"]
    assert {t["id"] for t in phone_view["ballot_themes"]} == {mine["theme"]["id"], topic["theme"]["id"]}
    vote = ack(room.guest, "vote:add", {"target_type": "theme", "target_id": topic["theme"]["id"]})
    assert vote["ok"] and vote["dots_left"] == 1
    ack(room.console, "ballot:open", {"scope": "themes", "scope_id": room.topics[1], "dots": 2})
    assert ack(room.guest, "sync", {"last_seq": 0})["snapshot"]["ballot_themes"] == []
