"""axe-core finds no WCAG 2.1 A/AA violation on any page or state; keyboard paths work."""
import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import BOARD, LAPTOP, PHONE, assert_accessible, join_at, sign_in

pytestmark = pytest.mark.browser
def test_public_pages_and_the_phone_in_every_state(live_server, new_context):
    w = live_server.workshop
    page = new_context(PHONE, has_touch=True, is_mobile=True).new_page()
    page.goto(live_server.url + "/")
    assert_accessible(page, "front page")
    page.goto(live_server.url + "/?code=XXXXXX")
    assert_accessible(page, "front page with a wrong code")
    page.goto(f"{live_server.url}/w/{w['code']}")
    assert_accessible(page, "join form")
    page.get_by_role("button", name="Liity").click()
    expect(page.locator("#join-error")).not_to_be_empty()
    assert_accessible(page, "join form with an error")
    page.get_by_label("Nimesi").fill("Aino")
    page.get_by_role("button", name="Liity").click()
    expect(page.locator("#status")).to_have_attribute("data-state", "connected")
    assert_accessible(page, "phone table view")
    page.get_by_role("button", name="Lähetä").click()
    expect(page.locator("#composer-error")).not_to_be_empty()
    assert_accessible(page, "composer with an error")
    page.get_by_label("Toimenpide").check()
    page.get_by_label("Lappusi").fill("Yhteinen hakemus")
    page.get_by_role("button", name="Lähetä").click()
    expect(page.locator("#notes .note:not(.pending)")).to_have_count(1)
    assert_accessible(page, "phone with an action note")
    page.goto(live_server.url + "/login")
    assert_accessible(page, "sign-in")


def test_console_board_move_break_and_voting(live_server, new_context):
    w = live_server.workshop
    laptop = new_context(LAPTOP).new_page()
    sign_in(laptop, live_server)
    assert_accessible(laptop, "workshop list")
    laptop.goto(f"{live_server.url}/console/new")
    assert_accessible(laptop, "workshop form")
    laptop.goto(f"{live_server.url}/console/{w['id']}")
    expect(laptop.locator("#status")).to_have_attribute("data-state", "connected")
    projector = new_context(BOARD).new_page()
    projector.goto(f"{live_server.url}/board/{w['code']}?key={w['board_key']}")
    phones = [join_at(new_context(PHONE, has_touch=True, is_mobile=True), live_server, n, 0)
              for n in ("Aino", "Eero")]
    phones[1].get_by_label("Lappusi").fill("Ajatus")
    phones[1].get_by_role("button", name="Lähetä").click()
    laptop.get_by_role("button", name="Aloita kierros 1").click()
    expect(projector.locator("#phase-label")).to_have_text("Kierros 1/3")
    assert_accessible(laptop, "console in a round")
    assert_accessible(projector, "board in a round")
    laptop.get_by_role("button", name="Avaa äänestys").click()
    expect(phones[0].locator("#vote-bar")).to_be_visible()
    assert_accessible(phones[0], "phone while voting")
    assert_accessible(projector, "board while voting")
    laptop.get_by_role("button", name=re.compile("Päätä kierros 1")).click()
    expect(phones[1].locator("#move")).to_be_visible()
    assert_accessible(phones[1], "phone in the move break")
    assert_accessible(projector, "board in the move break")
    laptop.goto(f"{live_server.url}/console/{w['id']}/tents")
    assert_accessible(laptop, "table tents")


def test_a_participant_joins_and_posts_by_keyboard_alone(live_server, new_context):
    page = new_context(PHONE).new_page()
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.locator("#code").focus()
    page.keyboard.type(live_server.workshop["code"])
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Liity")).to_be_enabled()
    page.get_by_label("Nimesi").focus()
    page.keyboard.type("Näppäimistö-Niina")
    page.keyboard.press("Enter")  # submits the join form
    expect(page.locator("#status")).to_have_attribute("data-state", "connected")
    page.get_by_label("Lappusi").focus()
    page.keyboard.type("Kirjoitettu ilman hiirtä")
    page.keyboard.press("Tab")  # past the action fields, which are hidden
    while page.evaluate("document.activeElement.textContent.trim()") != "Lähetä":
        page.keyboard.press("Tab")
    focus_ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus_ring != "none", "the focused button has no visible focus"
    page.keyboard.press("Enter")
    expect(page.locator("#notes .note:not(.pending)")).to_have_count(1)


def test_the_phone_keeps_typed_text_across_a_reload_and_works_at_200_percent_text(live_server, new_context):
    page = join_at(new_context(PHONE, has_touch=True, is_mobile=True), live_server, "Aino", 0)
    page.get_by_label("Lappusi").fill("Kesken jäänyt ajatus")
    page.reload()
    expect(page.get_by_label("Lappusi")).to_have_value("Kesken jäänyt ajatus")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    wide = page.evaluate("""[...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > 361)
        .map(e => `${e.tagName}#${e.id}.${e.className}`)""")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360, f"sideways scrolling: {wide}"
    page.get_by_role("button", name="Lähetä").click()
    expect(page.locator("#notes .note:not(.pending)")).to_have_text([re.compile("Kesken jäänyt ajatus")])
    expect(page.get_by_label("Lappusi")).to_have_value("")


def test_the_phone_in_swedish_passes_too(live_server, new_context):
    from tests.support.browser import screenshot
    context = new_context(PHONE, has_touch=True, is_mobile=True, locale="sv-FI")
    page = context.new_page()
    page.goto(f"{live_server.url}/lang/sv?next=/w/{live_server.workshop['code']}/t/{live_server.workshop['tables'][0]}")
    page.get_by_label("Ditt namn").fill("Maja")
    page.get_by_role("button", name="Anslut").click()
    expect(page.locator("#status")).to_have_attribute("data-state", "connected")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    assert_accessible(page, "phone in Swedish")
    screenshot(page, "phone-sv")
