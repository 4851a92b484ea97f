"""The host's themes page on the phone: its data only for the table's host, with the token."""
from facilitation.extensions import db
from facilitation.models import Workshop
from facilitation.services import notes, participants, tables


def seat(app, workshop):
    """Table A hosted by Iida with three notes, a concealed one among them; Ville at table B."""
    with app.app_context():
        w = db.session.get(Workshop, workshop["id"])
        host, host_token = participants.join(w, "Iida", table_id=w.tables[0].id)
        guest, guest_token = participants.join(w, "Ville", table_id=w.tables[1].id)
        tables.set_host(w, w.tables[0].id, host.id)
        writer, _ = participants.join(w, "Maija", table_id=w.tables[0].id)
        seen = [notes.add_note(writer, f"a{i}", text)[0].id
                for i, text in enumerate(["Yhteistyö hankkeissa", "Hankkeiden yhteistyö"])]
        notes.add_note(guest, "b", "B-pöydän lappu")
        w.notes_hidden = True
        db.session.commit()
        notes.add_note(writer, "c", "Vielä piilossa")
        return host_token, guest_token, seen


def get_json(client, workshop, token):
    """GET the host's themes data with a token."""
    return client.get(f"/w/{workshop['code']}/themes.json",
                      headers={"Authorization": f"Bearer {token}"})


def test_the_host_reads_their_tables_topic_notes_and_themes_only(app, client, workshop):
    host_token, _, seen = seat(app, workshop)
    reply = get_json(client, workshop, host_token)
    assert reply.status_code == 200
    view = reply.get_json()
    assert [n["id"] for n in view["notes"]] == seen  # not table B's, not the concealed one
    assert [t["id"] for t in view["tables"]] == [workshop["tables"][0]]
    assert len(view["topics"]) == 1 and view["themes"] == [] and view["seq"] > 0


def test_anyone_else_is_refused_with_a_reason(app, client, workshop):
    _, guest_token, _ = seat(app, workshop)
    reply = get_json(client, workshop, guest_token)
    assert reply.status_code == 403
    assert reply.get_json()["error"]["code"] == "forbidden"
    assert get_json(client, workshop, "not-a-token").status_code == 401


def test_the_page_is_the_themes_page_for_a_phone_with_a_way_back(client, workshop):
    page = client.get(f"/w/{workshop['code']}/themes")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'href="/w/{workshop["code"]}"' in html and "suggest-all" not in html
    assert f'data-view-url="/w/{workshop["code"]}/themes.json"' in html
