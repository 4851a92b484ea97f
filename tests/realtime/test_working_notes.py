"""Working the notes: kinds, edit and undoable delete, hide until reveal, votes, moderation."""
from datetime import datetime, timedelta, timezone

from facilitation.extensions import db
from facilitation.models import Note
from tests.support.sockets import ack, board, console, join, phone, received


def test_an_action_keeps_its_owner_and_due_date_and_a_plain_note_drops_them(app, workshop):
    _, token = join(app, workshop, "Maija")
    maija = phone(app, token)
    action = ack(maija, "note:add", {"client_id": "a", "text": "Yhteinen hakemus", "kind": "action",
                                      "owner": "Kunta", "due": "2026-12-31"})["note"]
    assert (action["kind"], action["owner"], action["due"]) == ("action", "Kunta", "2026-12-31")
    plain = ack(maija, "note:add", {"client_id": "b", "text": "Ajatus", "kind": "insight",
                                     "owner": "Joku"})["note"]
    assert (plain["kind"], plain["owner"]) == ("insight", None)
    bad = ack(maija, "note:add", {"client_id": "c", "text": "x", "kind": "rant"})
    assert bad["error"]["code"] == "bad_payload"
    assert ack(maija, "note:add", {"client_id": "d", "text": "x", "kind": "action",
                                   "due": "ensi viikolla"})["error"]["code"] == "bad_payload"


def test_the_author_edits_and_the_table_and_board_see_the_new_text(app, workshop):
    _, token = join(app, workshop, "Maija")
    _, peer_token = join(app, workshop, "Pekka")
    maija, pekka, projector = phone(app, token), phone(app, peer_token), board(app, workshop)
    note = ack(maija, "note:add", {"client_id": "a", "text": "Kirjoitusvirhe"})["note"]
    for c in (pekka, projector):
        c.get_received()
    edited = ack(maija, "note:edit", {"note_id": note["id"], "text": "Korjattu"})
    assert edited["ok"] and edited["note"]["text"] == "Korjattu"
    assert [e["note"]["text"] for e in received(pekka, "note:edited")] == ["Korjattu"]
    assert [e["note"]["text"] for e in received(projector, "note:edited")] == ["Korjattu"]
    assert ack(maija, "note:edit", {"note_id": note["id"], "text": ""})["error"]["code"] == "note_empty"


def test_a_deleted_note_disappears_and_undo_brings_it_back(app, workshop):
    _, token = join(app, workshop, "Maija")
    maija, projector = phone(app, token), board(app, workshop)
    note = ack(maija, "note:add", {"client_id": "a", "text": "Vahingossa poistettu"})["note"]
    projector.get_received()
    assert ack(maija, "note:delete", {"note_id": note["id"]})["ok"]
    assert [e["note_id"] for e in received(projector, "note:deleted")] == [note["id"]]
    assert ack(projector, "sync")["snapshot"]["notes"] == []
    restored = ack(maija, "note:restore", {"note_id": note["id"]})
    assert restored["ok"] and restored["note"]["text"] == "Vahingossa poistettu"
    assert [n["id"] for n in ack(projector, "sync")["snapshot"]["notes"]] == [note["id"]]


def test_undo_is_refused_after_the_undo_window(app, workshop):
    _, token = join(app, workshop, "Maija")
    maija = phone(app, token)
    note = ack(maija, "note:add", {"client_id": "a", "text": "Vanha"})["note"]
    ack(maija, "note:delete", {"note_id": note["id"]})
    with app.app_context():
        db.session.get(Note, note["id"]).deleted_at = datetime.now(timezone.utc) - timedelta(hours=1)
        db.session.commit()
    assert ack(maija, "note:restore", {"note_id": note["id"]})["error"]["code"] == "undo_expired"


def test_hidden_until_reveal_each_person_sees_only_their_own(app, signed_in, workshop):
    _, maija_token = join(app, workshop, "Maija")
    _, pekka_token = join(app, workshop, "Pekka")
    maija, pekka = phone(app, maija_token), phone(app, pekka_token)
    projector, desk = board(app, workshop), console(app, signed_in, workshop)
    assert ack(desk, "notes:conceal", {"concealed": True})["ok"]
    for c in (maija, pekka, projector):
        c.get_received()
    ack(maija, "note:add", {"client_id": "a", "text": "Maijan salainen"})
    ack(pekka, "note:add", {"client_id": "b", "text": "Pekan salainen"})
    assert received(projector, "note:added") == [] and received(pekka, "note:added") == []
    assert [n["text"] for n in ack(maija, "sync")["snapshot"]["notes"]] == ["Maijan salainen"]
    assert ack(projector, "sync")["snapshot"]["notes"] == []
    assert len(ack(desk, "sync")["snapshot"]["notes"]) == 2
    assert ack(desk, "notes:conceal", {"concealed": False})["ok"]
    assert [e["concealed"] for e in received(pekka, "notes:concealed")] == [False]
    assert sorted(n["text"] for n in ack(pekka, "sync")["snapshot"]["notes"]) == [
        "Maijan salainen", "Pekan salainen"]
    assert len(ack(projector, "sync")["snapshot"]["notes"]) == 2


def test_a_locked_board_takes_no_new_notes(app, signed_in, workshop):
    _, token = join(app, workshop, "Maija")
    maija, desk = phone(app, token), console(app, signed_in, workshop)
    assert ack(desk, "board:lock", {"locked": True})["ok"]
    assert ack(maija, "note:add", {"client_id": "a", "text": "Myöhässä"})["error"]["code"] == "board_locked"
    ack(desk, "board:lock", {"locked": False})
    assert ack(maija, "note:add", {"client_id": "a", "text": "Nyt"})["ok"]


def test_a_note_stored_before_the_lock_and_sent_again_after_it_is_acked_as_stored(
        app, signed_in, workshop):
    _, token = join(app, workshop, "Maija")
    maija, desk = phone(app, token), console(app, signed_in, workshop)
    first = ack(maija, "note:add", {"client_id": "a", "text": "Yhteistyö hankkeissa"})
    assert ack(desk, "board:lock", {"locked": True})["ok"]
    # The phone lost the first ack on a Wi-Fi blip and sends its outbox again.
    again = ack(maija, "note:add", {"client_id": "a", "text": "Yhteistyö hankkeissa"})
    assert again["ok"] and again["duplicate"] is True and again["note"]["id"] == first["note"]["id"]
    assert ack(maija, "note:add", {"client_id": "b", "text": "Uusi"})["error"]["code"] == "board_locked"
    with app.app_context():
        assert db.session.query(Note).count() == 1


def test_dots_stack_on_one_item_are_capped_and_taken_back_and_only_totals_are_shown(app, signed_in, workshop):
    _, maija_token = join(app, workshop, "Maija")
    _, pekka_token = join(app, workshop, "Pekka")
    maija, pekka = phone(app, maija_token), phone(app, pekka_token)
    projector, desk = board(app, workshop), console(app, signed_in, workshop)
    first = ack(maija, "note:add", {"client_id": "a", "text": "Hyvä idea"})["note"]["id"]
    second = ack(pekka, "note:add", {"client_id": "b", "text": "Toinen idea"})["note"]["id"]
    opened = ack(desk, "ballot:open", {"scope": "notes", "dots": 3})
    assert opened["ok"] and opened["ballot"]["dots"] == 3
    assert ack(maija, "sync")["snapshot"]["ballot"]["id"] == opened["ballot"]["id"]
    projector.get_received()
    pekka.get_received()
    for _ in range(2):
        reply = ack(maija, "vote:add", {"target_type": "note", "target_id": first})
    assert reply["mine"] == {f"note:{first}": 2} and reply["dots_left"] == 1
    ack(maija, "vote:add", {"target_type": "note", "target_id": second})
    refused = ack(maija, "vote:add", {"target_type": "note", "target_id": second})
    assert refused["error"]["code"] == "no_dots_left"
    taken_back = ack(maija, "vote:remove", {"target_type": "note", "target_id": first})
    assert taken_back["mine"] == {f"note:{first}": 1, f"note:{second}": 1}
    assert [c["count"] for c in received(projector, "votes:changed")] == [1, 2, 1, 1]
    assert received(pekka, "votes:changed") == []  # votes are anonymous to participants
    assert "totals" not in ack(pekka, "sync")["snapshot"]
    closed = ack(desk, "ballot:close")
    assert {(t["target_id"], t["count"]) for t in closed["totals"]} == {(first, 1), (second, 1)}
    assert ack(maija, "vote:add", {"target_type": "note", "target_id": first})["error"]["code"] == "no_ballot"


def test_a_table_vote_takes_only_that_tables_notes(app, signed_in, workshop):
    _, a_token = join(app, workshop, "A", 0)
    _, b_token = join(app, workshop, "B", 1)
    a, b, desk = phone(app, a_token), phone(app, b_token), console(app, signed_in, workshop)
    a_note = ack(a, "note:add", {"client_id": "a", "text": "A:n lappu"})["note"]["id"]
    b_note = ack(b, "note:add", {"client_id": "b", "text": "B:n lappu"})["note"]["id"]
    ack(desk, "ballot:open", {"scope": "table", "scope_id": workshop["tables"][0], "dots": 2})
    assert ack(b, "vote:add", {"target_type": "note", "target_id": a_note})["ok"]
    assert ack(a, "vote:add", {"target_type": "note", "target_id": b_note})["error"]["code"] == "not_in_vote"
    unknown = ack(desk, "ballot:open", {"scope": "table", "scope_id": 9999})
    assert unknown["error"]["code"] == "table_not_found"


def test_a_removed_participant_is_cut_off_at_once(app, signed_in, workshop):
    person_id, token = join(app, workshop, "Häiriköitsijä")
    troll, desk = phone(app, token), console(app, signed_in, workshop)
    troll.get_received()
    assert ack(desk, "participant:remove", {"participant_id": person_id})["ok"]
    assert not troll.is_connected()
    assert not phone(app, token).is_connected()
    assert all(p["id"] != person_id for p in ack(desk, "sync")["snapshot"]["participants"])


def test_remote_people_sit_at_remote_tables_and_people_in_the_room_at_the_rooms(app, workshop):
    import pytest

    from facilitation.errors import DomainError
    from facilitation.models import Workshop
    from facilitation.services import participants
    in_room, remote = workshop["tables"][0], workshop["tables"][2]
    with app.app_context():
        w = db.session.get(Workshop, workshop["id"])
        with pytest.raises(DomainError) as refused:
            participants.join(w, "Etä-Eeva", table_id=in_room, remote=True)
        assert refused.value.code == "table_wrong_kind_remote"
        with pytest.raises(DomainError) as refused:
            participants.join(w, "Sali-Sami", table_id=remote, remote=False)
        assert refused.value.code == "table_wrong_kind_room"
        person, token = participants.join(w, "Etä-Eeva", table_id=remote, remote=True)
    eeva = phone(app, token)
    assert ack(eeva, "table:choose", {"table_id": in_room})["error"]["code"] == "table_wrong_kind_remote"
    view = ack(eeva, "sync")["snapshot"]
    assert view["me"]["remote"] is True
    assert next(t for t in view["tables"] if t["id"] == remote)["video_url"].startswith("https://")
