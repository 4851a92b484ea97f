"""HTTP: downloading a workshop as JSON or CSV, and importing a JSON export."""
import io
import json
import re

from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from facilitation.extensions import db
from facilitation.models import Workshop
from facilitation.services import accounts
from tests.support.cafe import make_workshop
from tests.support.sockets import join


def upload(client, data, name="kahvila.json"):
    """Post a file to the import form."""
    data = data.encode("utf-8") if isinstance(data, str) else data
    return client.post("/console/import", content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), name)})


def workshop_count(app):
    """How many workshops exist."""
    with app.app_context():
        return db.session.query(Workshop).count()


def test_the_owner_downloads_the_workshop_as_json(app, signed_in, facilitator):
    workshop = make_workshop(app, facilitator["id"], title="Kainuun hankekahvi")
    join(app, workshop, "Äijä Öhman")
    response = signed_in.get(f"/console/{workshop['id']}/export.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert re.fullmatch(r'attachment; filename="?kainuun-hankekahvi\.json"?',
                        response.headers["Content-Disposition"])
    doc = json.loads(response.get_data())
    assert (doc["format"], doc["workshop"]["title"]) == ("kahvila-workshop", "Kainuun hankekahvi")
    assert "Äijä Öhman" in response.get_data(as_text=True)  # UTF-8 as is, not \u escapes


def test_the_owner_downloads_the_notes_as_csv_for_excel(app, signed_in, workshop):
    response = signed_in.get(f"/console/{workshop['id']}/export.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="?hankekahvi\.csv"?',
                        response.headers["Content-Disposition"])
    assert response.get_data().startswith(b"\xef\xbb\xbftable,topic,round,")


def test_another_facilitator_gets_no_export(app, client, workshop):
    with app.app_context():
        accounts.create_facilitator("toinen@example.fi", "toinen-salasana")
    client.post("/login", data={"email": "toinen@example.fi", "password": "toinen-salasana"})
    for kind in ("json", "csv"):
        assert client.get(f"/console/{workshop['id']}/export.{kind}").status_code == 404
        assert client.get(f"/console/999999/export.{kind}").status_code == 404


def test_exports_and_the_import_need_sign_in(app, client, workshop):
    for response in (client.get(f"/console/{workshop['id']}/export.json"),
                     client.get(f"/console/{workshop['id']}/export.csv"),
                     client.get("/console/import"),
                     upload(client, "{}")):
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")
    assert workshop_count(app) == 1


def test_the_import_page_has_a_labelled_file_field(signed_in):
    page = signed_in.get("/console/import").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page
    assert re.search(r'<label for="file">', page) and 'id="file"' in page
    assert 'accept=".json,application/json"' in page


def test_importing_an_export_creates_a_new_workshop_and_goes_to_its_console(
        app, signed_in, workshop):
    join(app, workshop, "Åsa Ström")
    exported = signed_in.get(f"/console/{workshop['id']}/export.json").get_data()
    response = upload(signed_in, exported)
    assert response.status_code == 302
    with app.app_context():
        imported = db.session.query(Workshop).order_by(Workshop.id.desc()).first()
        assert imported.id != workshop["id"] and imported.code != workshop["code"]
        assert response.headers["Location"] == f"/console/{imported.id}"
        code = imported.code
    console = signed_in.get(response.headers["Location"]).get_data(as_text=True)
    assert code in console and "Hankekahvi" in console


def test_a_bad_file_is_refused_with_a_message_and_status_400(app, signed_in, workshop):
    exported = json.loads(signed_in.get(f"/console/{workshop['id']}/export.json").get_data())
    exported["notes"] = "kaikki"
    signed_in.get("/lang/en?next=/")  # the messages as written, whatever the catalogue holds
    cases = [(b"{ei ole jsonia", "kahvila.json", "not JSON"),
             (json.dumps({"format": "trello"}), "kahvila.json", "not a workshop export"),
             (json.dumps({**exported, "version": 7}), "kahvila.json", "version 7"),
             (json.dumps(exported), "kahvila.json", "at notes"),
             (b"{}", "kahvila.md", "ends in .json")]
    for data, name, message in cases:
        response = upload(signed_in, data, name)
        assert response.status_code == 400
        page = response.get_data(as_text=True)
        assert message in page
        assert 'role="alert"' in page or 'aria-invalid="true"' in page
    assert signed_in.post("/console/import", data={}).status_code == 400
    assert workshop_count(app) == 1


def test_a_file_over_5_mb_is_refused_with_a_message(app, signed_in):
    signed_in.get("/lang/en?next=/")
    # Encoded here, in memory: the test client would spool a body this big to an unclosed file.
    boundary, body = encode_multipart(
        {"file": FileStorage(io.BytesIO(b" " * (5 * 1024 * 1024 + 1)), "kahvila.json")})
    response = signed_in.post("/console/import", data=body,
                              content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 400
    assert "at most 5 MB" in response.get_data(as_text=True)
    assert workshop_count(app) == 0


def test_the_import_form_carries_a_working_csrf_token(app, signed_in, workshop):
    exported = signed_in.get(f"/console/{workshop['id']}/export.json").get_data()
    app.config["WTF_CSRF_ENABLED"] = True
    page = signed_in.get("/console/import").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert upload(signed_in, exported).status_code == 400
    assert workshop_count(app) == 1
    response = signed_in.post("/console/import", content_type="multipart/form-data", data={
        "file": (io.BytesIO(exported), "kahvila.json"), "csrf_token": token})
    assert response.status_code == 302 and workshop_count(app) == 2
