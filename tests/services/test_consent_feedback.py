"""Consent, erasure, feedback, the summary queue and retention, at the service layer."""
from datetime import timedelta

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from facilitation.errors import DomainError
from facilitation.extensions import db
from facilitation.models import Event, Feedback, Mail, Note, Participant, Summary, Workshop, utcnow
from facilitation.services import consent, feedback, mailing, participants, retention
from tests.support.sockets import join


def person(participant_id):
    """The participant row, in the current app context."""
    return db.session.get(Participant, participant_id)


def set_state(workshop_id, state):
    """Move a workshop to a phase directly."""
    db.session.get(Workshop, workshop_id).state = state
    db.session.commit()


def write_summary(workshop_id, markdown="# Kooste\n\nHyvä päivä.\n"):
    """Store a reviewed summary for the workshop."""
    db.session.add(Summary(workshop_id=workshop_id, markdown=markdown))
    db.session.commit()


# --- email and consents ---------------------------------------------------------------

def test_no_address_is_stored_without_the_consent_box(app, workshop):
    maija, _ = join(app, workshop, "Maija")
    with app.app_context():
        details = consent.set_email(person(maija), "maija@example.fi", False)
        assert details["email"] is None and not details["email_consent"]
        assert person(maija).email is None


def test_an_address_with_consent_is_stored_with_its_domain_in_lower_case(app, workshop):
    maija, _ = join(app, workshop, "Maija")
    with app.app_context():
        details = consent.set_email(person(maija), "  Maija.Meikalainen@Example.FI ", True)
        assert details == {"name": "Maija", "organisation": "", "email_consent": True,
                           "contact_consent": False, "email": "Maija.Meikalainen@example.fi"}


@pytest.mark.parametrize("address", [
    "maija.meikalainen@example.fi", "m+kahvila@kunta.example.fi", "o'brien@example.org",
    "maija@pääkaupunki.fi"])
def test_sensible_addresses_are_accepted(address):
    assert "@" in consent.clean_email(address)


def test_an_address_on_an_international_domain_travels_in_ascii():
    expected = "maija@" + "pääkaupunki.fi".encode("idna").decode("ascii")
    assert consent.clean_email("maija@Pääkaupunki.fi") == expected == "maija@xn--pkaupunki-v2aa.fi"


@pytest.mark.parametrize("address", [
    "", "maija", "maija@", "@example.fi", "maija@example", "maija@@example.fi",
    "maija @example.fi", "maija@exa mple.fi", ".maija@example.fi", "maija..m@example.fi",
    "maija@-example.fi", "maija@example.fi\nBcc: x@example.fi", "<maija@example.fi>",
    "a" * 65 + "@example.fi", "maija@" + "a" * 250 + ".fi", None, 42])
def test_broken_addresses_are_refused(address):
    with pytest.raises(DomainError) as refused:
        consent.clean_email(address)
    assert refused.value.code == "email_invalid"


def test_a_non_ascii_local_part_is_refused_so_that_any_server_accepts_it():
    with pytest.raises(DomainError):
        consent.clean_email("meikäläinen@example.fi")


def test_withdrawing_the_email_consent_deletes_the_address(app, workshop):
    maija, _ = join(app, workshop, "Maija")
    with app.app_context():
        consent.set_email(person(maija), "maija@example.fi", True)
        details = consent.set_email(person(maija), None, False)
        assert details["email"] is None and person(maija).email is None


def test_the_contact_list_consent_keeps_the_address_when_the_email_consent_goes(app, workshop):
    maija, _ = join(app, workshop, "Maija")
    with app.app_context():
        consent.set_email(person(maija), "maija@example.fi", True)
        consent.set_contact(person(maija), True)
        consent.set_email(person(maija), "maija@example.fi", False)
        assert person(maija).email == "maija@example.fi" and person(maija).contact_consent
        consent.set_contact(person(maija), False)
        assert person(maija).email is None


def test_consents_must_be_true_or_false(app, workshop):
    maija, _ = join(app, workshop, "Maija")
    with app.app_context():
        for call in (lambda: consent.set_email(person(maija), "maija@example.fi", "yes"),
                     lambda: consent.set_contact(person(maija), 1)):
            with pytest.raises(DomainError) as refused:
                call()
            assert refused.value.code == "bad_payload"


def test_withdrawing_cancels_unsent_mail_and_blanks_the_sent_one(app, workshop):
    maija, _ = join(app, workshop, "Maija")
    pekka, _ = join(app, workshop, "Pekka")
    with app.app_context():
        consent.set_email(person(maija), "maija@example.fi", True)
        consent.set_email(person(pekka), "pekka@example.fi", True)
        write_summary(workshop["id"])
        assert mailing.queue_summary(db.session.get(Workshop, workshop["id"])) == 2
        sent = db.session.scalar(select(Mail).where(Mail.participant_id == pekka))
        sent.status = "sent"
        db.session.commit()
        consent.set_email(person(maija), None, False)
        consent.set_email(person(pekka), None, False)
        mails = db.session.scalars(select(Mail)).all()
        assert [(m.participant_id, m.status) for m in mails] == [(pekka, "sent")]
        assert "@" not in mails[0].recipient


# --- erasure --------------------------------------------------------------------------

def test_erasing_keeps_the_notes_but_not_the_person(app, workshop):
    maija, token = join(app, workshop, "Maija Meikäläinen")
    with app.app_context():
        me = person(maija)
        me.organisation = "Esimerkki ry"
        db.session.add(Note(workshop_id=workshop["id"], table_id=me.table_id,
                            participant_id=maija, client_id="n1", text="Yhteistyö"))
        db.session.commit()
        consent.set_email(me, "maija@example.fi", True)
        consent.set_contact(person(maija), True)
        set_state(workshop["id"], "feedback")
        feedback.give_feedback(person(maija), 4, "Verkosto", signed=True)
        consent.erase(person(maija))
        me = person(maija)
        with force_locale("fi"):
            assert me.display_name == _("Anonymous participant")
        assert (me.organisation, me.email, me.email_consent, me.contact_consent) == \
            ("", None, False, False)
        assert participants.participant_by_token(token) is None
        assert db.session.scalar(select(Note.text).where(Note.participant_id == maija)) == \
            "Yhteistyö"
        assert db.session.scalar(select(Feedback.participant_id)) is None
        for event in db.session.scalars(select(Event)):
            assert "Maija" not in str(event.payload) and "Esimerkki" not in str(event.payload)


def test_an_erased_person_cannot_act_any_more(app, workshop):
    maija, _ = join(app, workshop, "Maija")
    with app.app_context():
        consent.erase(person(maija))
        with pytest.raises(DomainError) as refused:
            participants.active_participant(maija)
        assert refused.value.code == "unauthorised"


def test_a_token_of_another_workshop_opens_nothing(app, facilitator, workshop):
    from tests.support.cafe import make_workshop
    other = make_workshop(app, facilitator["id"], title="Toinen")
    _, token = join(app, other, "Ulla")
    with app.app_context(), pytest.raises(DomainError) as refused:
        consent.participant_in(db.session.get(Workshop, workshop["id"]), token)
    assert refused.value.code == "unauthorised"


# --- feedback -------------------------------------------------------------------------

def test_feedback_is_refused_before_the_harvest(app, workshop):
    maija, _ = join(app, workshop, "Maija")
    with app.app_context():
        for state in ("lobby", "round", "break"):
            set_state(workshop["id"], state)
            with pytest.raises(DomainError) as refused:
                feedback.give_feedback(person(maija), 3)
            assert refused.value.code == "feedback_not_open"
        for state in ("harvest", "feedback", "closed"):
            set_state(workshop["id"], state)
            feedback.give_feedback(person(maija), 3)


@pytest.mark.parametrize("rating", [0, 5, "3", 2.5, True, None])
def test_a_rating_is_a_whole_number_from_one_to_four(app, workshop, rating):
    maija, _ = join(app, workshop, "Maija")
    with app.app_context():
        set_state(workshop["id"], "feedback")
        with pytest.raises(DomainError) as refused:
            feedback.give_feedback(person(maija), rating)
        assert refused.value.code == "rating_required"


def test_a_second_answer_replaces_the_first_and_stays_anonymous(app, workshop):
    maija, _ = join(app, workshop, "Maija")
    with app.app_context():
        set_state(workshop["id"], "feedback")
        feedback.give_feedback(person(maija), 2, "Eka", "", signed=True)
        feedback.give_feedback(person(maija), 4, "Toka", "Lisää aikaa")
        answers = db.session.scalars(select(Feedback)).all()
        assert len(answers) == 1
        answer = answers[0]
        assert (answer.rating, answer.takeaway, answer.wishes) == (4, "Toka", "Lisää aikaa")
        assert answer.participant_id is None
        assert answer.respondent == feedback.respondent_key(maija) != str(maija)
        assert len(answer.respondent) == 64


def test_the_respondent_key_depends_on_the_secret(app):
    with app.app_context():
        first = feedback.respondent_key(1)
        app.config["SECRET_KEY"] = "another-secret"
        assert feedback.respondent_key(1) != first


def test_the_figures_count_the_mean_the_distribution_and_the_texts(app, workshop):
    ids = [join(app, workshop, name)[0] for name in ("A", "B", "C", "D")]
    with app.app_context():
        set_state(workshop["id"], "feedback")
        w = db.session.get(Workshop, workshop["id"])
        assert feedback.feedback_figures(w) == {
            "count": 0, "mean": None, "distribution": {1: 0, 2: 0, 3: 0, 4: 0},
            "takeaways": [], "wishes": []}
        for pid, rating, takeaway, wishes in [(ids[0], 4, "Verkosto", ""),
                                              (ids[1], 3, "", "Pidempi tauko"),
                                              (ids[2], 4, "Ideoita", "Kahvia"),
                                              (ids[3], 1, "  ", "")]:
            feedback.give_feedback(person(pid), rating, takeaway, wishes)
        figures = feedback.feedback_figures(w)
        assert figures == {"count": 4, "mean": 3.0, "distribution": {1: 1, 2: 0, 3: 1, 4: 2},
                           "takeaways": ["Verkosto", "Ideoita"],
                           "wishes": ["Pidempi tauko", "Kahvia"]}
        assert feedback.signed_answers(w) == []


# --- the queue and retention ----------------------------------------------------------

def test_sending_needs_a_summary(app, workshop):
    with app.app_context(), pytest.raises(DomainError) as refused:
        mailing.queue_summary(db.session.get(Workshop, workshop["id"]))
    assert refused.value.code == "summary_missing"


def test_pressing_send_twice_queues_each_person_once(app, workshop):
    maija, _ = join(app, workshop, "Maija")
    pekka, _ = join(app, workshop, "Pekka")
    liisa, _ = join(app, workshop, "Liisa")
    with app.app_context():
        consent.set_email(person(maija), "maija@example.fi", True)
        consent.set_email(person(pekka), "pekka@example.fi", False)
        write_summary(workshop["id"])
        w = db.session.get(Workshop, workshop["id"])
        assert mailing.queue_summary(w) == 1
        assert mailing.queue_summary(w) == 0
        consent.set_email(person(liisa), "LIISA@example.fi", True)
        consent.set_email(person(pekka), "liisa@EXAMPLE.fi", True)  # the same address again
        assert mailing.queue_summary(w) == 1
        mails = db.session.scalars(select(Mail).order_by(Mail.id)).all()
        # Pekka joined before Liisa: his copy of the address is the one queued.
        assert [(m.participant_id, m.recipient) for m in mails] == [
            (maija, "maija@example.fi"), (pekka, "liisa@example.fi")]
        assert len({m.message_id for m in mails}) == 2
        assert db.session.scalar(select(Summary.sent_at)) is not None


def test_cleanup_deletes_addresses_only_after_the_retention_period(app, workshop):
    maija, _ = join(app, workshop, "Maija")
    with app.app_context():
        consent.set_email(person(maija), "maija@example.fi", True)
        consent.set_contact(person(maija), True)
        write_summary(workshop["id"])
        mailing.queue_summary(db.session.get(Workshop, workshop["id"]))
        days = app.config["MAIL_RETENTION_DAYS"]
        assert retention.clean_up(utcnow() + timedelta(days=days - 1))["addresses"] == 0
        assert person(maija).email == "maija@example.fi"
        done = retention.clean_up(utcnow() + timedelta(days=days, hours=1))
        assert done == {"workshops": 1, "addresses": 1, "mails": 1}
        assert (person(maija).email, person(maija).email_consent) == (None, False)
        mail = db.session.scalar(select(Mail))
        assert "@" not in mail.recipient and mail.status == "failed"


def test_deleting_a_workshop_deletes_all_its_rows_and_no_others(app, facilitator, workshop):
    from tests.support.cafe import make_workshop
    other = make_workshop(app, facilitator["id"], title="Toinen")
    join(app, other, "Ulla")
    maija, _ = join(app, workshop, "Maija")
    with app.app_context():
        consent.set_email(person(maija), "maija@example.fi", True)
        set_state(workshop["id"], "feedback")
        feedback.give_feedback(person(maija), 4)
        write_summary(workshop["id"])
        mailing.queue_summary(db.session.get(Workshop, workshop["id"]))
        assert retention.delete_workshop(workshop["id"]) > 5
        for model in (Workshop, Participant, Event, Mail, Feedback, Summary):
            rows = db.session.scalars(select(model)).all()
            assert all(getattr(r, "workshop_id", getattr(r, "id", None)) == other["id"]
                       for r in rows), model
        assert db.session.get(Workshop, other["id"]).title == "Toinen"


# --- the command line -----------------------------------------------------------------

def run(app, *args):
    """Run a `flask --app app …` command."""
    return app.test_cli_runner().invoke(args=list(args))


def test_cleanup_runs_from_the_command_line(app, workshop):
    maija, _ = join(app, workshop, "Maija")
    with app.app_context():
        consent.set_email(person(maija), "maija@example.fi", True)
        write_summary(workshop["id"])
        mailing.queue_summary(db.session.get(Workshop, workshop["id"]))
        db.session.scalar(select(Summary)).sent_at = utcnow() - timedelta(days=31)
        db.session.commit()
    result = run(app, "cleanup")
    assert result.exit_code == 0, result.output
    assert "Deleted 1 email addresses" in result.output
    with app.app_context():
        assert person(maija).email is None


def test_a_workshop_is_deleted_only_when_asked_twice(app, workshop):
    join(app, workshop, "Maija")
    refused = app.test_cli_runner().invoke(args=["workshop", "delete", str(workshop["id"])],
                                           input="n\n")
    assert refused.exit_code == 1
    assert run(app, "workshop", "delete", "999", "--yes").exit_code == 1
    result = run(app, "workshop", "delete", str(workshop["id"]), "--yes")
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalars(select(Workshop)).all() == []
        assert db.session.scalars(select(Participant)).all() == []


def test_a_participant_is_erased_from_the_command_line(app, workshop):
    maija, token = join(app, workshop, "Maija")
    result = run(app, "participant", "erase", str(maija))
    assert result.exit_code == 0, result.output
    assert run(app, "participant", "erase", "999").exit_code == 1
    with app.app_context():
        assert person(maija).display_name != "Maija"
        assert participants.participant_by_token(token) is None
