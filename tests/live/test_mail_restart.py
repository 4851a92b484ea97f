"""A server killed in the middle of sending the summary, and started again: one mail each."""
import re
import signal
import time

import pytest
import requests

from tests.support.server import LiveServer
from tests.support.smtp import Mailbox, SmtpServer

pytestmark = pytest.mark.live

PEOPLE = ["maija", "pekka", "liisa", "ahmed", "sanna"]

SETUP = f"""
from facilitation.extensions import db
from facilitation.models import Summary
from facilitation.services import accounts, consent, participants, workshops
f = accounts.create_facilitator('live@example.fi', 'kahvia-ja-pullaa')
w = workshops.create_workshop(f.id, 'Työllisyyskahvila', [{{'name': 'Pöytä A'}}],
                              [{{'title': 'Osallisuus'}}])
for name in {PEOPLE!r}:
    person, _token = participants.join(w, name.title(), table_id=w.tables[0].id)
    consent.set_email(person, name + '@example.fi', True)
db.session.add(Summary(workshop_id=w.id, markdown='# Kooste\\n\\nKiitos päivästä!\\n'))
db.session.commit()
print(w.id)
"""


def press_send(server, workshop_id):
    """Sign in as the facilitator and press Send on the mail page."""
    with requests.Session() as http:
        form = http.get(f"{server.url}/login", timeout=10).text
        csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
        http.post(f"{server.url}/login", timeout=10, data={
            "csrf_token": csrf, "email": "live@example.fi", "password": "kahvia-ja-pullaa"})
        page = http.get(f"{server.url}/console/{workshop_id}/mail", timeout=10).text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = http.post(f"{server.url}/console/{workshop_id}/mail/send", timeout=10,
                             data={"csrf_token": csrf}, allow_redirects=False)
        assert response.status_code == 302, response.text


def statuses(server):
    """The status of every Mail row, read from the server's database."""
    out = server.run_python("from facilitation.models import Mail\n"
                            "from facilitation.extensions import db\n"
                            "print(*sorted(m.status for m in db.session.query(Mail)))")
    return out.split()


def wait_until(predicate, timeout, every=0.05):
    """Poll until the predicate holds; return whether it did."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return predicate()


@pytest.mark.parametrize("kept_before_reply", [False, True], ids=["dropped", "kept"])
def test_a_server_killed_mid_send_leaves_each_person_one_message(tmp_path, kept_before_reply):
    """`dropped`: the SMTP server discards a transaction whose client vanished before the
    reply, as the worker assumes. `kept`: it had already stored the message; the mail is
    sent again with the same Message-ID, so a mailbox shows it once."""
    mailbox = Mailbox(delay=1.5, keep_before_reply=kept_before_reply)
    with SmtpServer(mailbox) as smtp:
        server = LiveServer(tmp_path / "instance")
        server.env.update({key: str(value) for key, value in smtp.settings().items()})
        server.start()
        try:
            workshop_id = int(server.run_python(SETUP).split()[-1])
            press_send(server, workshop_id)
            # The third mail is in the SMTP server's hands, waiting for its answer: kill.
            assert wait_until(lambda: len(mailbox.started) >= 3, 20), server.read_log()
            server.kill(signal.SIGKILL)
            in_flight = mailbox.started[2]
            assert len(mailbox.started) == 3
            server.start()
            everyone = {f"{name}@example.fi" for name in PEOPLE}
            # The interrupted mail waits for its lease to run out, then goes again.
            assert wait_until(lambda: statuses(server) == ["sent"] * len(PEOPLE), 60, 1), \
                (mailbox.received_by(), server.read_log())
            time.sleep(2)  # nothing more arrives
        finally:
            server.kill()
    assert set(mailbox.received_by()) == everyone
    messages = mailbox.messages()
    ids_by_recipient = {}
    for message in messages:
        ids_by_recipient.setdefault(message["To"], set()).add(message["Message-ID"])
    assert all(len(ids) == 1 for ids in ids_by_recipient.values()), ids_by_recipient
    retried = next(to for to, ids in ids_by_recipient.items() if in_flight in ids)
    copies = mailbox.received_by()
    if kept_before_reply:
        assert copies == {**{address: 1 for address in everyone}, retried: 2}
    else:
        assert copies == {address: 1 for address in everyone}
