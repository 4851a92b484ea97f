"""A facilitator creates a workshop, a phone joins by code and posts, the board shows it."""
import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import BOARD, LAPTOP, PHONE, screenshot, sign_in

pytestmark = pytest.mark.browser


def test_a_note_from_a_phone_appears_on_the_board(live_server, new_context):
    laptop = new_context(LAPTOP).new_page()
    sign_in(laptop, live_server)
    laptop.get_by_role("link", name="Uusi työpaja").click()
    laptop.get_by_label("Otsikko").fill("Kainuun hankekahvi")
    laptop.get_by_label("Paikka").fill("Kajaani")
    laptop.locator("#topics-0-title").fill("Työn opinnollistaminen")
    laptop.locator("#topics-0-prompts").fill("Mikä toimii?\nMitä kokeilisimme?")
    laptop.locator("#topics-1-title").fill("Osallisuus")
    laptop.get_by_role("button", name="Luo työpaja").click()
    expect(laptop.get_by_text("Työpaja luotu.")).to_be_visible()
    code = laptop.locator(".join-box .code").inner_text().strip()
    assert re.fullmatch(r"[A-HJ-KMNP-Z2-9]{6}", code)
    expect(laptop.locator("#status")).to_have_attribute("data-state", "connected")
    board_link = laptop.get_by_role("link", name="Avaa taulu").get_attribute("href")

    projector = new_context(BOARD).new_page()
    projector.goto(live_server.url + board_link)
    expect(projector.locator("#status")).to_have_attribute("data-state", "connected")
    expect(projector.locator(".board-table")).to_have_count(4)
    qr = projector.get_by_role("img", name="QR-koodi liittymiseen")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")

    phone = new_context(PHONE, has_touch=True, is_mobile=True).new_page()
    phone.goto(live_server.url + "/")
    phone.get_by_label("Työpajan koodi").fill(code.lower())
    phone.get_by_role("button", name="Jatka").click()
    phone.get_by_label("Nimesi").fill("Maija")
    phone.get_by_label("Organisaatio (vapaaehtoinen)").fill("Esimerkki ry")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator("#table-name")).to_have_text("Pöytä 1")
    expect(phone.locator("#topic-title")).to_have_text("Työn opinnollistaminen")
    expect(phone.locator("#status")).to_have_attribute("data-state", "connected")

    phone.get_by_label("Lappusi").fill("Opinnollistaminen näkyväksi todistuksiin")
    phone.get_by_role("button", name="Lähetä").click()
    expect(phone.locator("#notes .note:not(.pending)")).to_have_count(1)
    expect(projector.locator(".board-table").first.locator(".note")).to_have_text(
        re.compile("Opinnollistaminen näkyväksi todistuksiin"))
    expect(laptop.locator("#tables .note")).to_contain_text(["Opinnollistaminen näkyväksi"])
    expect(laptop.locator("#participants")).to_contain_text("Maija")
    maija = laptop.locator("#participants li", has_text="Maija")
    expect(maija).to_have_class("online")  # told by the console's presence:changed
    screenshot(phone, "phone-table")
    screenshot(projector, "board")
    screenshot(laptop, "console")
    phone.close()
    expect(maija).to_have_class("away")


def test_a_too_long_note_shows_an_error_and_keeps_the_text(live_server, new_context):
    phone = new_context(PHONE, has_touch=True, is_mobile=True).new_page()
    phone.goto(f"{live_server.url}/w/{live_server.workshop['code']}/t/{live_server.workshop['tables'][1]}")
    expect(phone.get_by_text("Pöytäsi: Pöytä B")).to_be_visible()
    phone.get_by_label("Nimesi").fill("Pekka")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator("#table-name")).to_have_text("Pöytä B")
    long_text = "pitkä " * 60
    phone.get_by_label("Lappusi").fill(long_text)
    phone.get_by_role("button", name="Lähetä").click()
    expect(phone.locator("#composer-error")).to_have_text("Lappu on liian pitkä: enintään 280 merkkiä.")
    expect(phone.get_by_label("Lappusi")).to_have_value(long_text)
    phone.get_by_label("Lappusi").fill("")
    phone.get_by_role("button", name="Lähetä").click()
    expect(phone.locator("#composer-error")).to_have_text("Kirjoita jotain ennen lähettämistä.")
    expect(phone.locator("#notes .note")).to_have_count(0)
    screenshot(phone, "phone-error")


def test_a_reload_resumes_the_participant_at_their_table(live_server, new_context):
    context = new_context(PHONE, has_touch=True, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{live_server.url}/w/{live_server.workshop['code']}")
    phone.get_by_label("Nimesi").fill("Liisa")
    phone.get_by_text("Pöytä B").click()
    phone.get_by_role("button", name="Liity").click()
    phone.get_by_label("Lappusi").fill("Ennen uudelleenlatausta")
    phone.get_by_role("button", name="Lähetä").click()
    expect(phone.locator("#notes .note:not(.pending)")).to_have_count(1)
    phone.reload()
    expect(phone.locator("#table-name")).to_have_text("Pöytä B")
    expect(phone.locator("#notes .note")).to_have_text([re.compile("Ennen uudelleenlatausta")])
    second_tab = context.new_page()
    second_tab.goto(f"{live_server.url}/w/{live_server.workshop['code']}")
    expect(second_tab.locator("#table-name")).to_have_text("Pöytä B")
