"""Services: rows written, rights checked, and what was broadcast."""
import pytest
from sqlalchemy.exc import IntegrityError

from facilitation.errors import DomainError
from facilitation.extensions import db
from facilitation.models import Event, Note, Participant, Workshop
from facilitation.services import accounts, events, moderation, notes, participants, workshops
from tests.support.cafe import make_workshop
from tests.support.sockets import board, join, received


def test_a_join_code_has_six_characters_without_look_alikes(app, facilitator):
    codes = {make_workshop(app, facilitator["id"])["code"] for _ in range(20)}
    assert len(codes) == 20
    for code in codes:
        assert len(code) == 6
        assert not set(code) & set("0O1IL")


def test_a_code_typed_in_lower_case_with_a_dash_finds_the_workshop(app, workshop):
    messy = workshop["code"][:3].lower() + "-" + workshop["code"][3:].lower()
    with app.app_context():
        assert workshops.workshop_by_code(messy).id == workshop["id"]
        with pytest.raises(DomainError) as refused:
            workshops.workshop_by_code("AAAAAA" if workshop["code"] != "AAAAAA" else "BBBBBB")
        assert refused.value.code == "workshop_not_found"


def test_tables_get_topics_in_order_and_remote_tables_keep_their_link(app, workshop):
    with app.app_context():
        w = db.session.get(Workshop, workshop["id"])
        assert [t.topic.title for t in w.tables] == [
            "Osallisuus", "Työn opinnollistaminen", "Hyvinvointi"]
        assert [t.remote for t in w.tables] == [False, False, True]
        assert w.tables[2].video_url == "https://meet.example.fi/x"


def test_a_video_link_must_be_a_web_address(app, facilitator):
    with app.app_context(), pytest.raises(DomainError):
        workshops.create_workshop(facilitator["id"], "X", [{"name": "A", "video_url": "javascript:alert(1)"}],
                                  [{"title": "T"}])


def test_passwords_are_stored_hashed_and_checked(app, facilitator):
    with app.app_context():
        from facilitation.models import Facilitator
        stored = db.session.get(Facilitator, facilitator["id"])
        assert facilitator["password"] not in stored.password_hash
        assert accounts.authenticate(facilitator["email"], facilitator["password"]).id == stored.id
        assert accounts.authenticate(facilitator["email"], "wrong-password") is None


def test_a_short_password_is_refused(app):
    with app.app_context(), pytest.raises(DomainError) as refused:
        accounts.create_facilitator("x@example.fi", "short")
    assert refused.value.code == "password_too_short"


def test_the_token_is_kept_only_as_a_hash(app, workshop):
    person_id, token = join(app, workshop, "Maija")
    with app.app_context():
        stored = db.session.get(Participant, person_id)
        assert token not in stored.token_hash
        assert len(token) >= 32  # 24 random bytes, base64: 192 bits
        assert participants.participant_by_token(token).id == person_id
        assert participants.participant_by_token(token + "x") is None


def test_a_note_is_committed_with_its_numbered_event_and_broadcast(app, workshop):
    person_id, _ = join(app, workshop, "Maija")
    projector = board(app, workshop)
    projector.get_received()
    with app.app_context():
        person = db.session.get(Participant, person_id)
        note, created = notes.add_note(person, "c-1", "  Yhteistyötä hankkeiden kesken  ")
        assert created and note.text == "Yhteistyötä hankkeiden kesken"
        event = db.session.query(Event).filter_by(type="note:added").one()
        assert event.payload["note"]["id"] == note.id
    [announced] = received(projector, "note:added")
    assert announced["seq"] == event.seq
    assert announced["note"]["text"] == "Yhteistyötä hankkeiden kesken"


def test_a_note_is_published_to_its_table_the_board_and_the_console(app, workshop, broadcasts):
    person_id, _ = join(app, workshop, "Maija")
    with app.app_context():
        person = db.session.get(Participant, person_id)
        note, _ = notes.add_note(person, "c-1", "Työllisyyspalveluiden yhteensovittaminen")
        notes.add_note(person, "c-1", "Työllisyyspalveluiden yhteensovittaminen")  # a resend
    [(name, audience, table_id, payload)] = broadcasts.seen("note:added")
    assert (audience, table_id) == ("table", workshop["tables"][0])
    assert payload["note"]["id"] == note.id
    [published] = [b for b in broadcasts.published if b.name == "note:added"]
    assert published.data == {"seq": published.seq, **payload}


def test_a_failed_commit_publishes_nothing(app, workshop, broadcasts):
    person_id, _ = join(app, workshop, "Maija")
    projector = board(app, workshop)
    projector.get_received()
    with app.app_context():
        person = db.session.get(Participant, person_id)
        first, _ = notes.add_note(person, "c-1", "Yhteistyötä hankkeiden kesken")
        seq = events.current_seq(workshop["id"])
        # The same client id raced in from another connection: the commit fails.
        event = events.record(first.workshop_id, "note:added", {"note": {"text": "Kaksoiskappale"}},
                              "table", first.table_id)
        db.session.add(Note(workshop_id=first.workshop_id, table_id=first.table_id,
                            participant_id=person_id, client_id="c-1", text="Kaksoiskappale"))
        with pytest.raises(IntegrityError):
            events.commit_and_publish(event)
        db.session.rollback()
        assert events.current_seq(workshop["id"]) == seq
        assert db.session.query(Event).filter_by(type="note:added").count() == 1
    assert [payload["note"]["text"] for *_, payload in broadcasts.seen("note:added")] == [
        "Yhteistyötä hankkeiden kesken"]
    assert [a["note"]["text"] for a in received(projector, "note:added")] == [
        "Yhteistyötä hankkeiden kesken"]


def test_a_removed_participant_is_told_and_disconnected_after_the_commit(app, workshop,
                                                                         broadcasts):
    person_id, token = join(app, workshop, "Maija")
    with app.app_context():
        moderation.remove_participant(db.session.get(Workshop, workshop["id"]), person_id)
    assert broadcasts.seen("participant:removed") == [("participant:removed", "console", None,
                                  {"participant_id": person_id})]
    assert broadcasts.notices == [(workshop["id"], person_id, "session:ended",
                                   {"reason": "removed"})]
    assert broadcasts.disconnected == [(workshop["id"], person_id)]
    with app.app_context():
        assert participants.participant_by_token(token) is None


def test_the_same_client_id_twice_stores_one_note(app, workshop):
    person_id, _ = join(app, workshop, "Maija")
    with app.app_context():
        person = db.session.get(Participant, person_id)
        first, created_first = notes.add_note(person, "same", "Yksi")
        again, created_again = notes.add_note(person, "same", "Yksi")
        assert (created_first, created_again) == (True, False)
        assert first.id == again.id
        assert db.session.query(Note).count() == 1


@pytest.mark.parametrize("text, code", [("", "note_empty"), ("   \n ", "note_empty"),
                                        ("x" * 281, "note_too_long"), (42, "bad_payload")])
def test_bad_note_text_is_refused_and_nothing_is_stored(app, workshop, text, code):
    person_id, _ = join(app, workshop, "Maija")
    with app.app_context():
        person = db.session.get(Participant, person_id)
        with pytest.raises(DomainError) as refused:
            notes.add_note(person, "c-1", text)
        assert refused.value.code == code
        assert db.session.query(Note).count() == 0


def test_hiding_a_note_of_another_workshop_is_refused(app, facilitator, workshop):
    other = make_workshop(app, facilitator["id"], title="Toinen")
    person_id, _ = join(app, workshop, "Maija")
    with app.app_context():
        note, _ = notes.add_note(db.session.get(Participant, person_id), "c-1", "Salainen")
        with pytest.raises(DomainError) as refused:
            notes.set_hidden(db.session.get(Workshop, other["id"]), note.id, True)
        assert refused.value.code == "not_found"
        assert db.session.get(Note, note.id).hidden is False


def test_the_event_counter_grows_by_one_per_change(app, workshop):
    person_id, _ = join(app, workshop, "Maija")
    with app.app_context():
        person = db.session.get(Participant, person_id)
        before = db.session.get(Workshop, workshop["id"]).seq
        for i in range(3):
            notes.add_note(person, f"c-{i}", f"Lappu {i}")
        seqs = [e.seq for e in db.session.query(Event).filter_by(type="note:added")]
        assert seqs == [before + 1, before + 2, before + 3]
