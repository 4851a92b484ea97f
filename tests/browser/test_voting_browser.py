"""Dot voting on a phone, the result on the board; edit, delete and undo on the phone."""
import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import BOARD, LAPTOP, PHONE, join_at, screenshot, sign_in

pytestmark = pytest.mark.browser


def test_dots_given_on_a_phone_show_on_the_board(live_server, new_context):
    w = live_server.workshop
    laptop = new_context(LAPTOP).new_page()
    sign_in(laptop, live_server)
    laptop.goto(f"{live_server.url}/console/{w['id']}")
    expect(laptop.locator("#status")).to_have_attribute("data-state", "connected")
    projector = new_context(BOARD).new_page()
    projector.goto(f"{live_server.url}/board/{w['code']}?key={w['board_key']}")
    phone = join_at(new_context(PHONE, has_touch=True, is_mobile=True), live_server, "Aino", 0)
    phone.get_by_label("Lappusi").fill("Yhteinen hankehaku keväällä")
    phone.get_by_role("button", name="Lähetä").click()
    expect(projector.locator(".note")).to_have_count(1)

    laptop.get_by_label("Pisteitä kullekin").fill("3")
    laptop.get_by_role("button", name="Avaa äänestys").click()
    expect(phone.locator("#vote-bar")).to_contain_text("Pisteitä jäljellä: 3")
    note = phone.locator("#notes .note").first
    note.get_by_role("button", name="+ Anna piste").click()
    expect(phone.locator("#vote-bar")).to_contain_text("Pisteitä jäljellä: 2")
    note.get_by_role("button", name="+ Anna piste").click()
    expect(note.locator(".dot-count")).to_have_text("Pisteesi: 2")
    expect(projector.locator(".note .dots")).to_have_text("● 2")
    note.get_by_role("button", name="− Ota piste takaisin").click()
    expect(projector.locator(".note .dots")).to_have_text("● 1")
    expect(projector.locator("#board-notice")).to_contain_text("Pisteäänestys käynnissä")
    screenshot(phone, "phone-voting")
    screenshot(projector, "board-voting")


def test_an_action_is_edited_deleted_and_brought_back_on_the_phone(live_server, new_context):
    w = live_server.workshop
    projector = new_context(BOARD).new_page()
    projector.goto(f"{live_server.url}/board/{w['code']}?key={w['board_key']}")
    phone = join_at(new_context(PHONE, has_touch=True, is_mobile=True), live_server, "Eero", 1)
    phone.get_by_label("Lappusi").fill("Yhteinen tapahtuma")  # the kinds show once writing
    phone.get_by_label("Toimenpide").check()
    phone.get_by_label("Kuka tekee").fill("Kunta")
    phone.get_by_role("button", name="Lähetä").click()
    expect(projector.locator(".note .note-kind")).to_have_text(re.compile("Toimenpide · Kunta"))
    note = phone.locator("#notes .note").first
    note.get_by_role("button", name="Muokkaa").click()
    phone.locator("#notes textarea").fill("Yhteinen tapahtuma syksyllä")
    phone.get_by_role("button", name="Tallenna").click()
    expect(projector.locator(".note .note-text")).to_have_text("Yhteinen tapahtuma syksyllä")
    phone.locator("#notes .note").first.get_by_role("button", name="Poista").click()
    expect(projector.locator(".note")).to_have_count(0)
    phone.get_by_role("button", name="Kumoa").click()
    expect(projector.locator(".note .note-text")).to_have_text("Yhteinen tapahtuma syksyllä")
    expect(phone.locator("#notes .note")).to_have_count(1)
