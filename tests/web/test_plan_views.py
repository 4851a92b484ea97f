"""HTTP: the plans page, opening shipped and uploaded plans, saving a workshop as a plan."""
import io
import re

from facilitation.extensions import db
from facilitation.models import Workshop
from facilitation.plans import parse_plan
from facilitation.services import accounts, plan_io
from tests.support.cafe import make_workshop

GOOD_PLAN = """---
title: Oma kahvila
date: 2026-05-15
mode: topics
rounds: 2
tables:
  - Pöytä A
  - Etä | remote | https://meet.example.fi/oma
---

## Osallisuus

- Mikä toimii?
"""

BAD_PLAN = GOOD_PLAN.replace("mode: topics", "mode: rotate")


def upload(client, text, name="oma.md"):
    """Post a plan file to the upload form."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post("/console/plans/upload", content_type="multipart/form-data",
                       data={"plan": (io.BytesIO(data), name)})


def workshop_count(app):
    """How many workshops exist."""
    with app.app_context():
        return db.session.query(Workshop).count()


def test_the_plans_page_lists_the_shipped_plans_with_an_open_button_each(signed_in):
    page = signed_in.get("/console/plans").get_data(as_text=True)
    for plan in plan_io.shipped_plans():
        assert plan["title"] in page
        assert f'name="file" value="{plan["file"]}"' in page
    assert page.count('name="csrf_token"') >= len(plan_io.shipped_plans()) + 1
    assert 'enctype="multipart/form-data"' in page


def test_the_workshops_page_links_to_the_plans(signed_in):
    assert 'href="/console/plans"' in signed_in.get("/console").get_data(as_text=True)


def test_opening_a_shipped_plan_creates_the_workshop_and_goes_to_its_console(app, signed_in):
    response = signed_in.post("/console/plans/open", data={"file": "hankekahvi-kainuu.md"})
    assert response.status_code == 302
    with app.app_context():
        workshop = db.session.query(Workshop).one()
        assert response.headers["Location"] == f"/console/{workshop.id}"
        assert workshop.title.startswith("Hankekahvi") and len(workshop.topics) == 6
    console = signed_in.get(response.headers["Location"]).get_data(as_text=True)
    assert workshop.code in console


def test_a_path_instead_of_a_shipped_plan_is_refused(app, signed_in):
    for name in ("../app.py", "/etc/passwd", "README.md", "sessions/hankekahvi-kainuu.md", ""):
        assert signed_in.post("/console/plans/open", data={"file": name}).status_code == 404
    assert workshop_count(app) == 0


def test_uploading_a_plan_creates_the_workshop(app, signed_in):
    response = upload(signed_in, GOOD_PLAN)
    assert response.status_code == 302
    with app.app_context():
        workshop = db.session.query(Workshop).one()
        assert response.headers["Location"] == f"/console/{workshop.id}"
        assert (workshop.title, workshop.mode, workshop.rounds) == ("Oma kahvila", "topics", 2)
        assert workshop.tables[1].video_url == "https://meet.example.fi/oma"


def test_a_bad_plan_is_refused_with_the_line_that_is_wrong(app, signed_in):
    response = upload(signed_in, BAD_PLAN)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "oma.md, rivi 4: tuntematon tila &#39;rotate&#39;" in page  # the page's language
    assert 'role="alert"' in page
    assert workshop_count(app) == 0


def test_an_upload_that_is_not_a_small_markdown_file_is_refused(app, signed_in):
    assert upload(signed_in, GOOD_PLAN, name="oma.txt").status_code == 400
    assert upload(signed_in, GOOD_PLAN + "\n" + "x" * 110 * 1024).status_code == 400
    assert upload(signed_in, "---\ntitle: Työ\n".encode("latin-1")).status_code == 400
    assert signed_in.post("/console/plans/upload", data={}).status_code == 400
    assert workshop_count(app) == 0


def test_a_workshop_downloads_as_a_plan_named_after_its_title(app, signed_in, facilitator):
    workshop = make_workshop(app, facilitator["id"], title="Kainuun hankekahvi")
    response = signed_in.get(f"/console/{workshop['id']}/plan.md")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/markdown; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="?kainuun-hankekahvi\.md"?',
                        response.headers["Content-Disposition"])
    plan = parse_plan(response.get_data(as_text=True))
    assert plan["title"] == "Kainuun hankekahvi"
    assert [t["name"] for t in plan["tables"]] == ["Pöytä A", "Pöytä B", "Etäpöytä"]
    assert plan["topics"][0]["prompts"] == ["Mikä toimii?", "Mitä puuttuu?"]


def test_another_facilitator_cannot_download_the_plan(app, client, workshop):
    with app.app_context():
        accounts.create_facilitator("toinen@example.fi", "toinen-salasana")
    client.post("/login", data={"email": "toinen@example.fi", "password": "toinen-salasana"})
    assert client.get(f"/console/{workshop['id']}/plan.md").status_code == 404
    assert client.get("/console/999999/plan.md").status_code == 404


def test_the_plan_pages_need_sign_in(app, client, workshop):
    for response in (client.get("/console/plans"),
                     client.post("/console/plans/open", data={"file": "hankekahvi-kainuu.md"}),
                     upload(client, GOOD_PLAN),
                     client.get(f"/console/{workshop['id']}/plan.md")):
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")
    assert workshop_count(app) == 1


def test_the_open_buttons_carry_a_working_csrf_token(app, signed_in):
    app.config["WTF_CSRF_ENABLED"] = True
    page = signed_in.get("/console/plans").get_data(as_text=True)
    token = re.search(r'action="/console/plans/open"[^>]*>\s*<input type="hidden" '
                      r'name="csrf_token" value="([^"]+)"', page).group(1)
    refused = signed_in.post("/console/plans/open", data={"file": "hankekahvi-kainuu.md"})
    assert refused.status_code == 400 and workshop_count(app) == 0
    opened = signed_in.post("/console/plans/open",
                            data={"file": "hankekahvi-kainuu.md", "csrf_token": token})
    assert opened.status_code == 302 and workshop_count(app) == 1


TEXT_FIRST = """---
title: Työllisyyspalveluiden yhteensovittaminen
---

Johdanto ennen aiheita

## Osallisuus
"""


def test_a_plan_error_is_in_the_pages_language_with_its_line(signed_in):
    finnish = upload(signed_in, TEXT_FIRST).get_data(as_text=True)
    assert "oma.md, rivi 5: tekstiä ennen ensimmäistä aihetta" in finnish
    signed_in.get("/lang/sv")
    swedish = upload(signed_in, BAD_PLAN).get_data(as_text=True)
    assert "oma.md, rad 4: okänt läge &#39;rotate&#39;" in swedish
    signed_in.get("/lang/en")
    english = upload(signed_in, TEXT_FIRST).get_data(as_text=True)
    assert "oma.md, line 5: text before the first topic" in english
