"""HTTP: the themes page and the summary editor, its preview, regenerating and downloads."""
import pytest

from facilitation.extensions import db
from facilitation.models import Summary, Workshop
from facilitation.services import accounts, notes, participants, themes
from facilitation.services.actors import Actor
from tests.support.sockets import join

PAGES = ["/themes", "/themes.json", "/summary", "/summary.md", "/summary.html"]
POSTS = [("/summary", {"markdown": "x"}), ("/summary/regenerate", {"force": "y"}),
         ("/summary/preview", None), ("/next-meeting", {"next_meeting": "x"})]


@pytest.fixture
def grouped(app, workshop):
    """Two notes at table A in one theme, and a note in no theme."""
    person_id, _ = join(app, workshop, "Maija", 0)
    with app.app_context():
        w = db.session.get(Workshop, workshop["id"])
        person = participants.active_participant(person_id)
        ids = [notes.add_note(person, f"c{i}", text)[0].id for i, text in
               enumerate(["Yhteiset hankkeet", "Hankeyhteistyö", "Selkokieli"])]
        themes.create_theme(Actor.for_console(w), "tuleva yhteistyö hankkeissa", topic_id=w.topics[0].id,
                            note_ids=ids[:2])
    return workshop


@pytest.mark.parametrize("page", PAGES)
def test_the_owner_gets_each_page(signed_in, grouped, page):
    response = signed_in.get(f"/console/{grouped['id']}{page}")
    assert response.status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_the_pages_need_sign_in(client, workshop, page):
    response = client.get(f"/console/{workshop['id']}{page}")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_another_facilitator_finds_nothing(app, client, workshop):
    with app.app_context():
        accounts.create_facilitator("toinen@example.fi", "toinen-salasana")
    client.post("/login", data={"email": "toinen@example.fi", "password": "toinen-salasana"})
    for page in PAGES:
        assert client.get(f"/console/{workshop['id']}{page}").status_code == 404, page
    for path, form in POSTS:
        url = f"/console/{workshop['id']}{path}"
        response = client.post(url, data=form) if form else client.post(url, json={"markdown": "x"})
        assert response.status_code == 404, path
    with app.app_context():
        assert db.session.query(Summary).count() == 0


def test_the_themes_page_and_its_data(signed_in, grouped):
    signed_in.get("/lang/en")
    page = signed_in.get(f"/console/{grouped['id']}/themes").get_data(as_text=True)
    assert "Suggest themes for all topics" in page
    assert '"mention_many": "%(count)s mentions"' in page
    view = signed_in.get(f"/console/{grouped['id']}/themes.json").get_json()
    [theme] = view["themes"]
    assert theme["label"] == "tuleva yhteistyö hankkeissa" and theme["count"] == 2
    assert len(view["notes"]) == 3 and view["seq"] >= 4


def test_the_editor_shows_the_generated_summary_with_its_preview(signed_in, grouped):
    signed_in.get("/lang/en")
    page = signed_in.get(f"/console/{grouped['id']}/summary").get_data(as_text=True)
    # The summary speaks the workshop's language; the editor around it the facilitator's.
    assert "- tuleva yhteistyö hankkeissa – kaksi (2) mainintaa" in page
    assert "<li>tuleva yhteistyö hankkeissa – kaksi (2) mainintaa" in page
    assert '<label for="markdown">Summary (Markdown)</label>' in page
    assert 'aria-describedby="markdown-hint"' in page and 'role="alert"' in page


def test_the_preview_is_sanitised(signed_in, workshop):
    url = f"/console/{workshop['id']}/summary/preview"
    hostile = ("# Otsikko\n\n<script>alert(1)</script>\n\n[klikkaa](javascript:alert(1))\n\n"
               "<img src=x onerror=alert(1)> [ok](https://example.fi)")
    answer = signed_in.post(url, json={"markdown": hostile}).get_json()
    assert answer["ok"] is True and "<h1>Otsikko</h1>" in answer["html"]
    html = answer["html"].lower()
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html
    assert "<img" not in html and 'href="https://example.fi"' in html
    refused = signed_in.post(url, json={"markdown": 5})
    assert refused.status_code == 400 and refused.get_json()["error"]["code"] == "bad_payload"


def test_regenerating_refuses_to_overwrite_edits_unless_forced(app, signed_in, grouped):
    base = f"/console/{grouped['id']}/summary"
    signed_in.get("/lang/en")
    signed_in.get(base)
    saved = signed_in.post(base, data={"markdown": "# Oma kooste\r\n\r\nKäsin kirjoitettu."})
    assert saved.status_code == 302 and saved.headers["Location"] == base
    edited = signed_in.get(base).get_data(as_text=True)
    assert "Summary saved." in edited and "Overwrite my edits" in edited
    refused = signed_in.post(base + "/regenerate", data={})
    assert refused.status_code == 409
    alert = refused.get_data(as_text=True).split('id="summary-error">', 1)[1].split("<", 1)[0]
    assert alert.strip()
    with app.app_context():
        stored = db.session.query(Summary).one()
        assert stored.edited and stored.markdown == "# Oma kooste\n\nKäsin kirjoitettu.\n"
    forced = signed_in.post(base + "/regenerate", data={"force": "y"})
    assert forced.status_code == 302
    with app.app_context():
        stored = db.session.query(Summary).one()
        assert not stored.edited and "kaksi (2) mainintaa" in stored.markdown


def test_an_unedited_summary_regenerates_without_asking(app, signed_in, grouped):
    base = f"/console/{grouped['id']}/summary"
    assert signed_in.post(base + "/regenerate", data={}).status_code == 302


def test_the_downloads_have_the_right_types_and_content(app, signed_in, facilitator):
    from tests.support.cafe import make_workshop
    hostile = make_workshop(app, facilitator["id"], title='Kahvila <script>alert("x")</script>')
    base = f"/console/{hostile['id']}"
    signed_in.get("/lang/en")
    signed_in.post(base + "/summary", data={"markdown": "# Kooste\n\n- [linkki](javascript:alert(1))\n"
                                                        "- <b onclick=x>lihava</b>\n"})
    md = signed_in.get(base + "/summary.md")
    assert md.headers["Content-Type"] == "text/markdown; charset=utf-8"
    assert md.headers["Content-Disposition"] == f'attachment; filename="summary-{hostile["code"]}.md"'
    assert md.get_data(as_text=True).startswith("# Kooste\n")
    page = signed_in.get(base + "/summary.html")
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert page.headers["Content-Disposition"].endswith('.html"')
    text = page.get_data(as_text=True)
    assert text.startswith("<!doctype html>") and text.rstrip().endswith("</html>")
    assert '<html lang="fi">' in text and '<meta charset="utf-8">' in text
    assert "<title>Kahvila &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>" in text
    assert "<h1>Kooste</h1>" in text and "lihava" in text
    lowered = text.lower()
    assert "<script" not in lowered and "javascript:" not in lowered and "onclick" not in lowered


def test_the_next_meeting_set_after_the_workshop_ends_the_summary(app, signed_in, grouped):
    base = f"/console/{grouped['id']}"
    saved = signed_in.post(base + "/next-meeting", data={"next_meeting": " 2027-03-04 "})
    assert saved.status_code == 302 and saved.headers["Location"] == base + "/summary"
    page = signed_in.get(base + "/summary").get_data(as_text=True)
    assert 'value="2027-03-04"' in page
    assert "## Seuraava tapaaminen\n\n4.3.2027" in page.replace("\r\n", "\n")
    too_long = signed_in.post(base + "/next-meeting", data={"next_meeting": "x" * 201})
    assert too_long.status_code == 400
    assert "enintään 200 merkkiä" in too_long.get_data(as_text=True)
    signed_in.post(base + "/next-meeting", data={"next_meeting": "   "})
    with app.app_context():
        assert db.session.get(Workshop, grouped["id"]).next_meeting == ""
    assert "Seuraava tapaaminen" not in signed_in.get(base + "/summary.md").get_data(as_text=True)
