"""The HTTP edge: a refused request becomes one status and one translated answer."""
from facilitation.errors import DomainError
from facilitation.services import accounts


def test_an_unknown_join_code_says_so_on_the_page_and_in_json(client):
    page = client.get("/w/ZZZZZZ")
    assert page.status_code == 404
    assert "Tällä koodilla ei löydy työpajaa" in page.get_data(as_text=True)
    reply = client.get("/w/ZZZZZZ/me.json")
    assert reply.status_code == 404
    assert reply.get_json()["ok"] is False
    assert reply.get_json()["error"]["code"] == "workshop_not_found"


def test_an_unknown_table_is_named_as_such(client, workshop):
    page = client.get(f"/w/{workshop['code']}/t/99999")
    assert page.status_code == 404
    assert "Tätä pöytää ei ole tässä työpajassa" in page.get_data(as_text=True)
    assert client.get(f"/w/{workshop['code']}/t/99999/qr.svg").status_code == 404


def test_another_facilitators_workshop_is_not_found_not_forbidden(app, client, workshop):
    with app.app_context():
        accounts.create_facilitator("toinen@example.fi", "toinen-salasana")
    client.post("/login", data={"email": "toinen@example.fi", "password": "toinen-salasana"})
    reply = client.get(f"/console/{workshop['id']}/themes.json")
    assert reply.status_code == 404
    assert reply.get_json()["error"]["code"] == "not_found"
    assert client.get(f"/console/{workshop['id']}/summary").status_code == 404


def test_a_refusal_of_another_kind_is_a_bad_request_with_its_message(app, client):
    def locked():
        raise DomainError("board_locked")
    app.add_url_rule("/edge-test/locked", "edge_locked", locked)
    app.add_url_rule("/edge-test/locked.json", "edge_locked_json", locked)
    page = client.get("/edge-test/locked")
    assert page.status_code == 400
    assert "Taulu on lukittu" in page.get_data(as_text=True)
    reply = client.get("/edge-test/locked.json")
    assert reply.status_code == 400
    assert reply.get_json() == {"ok": False, "error": {
        "code": "board_locked", "message": reply.get_json()["error"]["message"]}}
    assert "Taulu on lukittu" in reply.get_json()["error"]["message"]
