"""What the server tells phones and screens in a café: votes on every table's notes, a hidden
note's writer, and the count of feedback answers."""
from facilitation.extensions import db
from facilitation.models import Participant
from facilitation.services import feedback
from tests.support.sockets import ack, board, console, join, phone, received


def test_in_a_vote_on_all_notes_a_phone_gets_and_votes_on_every_tables_notes(app, signed_in, workshop):
    _, a_token = join(app, workshop, "Aino", 0)
    _, b_token = join(app, workshop, "Björn", 1)
    aino, bjorn, desk = phone(app, a_token), phone(app, b_token), console(app, signed_in, workshop)
    here = ack(aino, "note:add", {"client_id": "a", "text": "Työllisyyspalveluiden yhteensovittaminen"})["note"]
    there = ack(bjorn, "note:add", {"client_id": "b", "text": "Samarbete mellan kommunerna"})["note"]
    assert ack(aino, "sync")["snapshot"]["ballot_notes"] == []
    ack(desk, "ballot:open", {"scope": "notes", "dots": 2})
    snapshot = ack(aino, "sync")["snapshot"]
    assert [n["id"] for n in snapshot["notes"]] == [here["id"]]
    assert {n["id"] for n in snapshot["ballot_notes"]} == {here["id"], there["id"]}
    assert ack(aino, "vote:add", {"target_type": "note", "target_id": there["id"]})["dots_left"] == 1
    ack(desk, "ballot:open", {"scope": "table", "scope_id": workshop["tables"][0], "dots": 2})
    assert ack(aino, "sync")["snapshot"]["ballot_notes"] == []


def test_the_writer_of_a_hidden_note_is_told_even_at_another_table(app, signed_in, workshop):
    writer_id, token = join(app, workshop, "Aino", 0)
    _, other_token = join(app, workshop, "Eero", 0)
    aino, eero, desk = phone(app, token), phone(app, other_token), console(app, signed_in, workshop)
    note = ack(aino, "note:add", {"client_id": "a", "text": "Opinnollistaminen näkyväksi"})["note"]
    ack(aino, "table:choose", {"table_id": workshop["tables"][1]})
    aino.get_received()
    eero.get_received()
    assert ack(desk, "note:hide", {"note_id": note["id"], "hidden": True})["ok"]
    assert received(aino, "note:hidden_yours") == [{"note_id": note["id"], "text": "Opinnollistaminen näkyväksi"}]
    heard = {m["name"] for m in eero.get_received()}
    assert "note:hidden" in heard and "note:hidden_yours" not in heard


def test_screens_learn_the_count_of_feedback_answers_as_they_come(app, signed_in, workshop):
    ids = [join(app, workshop, name)[0] for name in ("Aino", "Eero")]
    projector, desk = board(app, workshop), console(app, signed_in, workshop)
    for _ in range(6):  # three rounds and two breaks: the harvest takes feedback
        ack(desk, "phase:next")
    assert ack(projector, "sync")["snapshot"]["feedback_count"] == 0
    projector.get_received()
    with app.app_context():
        for participant_id in [*ids, ids[0]]:  # the second answer of Aino replaces her first
            feedback.give_feedback(db.session.get(Participant, participant_id), 4)
    assert [e["count"] for e in received(projector, "feedback:counted")] == [1, 2]
    assert [e["count"] for e in received(desk, "feedback:counted")] == [1, 2]
    assert ack(projector, "sync")["snapshot"]["feedback_count"] == 2
    phone_socket = phone(app, join(app, workshop, "Kaisa")[1])
    assert received(phone_socket, "feedback:counted") == []
