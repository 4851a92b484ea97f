"""HTTP: first run, sign-in, the workshop form, the phone and board pages, languages."""
import re

from facilitation.extensions import db
from facilitation.models import Workshop


def console_setup_code(app):
    """The setup code, as the operator reads it from the server's console (or instance/)."""
    from facilitation.security import setup_code
    return setup_code(app, announce=lambda *a, **k: None)


def test_the_first_visit_asks_for_the_facilitator_account(app, client):
    assert client.get("/login").headers["Location"] == "/setup"
    response = client.post("/setup", data={"email": "Uusi@Example.fi", "password": "pitkä-salasana",
                                           "confirm": "pitkä-salasana",
                                           "code": console_setup_code(app)})
    assert response.headers["Location"] == "/console"
    assert client.get("/console").status_code == 200
    # Once an account exists, setup is closed.
    assert client.get("/setup").headers["Location"] == "/login"


def test_setup_without_the_setup_code_creates_no_account(app, client):
    response = client.post("/setup", data={"email": "a@example.fi", "password": "pitkä-salasana",
                                           "confirm": "pitkä-salasana", "code": "ARVAUS1234"})
    assert response.status_code == 403
    assert "Käyttöönottokoodi on väärin" in response.get_data(as_text=True)
    assert client.get("/login").headers["Location"] == "/setup"


def test_setup_with_differing_passwords_shows_an_error(app, client):
    response = client.post("/setup", data={"email": "a@example.fi", "password": "pitkä-salasana",
                                           "confirm": "toinen-salasana",
                                           "code": console_setup_code(app)})
    assert response.status_code == 200
    assert "Salasanat eivät ole samat." in response.get_data(as_text=True)


def test_a_wrong_password_does_not_sign_in(client, facilitator):
    response = client.post("/login", data={"email": facilitator["email"], "password": "väärä-salasana"})
    assert "Väärä sähköposti tai salasana." in response.get_data(as_text=True)
    assert client.get("/console").status_code == 302


def test_the_console_needs_sign_in(client, workshop):
    assert client.get(f"/console/{workshop['id']}").status_code == 302


def test_a_facilitator_creates_a_workshop_in_the_form(app, signed_in):
    form = signed_in.get("/console/new").get_data(as_text=True)
    assert 'value="Pöytä 1"' in form
    response = signed_in.post("/console/new", data={
        "title": "Kainuun hankekahvi", "date": "2026-12-03", "place": "Kajaani", "language": "fi",
        "tables-0-name": "Pöytä 1", "tables-1-name": "Etä", "tables-1-remote": "y",
        "tables-1-video_url": "https://meet.example.fi/kahvila",
        "topics-0-title": "Osallisuus", "topics-0-prompts": "Mikä toimii?\nMitä puuttuu?",
        "topics-1-title": "Tasa-arvo"})
    assert response.status_code == 302
    with app.app_context():
        workshop = db.session.query(Workshop).one()
        assert workshop.place == "Kajaani" and str(workshop.date) == "2026-12-03"
        assert [t.name for t in workshop.tables] == ["Pöytä 1", "Etä"]
        assert workshop.tables[0].topic.prompts == ["Mikä toimii?", "Mitä puuttuu?"]
        assert workshop.tables[1].remote and workshop.tables[1].video_url.endswith("/kahvila")
    console = signed_in.get(response.headers["Location"]).get_data(as_text=True)
    assert workshop.code in console


def test_the_form_saves_the_next_meeting_and_refuses_one_of_201_characters(app, signed_in):
    assert 'name="next_meeting"' in signed_in.get("/console/new").get_data(as_text=True)
    form = {"title": "Kainuun hankekahvi", "language": "fi", "tables-0-name": "Pöytä 1",
            "topics-0-title": "Osallisuus"}
    too_long = signed_in.post("/console/new", data={**form, "next_meeting": "x" * 201})
    assert too_long.status_code == 400
    assert "Teksti on liian pitkä: enintään 200 merkkiä." in too_long.get_data(as_text=True)
    saved = signed_in.post("/console/new", data={**form, "next_meeting": "Syyskuussa Kajaanissa"})
    assert saved.status_code == 302
    with app.app_context():
        assert db.session.query(Workshop).one().next_meeting == "Syyskuussa Kajaanissa"


def test_a_workshop_without_topics_is_refused_with_a_message(signed_in):
    response = signed_in.post("/console/new", data={"title": "Tyhjä", "language": "fi",
                                                    "tables-0-name": "Pöytä 1"})
    assert response.status_code == 400
    assert "Lisää vähintään yksi aihe." in response.get_data(as_text=True)


def test_another_facilitators_console_is_not_found(app, client, workshop):
    from facilitation.services import accounts
    with app.app_context():
        accounts.create_facilitator("toinen@example.fi", "toinen-salasana")
    client.post("/login", data={"email": "toinen@example.fi", "password": "toinen-salasana"})
    assert client.get(f"/console/{workshop['id']}").status_code == 404
    assert client.get(f"/console/{workshop['id']}/tents").status_code == 404


def test_the_front_page_sends_a_known_code_to_its_workshop(client, workshop):
    response = client.get("/?code=" + workshop["code"].lower())
    assert response.headers["Location"] == f"/w/{workshop['code']}"
    unknown = client.get("/?code=ZZZZZZ")
    assert unknown.status_code == 404
    assert "Tällä koodilla ei löydy työpajaa" in unknown.get_data(as_text=True)


def test_the_phone_page_offers_the_tables_with_their_topics(client, workshop):
    page = client.get(f"/w/{workshop['code']}").get_data(as_text=True)
    assert "Pöytä A" in page and "Osallisuus" in page and "etänä" in page
    at_table = client.get(f"/w/{workshop['code']}/t/{workshop['tables'][1]}").get_data(as_text=True)
    assert "Pöytäsi: Pöytä B" in at_table
    assert client.get(f"/w/{workshop['code']}/t/99999").status_code == 404


def test_joining_returns_a_token_once_and_errors_are_translated(client, workshop):
    ok = client.post(f"/w/{workshop['code']}/join",
                     json={"name": "Maija", "organisation": "Kunta", "organisation_type": "municipality",
                           "table_id": workshop["tables"][0]})
    assert ok.status_code == 201 and len(ok.json["token"]) >= 32
    nameless = client.post(f"/w/{workshop['code']}/join", json={"name": "  "})
    assert nameless.status_code == 400
    assert nameless.json["error"] == {"code": "name_required", "message": "Kerro nimesi, kiitos."}
    wrong_type = client.post(f"/w/{workshop['code']}/join", json={"name": "X", "organisation_type": "mafia"})
    assert wrong_type.json["error"]["code"] == "organisation_type_unknown"
    not_json = client.post(f"/w/{workshop['code']}/join", data="name=x")
    assert not_json.json["error"]["code"] == "bad_payload"


def test_qr_codes_are_svg_and_point_at_the_join_page(client, workshop):
    response = client.get(f"/w/{workshop['code']}/qr.svg")
    assert response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True).lstrip()
    # Browsers show an SVG in <img> only with its namespace.
    assert svg.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in svg
    table = client.get(f"/w/{workshop['code']}/t/{workshop['tables'][0]}/qr.svg")
    assert table.status_code == 200 and table.data != response.data


def test_the_board_needs_its_key_or_the_owner(client, facilitator, workshop):
    assert client.get(f"/board/{workshop['code']}").status_code == 403
    with_key = client.get(f"/board/{workshop['code']}?key={workshop['board_key']}")
    assert with_key.status_code == 200 and workshop["code"] in with_key.get_data(as_text=True)
    client.post("/login", data={"email": facilitator["email"], "password": facilitator["password"]})
    assert client.get(f"/board/{workshop['code']}").status_code == 200


def test_pages_are_finnish_by_default_and_switch_to_english(client):
    assert '<html lang="fi">' in client.get("/").get_data(as_text=True)
    assert "Liity työpajaan" in client.get("/").get_data(as_text=True)
    english_browser = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Join a workshop" in english_browser.get_data(as_text=True)
    client.get("/lang/en?next=/")
    assert "Join a workshop" in client.get("/").get_data(as_text=True)
    assert client.get("/lang/fi?next=//evil.example").headers["Location"] == "/"


def test_a_workshops_language_wins_over_the_browser(app, client, facilitator):
    from tests.support.cafe import make_workshop
    english = make_workshop(app, facilitator["id"], title="Network day", language="en")
    page = client.get(f"/w/{english['code']}", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert "Your name" in page


def test_no_page_loads_anything_from_another_site(client, workshop):
    for path in ["/", f"/w/{workshop['code']}", f"/board/{workshop['code']}?key={workshop['board_key']}"]:
        html = client.get(path).get_data(as_text=True)
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert sources, path
        assert all(not s.startswith(("http:", "https:", "//")) for s in sources), sources


def test_the_socketio_client_is_served_by_the_app(client):
    with client.get("/static/vendor/socket.io.esm.min.js") as response:
        assert response.status_code == 200 and b"Socket.IO v4" in response.data


def test_forms_are_refused_without_a_csrf_token(tmp_path):
    from facilitation import create_app
    from facilitation.config import TestConfig

    class WithCsrf(TestConfig):
        WTF_CSRF_ENABLED = True
        INSTANCE_PATH = str(tmp_path / "instance")
        SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(tmp_path / "csrf.sqlite")

    app = create_app(WithCsrf)
    with app.app_context():
        db.create_all()
    response = app.test_client().post("/setup", data={"email": "a@example.fi", "password": "x" * 12,
                                                      "confirm": "x" * 12})
    assert response.status_code == 400


def test_swedish_pages_and_errors(app, client, facilitator):
    from tests.support.cafe import make_workshop
    from tests.support.sockets import join, phone
    swedish = make_workshop(app, facilitator["id"], title="Nätverksdag", language="sv")
    page = client.get(f"/w/{swedish['code']}").get_data(as_text=True)
    assert '<html lang="sv">' in page and "Ditt namn" in page
    _, token = join(app, swedish, "Maja")
    reply = phone(app, token, lang="sv").emit("note:add", {"client_id": "a", "text": ""}, callback=True)
    assert reply["error"]["message"] == "Skriv något innan du skickar."
    client.get("/lang/sv?next=/")
    assert "Anslut dig till en workshop" in client.get("/").get_data(as_text=True)


def test_the_form_takes_any_number_of_rows_and_adds_one_without_a_script(app, signed_in):
    blank = signed_in.get("/console/new").get_data(as_text=True)
    more = signed_in.post("/console/new", data={"title": "Kahvila", "language": "fi",
                                                "tables-0-name": "Pöytä 1",
                                                "add_row": "tables"})
    assert more.status_code == 200
    page = more.get_data(as_text=True)
    assert page.count('class="row table-row"') == blank.count('class="row table-row"') + 1
    assert 'value="Pöytä 1"' in page and "tables-0-name" in page
    data = {"title": "Kahvila", "language": "fi", "topics-0-title": "Osallisuus"}
    data.update({f"tables-{n}-name": f"Pöytä {n}" for n in range(0, 24, 3)})  # gaps are fine
    response = signed_in.post("/console/new", data=data)
    assert response.status_code == 302
    with app.app_context():
        assert [t.name for t in db.session.query(Workshop).one().tables] == [
            f"Pöytä {n}" for n in range(0, 24, 3)]
