"""The console's themes page and summary editor in Chromium: drag, tick, merge, preview."""
import json
import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import LAPTOP, PHONE, assert_accessible, screenshot, sign_in
from tests.support.cafe import ROOT

pytestmark = pytest.mark.browser

LABELLED = ROOT / "tests" / "data" / "condense" / "verkostotapaaminen.jsonl"
NOTES = ["Yhteistyötä tulevissa hankkeissa", "Hankkeiden yhteistyö tiiviimmäksi",
         "Yhteiset tapahtumat", "Seminaarikalenteri yhteiseksi", "Selkoa rahoittajien ohjaukseen",
         "Kumppaneita omaan hankkeeseen"]


def seed(server):
    """Notes at table A and two themes; returns (note ids, first theme id, second theme id)."""
    out = server.run_python(
        "from facilitation.extensions import db\n"
        "from facilitation.models import Workshop\n"
        "from facilitation.services import notes, participants, themes\n"
        "from facilitation.services.actors import Actor\n"
        f"w = db.session.get(Workshop, {server.workshop['id']})\n"
        "p, _ = participants.join(w, 'Maija', 'Esimerkki ry', 'ngo', w.tables[0].id)\n"
        f"ids = [notes.add_note(p, f'c{{i}}', t)[0].id for i, t in enumerate({NOTES!r})]\n"
        "topic = w.topics[0].id\n"
        "a = themes.create_theme(Actor.for_console(w), 'Yhteistyö hankkeissa', topic_id=topic, note_ids=ids[:2])\n"
        "b = themes.create_theme(Actor.for_console(w), 'Tapahtumat yhdessä', topic_id=topic, note_ids=ids[2:3])\n"
        "print(*ids, a.id, b.id)")
    numbers = [int(x) for x in out.split()]
    return numbers[:-2], numbers[-2], numbers[-1]


def members(page, server, theme_id):
    """The note ids of a theme as the server has them (None when it is gone)."""
    view = page.context.request.get(
        f"{server.url}/console/{server.workshop['id']}/themes.json").json()
    found = [t["note_ids"] for t in view["themes"] if t["id"] == theme_id]
    return sorted(found[0]) if found else None


def card(page, theme_id):
    """A theme's card on the page."""
    return page.locator(f'[data-theme-id="{theme_id}"]')


def test_drag_a_note_onto_a_theme_tick_notes_into_a_new_one_and_merge_two(live_server, new_context):
    ids, first, second = seed(live_server)
    laptop = new_context(LAPTOP).new_page()
    failures = []
    laptop.on("pageerror", lambda error: failures.append(str(error)))
    sign_in(laptop, live_server)
    url = f"{live_server.url}/console/{live_server.workshop['id']}/themes"
    laptop.goto(url)
    expect(laptop.locator("#status")).to_have_attribute("data-state", "connected")
    watcher = laptop.context.new_page()
    watcher.goto(url)
    expect(watcher.locator("#status")).to_have_attribute("data-state", "connected")
    laptop.bring_to_front()  # a background tab gets few animation frames
    expect(card(laptop, first).locator("li.note")).to_have_count(2)
    assert_accessible(laptop, "themes page")

    # A mouse: drag a note in no theme onto the second theme.
    laptop.locator(f'li.note[data-id="{ids[3]}"]').drag_to(card(laptop, second))
    expect(card(laptop, second).locator("li.note")).to_have_count(2)
    expect(card(watcher, second).locator("li.note")).to_have_count(2)  # another console, live
    assert members(laptop, live_server, second) == [ids[2], ids[3]]

    # A keyboard or a phone: tick notes, then make a theme of them.
    for note_id in (ids[4], ids[5]):
        laptop.locator(f"#pick-{note_id}").check()
    topic = laptop.locator("[data-topic-id]").first.get_attribute("data-topic-id")
    laptop.locator(f'[data-key="name-{topic}"]').fill("Rahoitus ja kumppanit")
    laptop.locator(f'[data-key="create-{topic}"]').click()
    made = laptop.locator(".theme-card").filter(
        has=laptop.get_by_text("Rahoitus ja kumppanit", exact=True).locator("visible=true"))
    expect(made.locator("li.note")).to_have_count(2)
    screenshot(laptop, "themes-page")

    # Merge the first theme into the second: both themes' notes stay.
    card(laptop, first).locator(f'[data-key="merge-{first}"]').select_option(str(second))
    laptop.locator(f'[data-key="merge-go-{first}"]').click()
    expect(card(laptop, first)).to_have_count(0)
    expect(card(laptop, second).locator("li.note")).to_have_count(4)
    expect(card(watcher, first)).to_have_count(0)
    assert members(laptop, live_server, first) is None
    assert members(laptop, live_server, second) == [ids[0], ids[1], ids[2], ids[3]]
    expect(laptop.locator("#theme-error")).to_be_empty()

    # Rename with the keyboard: the form opens with the focus in it, Enter saves.
    laptop.locator(f'[data-key="rename-open-{second}"]').click()
    expect(laptop.locator(f'[data-key="rename-{second}"]')).to_be_focused()
    assert_accessible(laptop, "renaming a theme")
    # (fill, not Control+A and typing: in one CI run the select-all was lost and the new
    # name went in front of the old one.)
    laptop.locator(f'[data-key="rename-{second}"]').fill("Yhteistyö ja tapahtumat")
    laptop.keyboard.press("Enter")
    expect(card(watcher, second).locator(".theme-label")).to_have_text("Yhteistyö ja tapahtumat")
    # Split one note off, then take another out of its theme.
    laptop.locator(f"#pick-{ids[0]}").check()
    laptop.locator(f'[data-key="split-{second}"]').click()
    expect(card(laptop, second).locator("li.note")).to_have_count(3)
    laptop.locator(f"#pick-{ids[1]}").check()
    laptop.locator(f'[data-key="remove-{topic}"]').click()
    expect(laptop.locator(f'.theme-card.unthemed li.note[data-id="{ids[1]}"]')).to_have_count(1)
    assert members(laptop, live_server, second) == [ids[2], ids[3]]
    assert failures == []
    laptop.set_viewport_size(PHONE)
    screenshot(laptop, "themes-page-phone")


def test_the_summary_preview_follows_the_typing_and_regenerate_warns_first(live_server, new_context):
    seed(live_server)
    laptop = new_context(LAPTOP).new_page()
    sign_in(laptop, live_server)
    laptop.goto(f"{live_server.url}/console/{live_server.workshop['id']}/summary")
    expect(laptop.locator("#preview")).to_contain_text("Yhteistyö hankkeissa – kaksi (2) mainintaa")
    source = laptop.locator("#markdown")
    source.fill("# Kooste kahvilasta\n\n- **Tärkein** havainto\n- <script>alert(1)</script>")
    expect(laptop.locator("#preview h1")).to_have_text("Kooste kahvilasta")
    expect(laptop.locator("#preview strong")).to_have_text("Tärkein")
    expect(laptop.locator("#preview script")).to_have_count(0)
    screenshot(laptop, "summary-editor")
    assert_accessible(laptop, "summary editor")

    # Unsaved edits: regenerating asks first; saying no keeps the text.
    asked = []
    laptop.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    laptop.locator("#regenerate-form button").click()
    assert asked and source.input_value().startswith("# Kooste kahvilasta")
    laptop.locator("#summary-form button[type=submit]").click()
    expect(laptop.locator(".flash")).to_be_visible()
    assert_accessible(laptop, "summary editor, edited")
    expect(source).to_have_value(
        "# Kooste kahvilasta\n\n- **Tärkein** havainto\n- <script>alert(1)</script>\n")
    laptop.once("dialog", lambda dialog: dialog.accept())
    laptop.locator("#regenerate-form button").click()
    expect(source).to_have_value(re.compile(r"^# Live-kahvila"))


def test_suggested_themes_show_as_suggested_until_accepted(live_server, new_context):
    labelled = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    live_server.run_python(
        "from facilitation.extensions import db\n"
        "from facilitation.models import Workshop\n"
        "from facilitation.services import notes, participants\n"
        f"w = db.session.get(Workshop, {live_server.workshop['id']})\n"
        "p, _ = participants.join(w, 'Maija', table_id=w.tables[0].id)\n"
        f"for i, text in enumerate({[n['text'] for n in labelled]!r}):\n"
        "    notes.add_note(p, f'c{i}', text)")
    laptop = new_context(LAPTOP).new_page()
    sign_in(laptop, live_server)
    laptop.goto(f"{live_server.url}/console/{live_server.workshop['id']}/themes")
    expect(laptop.locator("#status")).to_have_attribute("data-state", "connected")
    expect(laptop.locator("li.note")).to_have_count(25)
    topic = laptop.locator("[data-topic-id]").first.get_attribute("data-topic-id")
    laptop.locator(f'[data-key="suggest-{topic}"]').click()
    suggested = laptop.locator(".theme-card.is-suggested")
    expect(suggested).to_have_count(6)
    expect(suggested.first.locator("li.note")).to_have_count(5)
    expect(laptop.locator(".theme-card.unthemed li.note")).to_have_count(6)
    screenshot(laptop, "themes-suggested")
    assert_accessible(laptop, "suggested themes")
    first = suggested.first.get_attribute("data-theme-id")
    laptop.locator(f'[data-key="accept-{first}"]').click()
    expect(laptop.locator(".theme-card.is-suggested")).to_have_count(5)
    expect(card(laptop, first).locator(".tag-suggested")).to_have_count(0)
