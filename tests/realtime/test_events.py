"""Socket.IO events through the test client: acks, rooms, bad payloads and rights."""
from datetime import datetime, timezone

import pytest

from facilitation.extensions import db, socketio
from facilitation.models import Note, Participant
from facilitation.realtime import presence
from tests.support.cafe import make_workshop
from tests.support.sockets import ack, board, console, join, phone, received


def test_two_phones_at_a_table_see_each_others_notes_and_another_table_does_not(app, workshop):
    _, maija = join(app, workshop, "Maija", 0)
    _, pekka = join(app, workshop, "Pekka", 0)
    _, liisa = join(app, workshop, "Liisa", 1)
    phone_a1, phone_a2, phone_b = phone(app, maija), phone(app, pekka), phone(app, liisa)
    projector = board(app, workshop)
    for c in (phone_a1, phone_a2, phone_b, projector):
        c.get_received()
    reply = ack(phone_a1, "note:add", {"client_id": "n-1", "text": "Yhteiset tapahtumat"})
    assert reply["ok"] is True and reply["duplicate"] is False
    assert [p["note"]["text"] for p in received(phone_a2, "note:added")] == ["Yhteiset tapahtumat"]
    assert [p["note"]["text"] for p in received(projector, "note:added")] == ["Yhteiset tapahtumat"]
    assert received(phone_b, "note:added") == []


def test_the_console_sees_notes_and_presence_of_its_workshop_only(app, client, signed_in, facilitator,
                                                                  workshop):
    other = make_workshop(app, facilitator["id"], title="Toinen")
    desk = console(app, signed_in, workshop)
    assert desk.is_connected()
    desk.get_received()
    _, token = join(app, workshop, "Maija")
    _, stranger = join(app, other, "Muukalainen")
    phone(app, stranger).emit("note:add", {"client_id": "x", "text": "Toisen työpajan lappu"})
    maija = phone(app, token)
    ack(maija, "note:add", {"client_id": "n-1", "text": "Oma lappu"})
    presence.tick(app)  # what the background task does every second
    messages = desk.get_received()
    names = [m["name"] for m in messages]
    assert "participant:joined" in names and "presence:changed" in names
    texts = [m["args"][0]["note"]["text"] for m in messages if m["name"] == "note:added"]
    assert texts == ["Oma lappu"]


def test_a_repeated_client_id_is_stored_once_and_acked_both_times(app, workshop):
    _, token = join(app, workshop, "Maija")
    maija, projector = phone(app, token), board(app, workshop)
    projector.get_received()
    first = ack(maija, "note:add", {"client_id": "same", "text": "Kerran"})
    second = ack(maija, "note:add", {"client_id": "same", "text": "Kerran"})
    assert first["ok"] and second["ok"] and second["duplicate"] is True
    assert first["note"]["id"] == second["note"]["id"]
    assert len(received(projector, "note:added")) == 1
    with app.app_context():
        assert db.session.query(Note).count() == 1


@pytest.mark.parametrize("payload, code", [
    ({"client_id": "a", "text": ""}, "note_empty"),
    ({"client_id": "a", "text": "x" * 281}, "note_too_long"),
    ({"client_id": "", "text": "Hei"}, "bad_payload"),
    ({"client_id": ["a"], "text": "Hei"}, "bad_payload"),
    ({"client_id": "a" * 65, "text": "Hei"}, "bad_payload"),
    ({"client_id": "a", "text": None}, "bad_payload"),
    ("just a string", "bad_payload"),
    ([1, 2], "bad_payload"),
])
def test_a_bad_note_gets_a_clear_error_ack_and_nothing_is_stored(app, workshop, payload, code):
    _, token = join(app, workshop, "Maija")
    reply = ack(phone(app, token), "note:add", payload)
    assert reply["ok"] is False
    assert reply["error"]["code"] == code
    assert reply["error"]["message"]
    with app.app_context():
        assert db.session.query(Note).count() == 0


def test_error_messages_follow_the_language_the_phone_asks_for(app, workshop):
    _, token = join(app, workshop, "Maija")
    finnish = ack(phone(app, token), "note:add", {"client_id": "a", "text": "x" * 281})
    english = ack(phone(app, token, lang="en"), "note:add", {"client_id": "a", "text": "x" * 281})
    assert finnish["error"]["message"] == "Lappu on liian pitkä: enintään 280 merkkiä."
    assert english["error"]["message"] == "The note is too long: at most 280 characters."


def test_an_unknown_event_gets_an_error_ack(app, workshop):
    _, token = join(app, workshop, "Maija")
    reply = ack(phone(app, token), "note:explode", {"x": 1})
    assert reply == {"ok": False, "error": {"code": "unknown_event",
                                            "message": "Palvelin ei tunne tätä toimintoa."}}


def test_a_crashing_handler_still_acknowledges_an_internal_error(app, workshop):
    @socketio.on("test:crash")
    def crash(_data):
        raise RuntimeError("boom")

    _, token = join(app, workshop, "Maija")
    reply = ack(phone(app, token), "test:crash", {})
    assert reply["ok"] is False and reply["error"]["code"] == "internal"


@pytest.mark.parametrize("auth", [None, {}, {"role": "participant", "token": "not-a-token"},
                                  {"role": "participant"}, {"role": "console", "workshop_id": 1},
                                  {"role": "wizard"}])
def test_a_connection_without_valid_credentials_is_refused(app, workshop, auth):
    client = socketio.test_client(app, auth=auth)
    assert not client.is_connected()


def test_a_board_with_a_wrong_key_is_refused(app, workshop):
    wrong = socketio.test_client(app, auth={"role": "board", "code": workshop["code"], "key": "guess"})
    assert not wrong.is_connected()
    assert board(app, workshop).is_connected()


def test_phones_and_boards_cannot_use_the_consoles_events(app, workshop):
    _, token = join(app, workshop, "Maija")
    maija = phone(app, token)
    note = ack(maija, "note:add", {"client_id": "a", "text": "Hei"})["note"]
    for client in (maija, board(app, workshop)):
        reply = ack(client, "note:hide", {"note_id": note["id"], "hidden": True})
        assert reply["ok"] is False and reply["error"]["code"] == "forbidden"
    refused = ack(board(app, workshop), "note:add", {"client_id": "b", "text": "x"})
    assert refused["error"]["code"] == "forbidden"


def test_a_hidden_note_leaves_phones_and_board_at_once_and_comes_back(app, signed_in, workshop):
    _, token = join(app, workshop, "Maija")
    maija, projector, desk = phone(app, token), board(app, workshop), console(app, signed_in, workshop)
    note = ack(maija, "note:add", {"client_id": "a", "text": "Poistettava"})["note"]
    for c in (maija, projector):
        c.get_received()
    reply = ack(desk, "note:hide", {"note_id": note["id"], "hidden": True})
    assert reply["ok"] and reply["note"]["hidden"] is True
    [hidden] = received(maija, "note:hidden")
    assert hidden["note_id"] == note["id"] and hidden["seq"] > ack(maija, "sync")["seq"] - 1
    assert [p["note_id"] for p in received(projector, "note:hidden")] == [note["id"]]
    assert ack(maija, "sync")["snapshot"]["notes"] == []
    assert ack(desk, "sync")["snapshot"]["notes"][0]["hidden"] is True
    ack(desk, "note:hide", {"note_id": note["id"], "hidden": False})
    assert [p["note"]["text"] for p in received(projector, "note:shown")] == ["Poistettava"]
    assert [n["text"] for n in ack(maija, "sync")["snapshot"]["notes"]] == ["Poistettava"]


@pytest.mark.parametrize("payload", [{}, {"note_id": "1"}, {"note_id": True},
                                     {"note_id": 1, "hidden": "yes"}])
def test_hiding_with_a_bad_payload_is_refused(app, signed_in, workshop, payload):
    reply = ack(console(app, signed_in, workshop), "note:hide", payload)
    assert reply["ok"] is False and reply["error"]["code"] in ("bad_payload", "not_found")


def test_a_console_cannot_hide_a_note_of_another_workshop(app, signed_in, facilitator, workshop):
    other = make_workshop(app, facilitator["id"], title="Toinen")
    _, token = join(app, other, "Muukalainen")
    foreign = ack(phone(app, token), "note:add", {"client_id": "a", "text": "Vieras"})["note"]
    reply = ack(console(app, signed_in, workshop), "note:hide", {"note_id": foreign["id"], "hidden": True})
    assert reply["error"]["code"] == "not_found"


def test_a_console_for_another_facilitators_workshop_is_refused(app, client, workshop):
    from facilitation.services import accounts
    with app.app_context():
        accounts.create_facilitator("toinen@example.fi", "toinen-salasana")
    client.post("/login", data={"email": "toinen@example.fi", "password": "toinen-salasana"})
    assert not console(app, client, workshop).is_connected()


def test_changing_table_moves_the_phone_to_the_new_tables_notes(app, workshop):
    _, maija = join(app, workshop, "Maija", 0)
    _, liisa = join(app, workshop, "Liisa", 1)
    phone_maija, phone_liisa = phone(app, maija), phone(app, liisa)
    ack(phone_liisa, "note:add", {"client_id": "b", "text": "B-pöydän lappu"})
    reply = ack(phone_maija, "table:choose", {"table_id": workshop["tables"][1]})
    assert reply["ok"] and reply["snapshot"]["me"]["table_id"] == workshop["tables"][1]
    assert [n["text"] for n in reply["snapshot"]["notes"]] == ["B-pöydän lappu"]
    phone_maija.get_received()
    ack(phone_liisa, "note:add", {"client_id": "c", "text": "Toinen"})
    assert [p["note"]["text"] for p in received(phone_maija, "note:added")] == ["Toinen"]
    assert ack(phone_maija, "table:choose", {"table_id": 99999})["error"]["code"] == "table_not_found"
    assert ack(phone_maija, "table:choose", {"table_id": "2"})["error"]["code"] == "bad_payload"


def test_a_participant_without_a_table_is_asked_to_choose_one(app, workshop):
    with app.app_context():
        from facilitation.models import Workshop
        from facilitation.services import participants
        _, token = participants.join(db.session.get(Workshop, workshop["id"]), "Pöydätön")
    reply = ack(phone(app, token), "note:add", {"client_id": "a", "text": "Hei"})
    assert reply["error"]["code"] == "table_required"


def test_a_removed_participant_loses_their_rights_on_the_next_event(app, workshop):
    person_id, token = join(app, workshop, "Maija")
    maija = phone(app, token)
    with app.app_context():
        db.session.get(Participant, person_id).removed_at = datetime.now(timezone.utc)
        db.session.commit()
    reply = ack(maija, "note:add", {"client_id": "a", "text": "Vielä yksi"})
    assert reply["error"]["code"] == "unauthorised"
    assert not phone(app, token).is_connected()


def test_sync_gives_each_audience_its_snapshot_and_the_sequence_number(app, signed_in, workshop):
    _, token = join(app, workshop, "Maija")
    maija = phone(app, token)
    ack(maija, "note:add", {"client_id": "a", "text": "Näkyvä"})
    mine = ack(maija, "sync", {"last_seq": 0})
    assert mine["ok"] and mine["seq"] >= 2
    assert mine["snapshot"]["me"]["name"] == "Maija"
    assert [t["name"] for t in mine["snapshot"]["tables"]] == ["Pöytä A", "Pöytä B", "Etäpöytä"]
    projected = ack(board(app, workshop), "sync")
    assert [n["text"] for n in projected["snapshot"]["notes"]] == ["Näkyvä"]
    assert "participants" not in projected["snapshot"]
    desk = ack(console(app, signed_in, workshop), "sync")
    assert [p["name"] for p in desk["snapshot"]["participants"]] == ["Maija"]
    assert desk["snapshot"]["participants"][0]["online"] is True


def test_presence_follows_the_phones_connection(app, signed_in, workshop):
    maija_id, token = join(app, workshop, "Maija")
    desk = console(app, signed_in, workshop)
    maija = phone(app, token)
    presence.tick(app)
    assert [c["online"] for c in received(desk, "presence:changed")] == [[maija_id]]
    maija.disconnect()
    presence.tick(app)
    assert [c["online"] for c in received(desk, "presence:changed")] == [[]]
