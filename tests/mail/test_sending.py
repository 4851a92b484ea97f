"""The summary by email through a real SMTP server (aiosmtpd) and the file outbox."""
import threading
import time
from datetime import timedelta
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
from aiosmtpd.smtp import AuthResult
from sqlalchemy import select, update

from facilitation.extensions import db
from facilitation.mail import worker
from facilitation.models import Mail, Participant, Summary, Workshop, utcnow
from facilitation.services import consent, mailing
from tests.support.cafe import make_workshop
from tests.support.smtp import Mailbox, SmtpServer
from tests.support.sockets import join

SUMMARY = ("# Kooste: Työllisyyspalvelut\n\n## Osallisuus\n\n"
           "- yhteistyö järjestöjen kanssa – viisi (5) mainintaa\n- Åbo ja Pöytä B\n")


@pytest.fixture
def café(app, facilitator):
    """A workshop with a reviewed summary; Maija and Pekka asked for it, Liisa did not."""
    workshop = make_workshop(app, facilitator["id"], title="Kesän työllisyyskahvila")
    people = {name: join(app, workshop, name)[0] for name in ("Maija", "Pekka", "Liisa")}
    with app.app_context():
        consent.set_email(db.session.get(Participant, people["Maija"]), "maija@example.fi", True)
        consent.set_email(db.session.get(Participant, people["Pekka"]), "pekka@example.fi", True)
        consent.set_email(db.session.get(Participant, people["Liisa"]), "liisa@example.fi", False)
        db.session.add(Summary(workshop_id=workshop["id"], markdown=SUMMARY))
        db.session.commit()
    return {**workshop, "people": people}


def queue(app, workshop):
    """Press Send."""
    with app.app_context():
        return mailing.queue_summary(db.session.get(Workshop, workshop["id"]))


def mails(app):
    """Every Mail row as plain tuples (recipient, status, attempts, last_error)."""
    with app.app_context():
        return [(m.recipient, m.status, m.attempts, m.last_error)
                for m in db.session.scalars(select(Mail).order_by(Mail.id))]


def parts(message):
    """The text and HTML parts of a summary email, decoded."""
    assert message.get_content_type() == "multipart/alternative"
    return (message.get_body(("plain",)).get_content(),
            message.get_body(("html",)).get_content())


def test_each_consenting_person_gets_the_summary_once_and_in_one_piece(app, café):
    mailbox = Mailbox()
    with SmtpServer(mailbox) as server:
        app.config.update(server.settings(MAIL_FROM="Kahvila <kahvila@tyollisyys.example.fi>"))
        assert queue(app, café) == 2
        assert worker.send_due(app) == 2
        assert queue(app, café) == 0 and worker.send_due(app) == 0
    assert mailbox.received_by() == {"maija@example.fi": 1, "pekka@example.fi": 1}
    assert [s for s, _f, _r in mailbox.delivered] == [("maija@example.fi",), ("pekka@example.fi",)]
    assert {f for _s, f, _r in mailbox.delivered} == {"kahvila@tyollisyys.example.fi"}
    message = mailbox.messages()[0]
    assert message["To"] == "maija@example.fi"
    # The workshop's language (Finnish) once its catalogue has the text, else English.
    assert message["Subject"] in ("Kooste: Kesän työllisyyskahvila",
                                  "Summary: Kesän työllisyyskahvila")
    assert message["Message-ID"].endswith("@tyollisyys.example.fi>")
    text, html = parts(message)
    for part in (text, html):
        assert "Työllisyyspalvelut" in part and "Åbo ja Pöytä B" in part
        assert "30" in part and "Kesän työllisyyskahvila" in part  # the footer
    assert "<h1>Kooste: Työllisyyspalvelut</h1>" in html
    assert text.startswith("Kooste: Työllisyyspalvelut\n==========")
    assert [status for _r, status, _a, _e in mails(app)] == ["sent", "sent"]


def test_nothing_hostile_from_a_title_or_a_note_reaches_the_mail(app, facilitator):
    workshop = make_workshop(app, facilitator["id"],
                             title="<script>alert(1)</script> Kahvila\nBcc: kaikki@example.fi")
    maija, _ = join(app, workshop, "Maija")
    with app.app_context():
        consent.set_email(db.session.get(Participant, maija), "maija@example.fi", True)
        db.session.add(Summary(workshop_id=workshop["id"], markdown=(
            "# Kooste\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
            "[klikkaa](javascript:alert(1)) <a href=\"javascript:alert(2)\">tästä</a>\n")))
        db.session.commit()
    mailbox = Mailbox()
    with SmtpServer(mailbox) as server:
        app.config.update(server.settings())
        queue(app, workshop)
        worker.send_due(app)
    assert mailbox.received_by() == {"maija@example.fi": 1}
    message = mailbox.messages()[0]
    assert message["Bcc"] is None and "\n" not in message["Subject"]
    _text, html = parts(message)
    lowered = html.lower()
    for bad in ("<script", "onerror", "javascript:", "<img"):
        assert bad not in lowered, bad
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Kahvila Bcc" in html  # the escaped title


def test_a_server_refusing_for_a_while_still_delivers_each_mail_exactly_once(app, café):
    mailbox = Mailbox(refuse_first=2)
    with SmtpServer(mailbox) as server:
        app.config.update(server.settings(MAIL_RETRY_SECONDS=0))
        queue(app, café)
        while worker.send_due(app):
            pass
    assert mailbox.received_by() == {"maija@example.fi": 1, "pekka@example.fi": 1}
    assert mailbox.attempts == {"maija@example.fi": 3, "pekka@example.fi": 3}
    assert [(status, attempts, error) for _r, status, attempts, error in mails(app)] == \
        [("sent", 3, None), ("sent", 3, None)]
    message_ids = {m["Message-ID"] for m in mailbox.messages()}
    assert len(message_ids) == 2


def test_a_retry_waits_longer_each_time(app, café):
    mailbox = Mailbox(refuse_first=5)
    with SmtpServer(mailbox) as server:
        app.config.update(server.settings(MAIL_RETRY_SECONDS=60))
        queue(app, café)
        started = utcnow()
        assert worker.send_due(app) == 2  # one attempt each; the next is not due yet
        assert worker.send_due(app) == 0
        with app.app_context():
            row = db.session.scalars(select(Mail)).first()
            assert row.status == "pending" and row.attempts == 1
            assert row.last_error == "451 4.3.0 Try again later"
            wait = row.next_attempt_at.replace(tzinfo=started.tzinfo) - started
            assert timedelta(seconds=55) < wait < timedelta(seconds=65)
            # The worker naps until then, looking again at least every POLL_SECONDS.
            assert worker.seconds_to_next(app) == worker.POLL_SECONDS


def test_after_the_last_attempt_a_mail_fails_and_can_be_sent_again(app, café):
    mailbox = Mailbox(refuse_first=3)
    with SmtpServer(mailbox) as server:
        app.config.update(server.settings(MAIL_RETRY_SECONDS=0, MAIL_MAX_ATTEMPTS=3))
        queue(app, café)
        worker.send_due(app)
        assert [(s, a) for _r, s, a, _e in mails(app)] == [("failed", 3), ("failed", 3)]
        assert mailbox.received_by() == {}
        with app.app_context():
            w = db.session.get(Workshop, café["id"])
            failed = mailing.mail_progress(w)["mails"][0]
            mailing.resend(w, failed.id)
        worker.send_due(app)
    assert mailbox.received_by() == {"maija@example.fi": 1}
    assert [s for _r, s, _a, _e in mails(app)] == ["sent", "failed"]


def test_a_permanent_refusal_fails_at_once(app, café):
    mailbox = Mailbox(refuse_first=99, refusal="550 5.1.1 No such user")
    with SmtpServer(mailbox) as server:
        app.config.update(server.settings(MAIL_RETRY_SECONDS=0))
        queue(app, café)
        worker.send_due(app)
    assert [(s, a, e) for _r, s, a, e in mails(app)] == [
        ("failed", 1, "550 5.1.1 No such user")] * 2


def test_an_unreachable_server_is_retried_later(app, café):
    app.config.update(MAIL_TRANSPORT="smtp", MAIL_HOST="127.0.0.1", MAIL_PORT=1,
                      MAIL_SECURITY="none", MAIL_TIMEOUT=2)
    queue(app, café)
    worker.send_due(app)
    assert all(status == "pending" and "ConnectionRefused" in error
               for _r, status, _a, error in mails(app))


def test_the_sender_signs_in_when_a_username_is_set(app, café):
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"salasana")

    mailbox = Mailbox()
    with SmtpServer(mailbox, authenticator=authenticator, auth_require_tls=False) as server:
        app.config.update(server.settings(MAIL_USERNAME="kahvila", MAIL_PASSWORD="salasana"))
        queue(app, café)
        worker.send_due(app)
    assert mailbox.received_by() == {"maija@example.fi": 1, "pekka@example.fi": 1}
    assert set(logins) == {(b"kahvila", b"salasana")}


def test_without_the_consent_box_nobody_is_mailed(app, facilitator):
    workshop = make_workshop(app, facilitator["id"])
    liisa, _ = join(app, workshop, "Liisa")
    with app.app_context():
        consent.set_email(db.session.get(Participant, liisa), "liisa@example.fi", False)
        consent.set_contact(db.session.get(Participant, liisa), True)
        db.session.add(Summary(workshop_id=workshop["id"], markdown=SUMMARY))
        db.session.commit()
    mailbox = Mailbox()
    with SmtpServer(mailbox) as server:
        app.config.update(server.settings())
        assert queue(app, workshop) == 0
        assert worker.send_due(app) == 0
    assert mailbox.delivered == [] and mails(app) == []


def test_erasing_a_person_takes_them_off_the_queue(app, café):
    queue(app, café)
    with app.app_context():
        consent.erase(db.session.get(Participant, café["people"]["Maija"]))
    mailbox = Mailbox()
    with SmtpServer(mailbox) as server:
        app.config.update(server.settings())
        worker.send_due(app)
    assert mailbox.received_by() == {"pekka@example.fi": 1}
    assert [r for r, _s, _a, _e in mails(app)] == ["pekka@example.fi"]
    with app.app_context():
        assert db.session.get(Participant, café["people"]["Maija"]).email is None


def test_a_mail_left_sending_by_a_stopped_server_is_sent_again_with_its_message_id(app, café):
    queue(app, café)
    with app.app_context():
        rows = db.session.scalars(select(Mail).order_by(Mail.id)).all()
        ids = [r.message_id for r in rows]
        # Maija's lease ran out (its process died); Pekka's is still held by a live sender.
        db.session.execute(update(Mail).where(Mail.id == rows[0].id).values(
            status="sending", attempts=1, next_attempt_at=utcnow() - timedelta(seconds=1)))
        db.session.execute(update(Mail).where(Mail.id == rows[1].id).values(
            status="sending", attempts=1, next_attempt_at=utcnow() + timedelta(seconds=60)))
        db.session.commit()
    mailbox = Mailbox()
    with SmtpServer(mailbox) as server:
        app.config.update(server.settings())
        assert worker.send_due(app) == 1
    assert mailbox.received_by() == {"maija@example.fi": 1}
    assert mailbox.messages()[0]["Message-ID"] == ids[0]
    assert [(s, a) for _r, s, a, _e in mails(app)] == [("sent", 2), ("sending", 1)]


def test_a_slow_send_renews_its_lease_so_nobody_else_takes_it(app, café, monkeypatch):
    monkeypatch.setattr(worker, "LEASE_SECONDS", 1)
    monkeypatch.setattr(worker, "HEARTBEAT_SECONDS", 0.3)
    mailbox = Mailbox(delay=2.5)
    with SmtpServer(mailbox) as server:
        app.config.update(server.settings())
        queue(app, café)
        first = worker.claim_next(app)
        sender = threading.Thread(target=worker.deliver, args=(app, first))
        sender.start()
        deadline = time.monotonic() + 10
        while not mailbox.started and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.5)  # longer than the lease: only the heartbeat keeps the claim
        other = worker.claim_next(app)  # what a second process's worker would take
        sender.join()
    assert other is not None and other != first
    assert mailbox.received_by() == {"maija@example.fi": 1}
    assert [s for _r, s, _a, _e in mails(app)] == ["sent", "sending"]


def test_the_file_outbox_writes_mail_that_parses(app, café):
    assert app.config["MAIL_TRANSPORT"] == "outbox"
    queue(app, café)
    assert worker.send_due(app) == 2
    files = sorted((Path(app.instance_path) / "outbox").glob("*.eml"))
    assert len(files) == 2 and not list(files[0].parent.glob("*.tmp"))
    messages = [message_from_bytes(f.read_bytes(), policy=default) for f in files]
    assert sorted(m["To"] for m in messages) == ["maija@example.fi", "pekka@example.fi"]
    with app.app_context():
        assert {m["Message-ID"] for m in messages} == set(
            db.session.scalars(select(Mail.message_id)))
    text, html = parts(messages[0])
    assert "Åbo ja Pöytä B" in text and "Åbo ja Pöytä B" in html
