"""HTTP: my details and consents, erasure, feedback once per person, the console's pages."""
import re

import pytest
from sqlalchemy import select

from facilitation.extensions import db
from facilitation.models import Feedback, Mail, Participant, Summary, Workshop
from facilitation.services import accounts
from tests.support.cafe import make_workshop
from tests.support.sockets import join


def bearer(token):
    """The header a phone's script sends."""
    return {"Authorization": f"Bearer {token}"}


def set_state(app, workshop, state):
    """Move the workshop to a phase."""
    with app.app_context():
        db.session.get(Workshop, workshop["id"]).state = state
        db.session.commit()


@pytest.fixture
def maija(app, workshop):
    """A participant's id and token."""
    return join(app, workshop, "Maija")


def test_the_pages_are_plain_html_that_load_their_scripts(client, workshop):
    for path, script in (("me", "js/me.js"), ("feedback", "js/feedback.js")):
        page = client.get(f"/w/{workshop['code']}/{path}")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert f'data-code="{workshop["code"]}"' in html and script in html
    assert client.get("/w/ZZZZZZ/me").status_code == 404


def test_the_my_details_page_says_what_the_address_is_for_and_when_it_goes(client, workshop):
    html = client.get(f"/w/{workshop['code']}/me").get_data(as_text=True)
    assert 'type="checkbox" id="email-consent" name="email_consent">' in html  # not ticked
    assert 'id="contact-consent" name="contact_consent"\n' in html and "checked" not in html
    assert "30" in html


def test_without_a_token_nothing_is_shown(client, workshop, maija):
    url = f"/w/{workshop['code']}/me.json"
    for headers in ({}, bearer(""), bearer("not-a-token"), {"Authorization": f"Basic {maija[1]}"}):
        response = client.get(url, headers=headers)
        assert response.status_code == 401
        assert response.json["error"]["code"] == "unauthorised"


def test_a_token_opens_only_its_own_workshop(app, client, facilitator, workshop, maija):
    other = make_workshop(app, facilitator["id"], title="Toinen")
    response = client.get(f"/w/{other['code']}/me.json", headers=bearer(maija[1]))
    assert response.status_code == 401


def test_my_details_and_the_email_consent(app, client, workshop, maija):
    base = f"/w/{workshop['code']}"
    me = client.get(f"{base}/me.json", headers=bearer(maija[1])).json
    assert me == {"ok": True, "feedback_given": False, "me": {
        "name": "Maija", "organisation": "", "email": None, "email_consent": False,
        "contact_consent": False}}
    unticked = client.post(f"{base}/me/email", headers=bearer(maija[1]),
                           json={"email": "maija@example.fi", "email_consent": False})
    assert unticked.status_code == 200 and unticked.json["me"]["email"] is None
    broken = client.post(f"{base}/me/email", headers=bearer(maija[1]),
                         json={"email": "maija@", "email_consent": True})
    assert broken.status_code == 400 and broken.json["error"]["code"] == "email_invalid"
    ticked = client.post(f"{base}/me/email", headers=bearer(maija[1]),
                         json={"email": "maija@example.fi", "email_consent": True})
    assert ticked.json["me"]["email"] == "maija@example.fi"
    contact = client.post(f"{base}/me/contact", headers=bearer(maija[1]),
                          json={"contact_consent": True})
    assert contact.json["me"]["contact_consent"] is True
    client.post(f"{base}/me/email", headers=bearer(maija[1]), json={"email_consent": False})
    client.post(f"{base}/me/contact", headers=bearer(maija[1]), json={"contact_consent": False})
    with app.app_context():
        person = db.session.get(Participant, maija[0])
        assert (person.email, person.email_consent, person.contact_consent) == (None, False, False)


@pytest.mark.parametrize("body", [None, [], {"email_consent": "yes"}, {"email_consent": 1}])
def test_a_malformed_request_is_refused(client, workshop, maija, body):
    response = client.post(f"/w/{workshop['code']}/me/email", headers=bearer(maija[1]),
                           json=body)
    assert response.status_code == 400 and response.json["error"]["code"] == "bad_payload"


def test_erasing_my_data_ends_the_token(app, client, workshop, maija):
    base = f"/w/{workshop['code']}"
    client.post(f"{base}/me/email", headers=bearer(maija[1]),
                json={"email": "maija@example.fi", "email_consent": True})
    assert client.post(f"{base}/me/erase", headers=bearer(maija[1]), json={}).json == {"ok": True}
    assert client.get(f"{base}/me.json", headers=bearer(maija[1])).status_code == 401
    with app.app_context():
        person = db.session.get(Participant, maija[0])
        assert person.display_name != "Maija" and person.email is None


def test_the_json_endpoints_want_the_csrf_header(app, client, workshop, maija):
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get(f"/w/{workshop['code']}/me").get_data(as_text=True)
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    url = f"/w/{workshop['code']}/me/contact"
    refused = client.post(url, headers=bearer(maija[1]), json={"contact_consent": True})
    assert refused.status_code == 400 and refused.json["error"]["code"] == "bad_payload"
    accepted = client.post(url, headers={**bearer(maija[1]), "X-CSRFToken": csrf},
                           json={"contact_consent": True})
    assert accepted.status_code == 200


# --- feedback -------------------------------------------------------------------------

def test_feedback_waits_for_the_harvest(app, client, workshop, maija):
    html = client.get(f"/w/{workshop['code']}/feedback").get_data(as_text=True)
    assert 'id="feedback-form"' not in html
    response = client.post(f"/w/{workshop['code']}/feedback.json", headers=bearer(maija[1]),
                           json={"rating": 4})
    assert response.status_code == 400
    assert response.json["error"]["code"] == "feedback_not_open"


def test_each_person_answers_once_and_a_second_answer_replaces_the_first(
        app, client, workshop, maija):
    set_state(app, workshop, "feedback")
    _pekka, pekka_token = join(app, workshop, "Pekka")
    url = f"/w/{workshop['code']}/feedback.json"
    html = client.get(f"/w/{workshop['code']}/feedback").get_data(as_text=True)
    assert html.count('type="radio" name="rating"') == 4 and 'id="signed"' in html
    assert 'id="signed" name="signed">' in html  # not ticked
    assert client.post(url, headers=bearer(maija[1]), json={"rating": 2}).json == {"ok": True}
    client.post(url, headers=bearer(maija[1]),
                json={"rating": 4, "takeaway": "Verkosto", "wishes": "", "signed": True})
    client.post(url, headers=bearer(pekka_token), json={"rating": 3})
    bad = client.post(url, headers=bearer(pekka_token), json={"rating": 7})
    assert bad.json["error"]["code"] == "rating_required"
    with app.app_context():
        answers = db.session.scalars(select(Feedback).order_by(Feedback.id)).all()
        assert [(a.rating, a.takeaway, a.participant_id) for a in answers] == [
            (4, "Verkosto", maija[0]), (3, "", None)]
    me = client.get(f"/w/{workshop['code']}/me.json", headers=bearer(maija[1])).json
    assert me["feedback_given"] is True


# --- the console --------------------------------------------------------------------

def other_facilitator(app):
    """A second facilitator signed in on a client of their own."""
    with app.app_context():
        accounts.create_facilitator("toinen@example.fi", "toinen-salasana")
    other = app.test_client()
    other.post("/login", data={"email": "toinen@example.fi", "password": "toinen-salasana"})
    return other


def test_the_console_pages_are_the_owners_only(app, signed_in, workshop):
    paths = [f"/console/{workshop['id']}/feedback", f"/console/{workshop['id']}/mail"]
    stranger = other_facilitator(app)
    for path in paths:
        assert signed_in.get(path).status_code == 200
        assert app.test_client().get(path).headers["Location"].startswith("/login")
        assert stranger.get(path).status_code == 404
    assert stranger.post(f"/console/{workshop['id']}/mail/send").status_code == 404
    assert signed_in.get("/console/999/feedback").status_code == 404


def test_the_feedback_page_shows_the_count_a_chart_and_a_table(app, signed_in, workshop):
    set_state(app, workshop, "feedback")
    for name, rating in (("A", 4), ("B", 4), ("C", 2)):
        _pid, token = join(app, workshop, name)
        signed_in.post(f"/w/{workshop['code']}/feedback.json", headers=bearer(token),
                       json={"rating": rating, "takeaway": f"<b>{name}</b>"})
    html = signed_in.get(f"/console/{workshop['id']}/feedback").get_data(as_text=True)
    assert re.search(r'id="feedback-count"[^>]*>3 ', html)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" role="img"' in html
    assert '<title id="ratings-title">' in html and '<desc id="ratings-desc">' in html
    assert html.count('<rect ') == 4
    assert re.search(r"<th scope=\"row\">4 [^<]+</th><td class=\"number\">2</td>", html)
    assert "&lt;b&gt;A&lt;/b&gt;" in html and "<b>A</b>" not in html
    assert "<script" not in html.split("<main", 1)[1]


def test_the_mail_page_asks_for_a_summary_first(signed_in, workshop):
    html = signed_in.get(f"/console/{workshop['id']}/mail").get_data(as_text=True)
    assert 'id="no-summary"' in html and f'href="/console/{workshop["id"]}/summary"' in html
    assert "mail/send" not in html


def test_send_queues_each_consenting_person_once(app, signed_in, workshop, maija):
    signed_in.post(f"/w/{workshop['code']}/me/email", headers=bearer(maija[1]),
                   json={"email": "maija@example.fi", "email_consent": True})
    with app.app_context():
        db.session.add(Summary(workshop_id=workshop["id"],
                               markdown="# Kooste\n\n<script>x</script> Hyvä päivä\n"))
        db.session.commit()
    page = signed_in.get(f"/console/{workshop['id']}/mail").get_data(as_text=True)
    assert "Hyvä päivä" in page and "<script>x" not in page and "mail/send" in page
    for _press in range(2):
        response = signed_in.post(f"/console/{workshop['id']}/mail/send")
        assert response.headers["Location"] == f"/console/{workshop['id']}/mail"
    with app.app_context():
        rows = db.session.scalars(select(Mail)).all()
        assert [(m.recipient, m.status) for m in rows] == [("maija@example.fi", "pending")]
        mail_id = rows[0].id
    progress = signed_in.get(f"/console/{workshop['id']}/mail").get_data(as_text=True)
    assert 'data-status="pending">1<' in progress and "maija@example.fi" in progress
    assert signed_in.post(f"/console/{workshop['id']}/mail/{mail_id + 1}/resend").status_code == 404


def test_my_details_saves_the_address_and_both_consents_in_one_request(app, client, workshop,
                                                                        maija):
    url = f"/w/{workshop['code']}/me/details"
    both = client.post(url, headers=bearer(maija[1]), json={
        "email": " Maija@Pääkaupunki.FI ", "email_consent": True, "contact_consent": True})
    assert both.json["me"] == {"name": "Maija", "organisation": "",
                               "email": "Maija@xn--pkaupunki-v2aa.fi", "email_consent": True,
                               "contact_consent": True}
    contact_only = client.post(url, headers=bearer(maija[1]), json={
        "email": "maija@example.fi", "email_consent": False, "contact_consent": True})
    assert contact_only.json["me"]["email"] == "maija@example.fi"
    neither = client.post(url, headers=bearer(maija[1]), json={
        "email": "maija@example.fi", "email_consent": False, "contact_consent": False})
    assert neither.json["me"]["email"] is None
    no_address = client.post(url, headers=bearer(maija[1]), json={
        "email": "", "email_consent": True, "contact_consent": False})
    assert no_address.status_code == 400 and no_address.json["error"]["code"] == "email_invalid"
    bad = client.post(url, headers=bearer(maija[1]), json={
        "email": "x@y.fi", "email_consent": True, "contact_consent": "kyllä"})
    assert bad.status_code == 400 and bad.json["error"]["code"] == "bad_payload"


def test_dates_and_times_on_the_console_pages_are_finnish_and_in_helsinki_time(
        app, signed_in, workshop, maija):
    from datetime import date, datetime
    with app.app_context():
        w = db.session.get(Workshop, workshop["id"])
        w.date = date(2026, 5, 20)
        db.session.add(Summary(workshop_id=w.id, markdown="# Kooste\n", generated="# Kooste\n",
                               sent_at=datetime(2026, 5, 20, 21, 30)))
        db.session.commit()
    assert "20.5.2026" in signed_in.get(f"/console/{workshop['id']}").get_data(as_text=True)
    assert "20.5.2026" in signed_in.get("/console").get_data(as_text=True)
    mail_page = signed_in.get(f"/console/{workshop['id']}/mail").get_data(as_text=True)
    assert "21.5.2026 klo 0.30" in mail_page and "UTC" not in mail_page
