"""Socket.IO events that run the café: only the console may, everyone hears."""
import pytest

from tests.support.cafe import make_workshop, numbered
from tests.support.sockets import ack, board, console, join, phone, received

CONSOLE_EVENTS = [("phase:next", {}), ("workshop:close", {}), ("timer:pause", {}),
                  ("timer:resume", {}), ("timer:extend", {"minutes": 5}),
                  ("message:send", {"text": "Hei"}), ("table:host", {"table_id": 1, "participant_id": 1})]


@pytest.mark.parametrize("event, payload", CONSOLE_EVENTS)
def test_phones_and_boards_cannot_run_the_cafe(app, workshop, event, payload):
    _, token = join(app, workshop, "Maija")
    for client in (phone(app, token), board(app, workshop)):
        reply = ack(client, event, payload)
        assert reply["ok"] is False and reply["error"]["code"] == "forbidden"


def test_the_console_starts_a_round_and_every_screen_gets_the_phase_and_timer(app, signed_in, workshop):
    _, token = join(app, workshop, "Maija")
    maija, projector, desk = phone(app, token), board(app, workshop), console(app, signed_in, workshop)
    for c in (maija, projector):
        c.get_received()
    reply = ack(desk, "phase:next")
    assert reply["ok"] and reply["phase"]["state"] == "round" and reply["phase"]["round"] == 1
    for c in (maija, projector):
        [changed] = received(c, "phase:changed")
        assert changed["phase"]["timer"]["ends_at"] == reply["phase"]["timer"]["ends_at"]
    snapshot = ack(maija, "sync", {"last_seq": 0})["snapshot"]
    assert snapshot["phase"]["timer"]["ends_at"] == reply["phase"]["timer"]["ends_at"]
    assert snapshot["me"]["host"] is True  # the first to sit at the table hosts it


def test_timer_commands_are_refused_when_nothing_is_timed(app, signed_in, workshop):
    desk = console(app, signed_in, workshop)
    assert ack(desk, "timer:pause")["error"]["code"] == "no_timer"
    ack(desk, "phase:next")
    assert ack(desk, "timer:extend", {"minutes": 0})["error"]["code"] == "bad_payload"
    assert ack(desk, "timer:extend", {"minutes": "5"})["error"]["code"] == "bad_payload"
    paused = ack(desk, "timer:pause")
    assert paused["ok"] and paused["phase"]["timer"]["paused"] is True


def test_a_message_reaches_every_screen_and_can_be_cleared(app, signed_in, workshop):
    _, token = join(app, workshop, "Maija")
    maija, projector, desk = phone(app, token), board(app, workshop), console(app, signed_in, workshop)
    for c in (maija, projector):
        c.get_received()
    assert ack(desk, "message:send", {"text": "Kahvi on valmis"})["ok"]
    assert [m["text"] for m in received(maija, "message:sent")] == ["Kahvi on valmis"]
    assert ack(projector, "sync")["snapshot"]["phase"]["message"] == "Kahvi on valmis"
    ack(desk, "message:send", {"text": ""})
    assert ack(projector, "sync")["snapshot"]["phase"]["message"] is None
    assert ack(desk, "message:send", {"text": "x" * 301})["error"]["code"] == "text_too_long"


def test_the_host_crystallises_and_the_table_and_board_see_it(app, signed_in, workshop):
    _, host_token = join(app, workshop, "Isäntä", 0)
    _, guest_token = join(app, workshop, "Vieras", 0)
    _, other_token = join(app, workshop, "Muu", 1)
    host, guest, other = phone(app, host_token), phone(app, guest_token), phone(app, other_token)
    projector, desk = board(app, workshop), console(app, signed_in, workshop)
    ack(desk, "phase:next")
    for c in (guest, other, projector):
        c.get_received()
    assert ack(guest, "table:crystallise", {"text": "En ole isäntä"})["error"]["code"] == "forbidden"
    reply = ack(host, "table:crystallise", {"text": "Yhteinen kieli puuttuu vielä."})
    assert reply["ok"] and reply["table"]["crystallisation"] == "Yhteinen kieli puuttuu vielä."
    assert [u["table"]["crystallisation"] for u in received(guest, "table:updated")] == [
        "Yhteinen kieli puuttuu vielä."]
    assert len(received(projector, "table:updated")) == 1
    assert received(other, "table:updated") == []
    by_console = ack(desk, "table:crystallise", {"table_id": workshop["tables"][1], "text": "Konsolilta"})
    assert by_console["ok"] and by_console["table"]["crystallisation"] == "Konsolilta"


def test_after_a_break_the_phone_learns_its_next_table_and_moves_rooms(app, signed_in, facilitator):
    tables, topics = numbered(2)
    w = make_workshop(app, facilitator["id"], "Kahvila", tables=tables, topics=topics, rounds=2,
                      round_minutes=20, break_minutes=5)
    tokens = [join(app, w, f"P{i}", i % 2)[1] for i in range(4)]
    phones = [phone(app, t) for t in tokens]
    desk = console(app, signed_in, w)
    ack(desk, "phase:next")
    ack(desk, "phase:next")  # the break: round 2 planned
    views = [ack(p, "sync", {"last_seq": 0})["snapshot"]["me"] for p in phones]
    movers = [(p, v) for p, v in zip(phones, views) if v["next_table_id"] != v["table_id"]]
    assert movers, "with two tables and hosts staying, the travellers move"
    ack(desk, "phase:next")  # round 2
    mover, view = movers[0]
    now = ack(mover, "sync", {"last_seq": 0})["snapshot"]["me"]
    assert now["table_id"] == view["next_table_id"]
    mover.get_received()
    stayer = next(p for p, v in zip(phones, views) if v["table_id"] == view["next_table_id"]
                  and v["next_table_id"] == v["table_id"])
    ack(stayer, "note:add", {"client_id": "r2", "text": "Toisen kierroksen lappu"})
    assert [n["note"]["text"] for n in received(mover, "note:added")] == ["Toisen kierroksen lappu"]
