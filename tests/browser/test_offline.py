"""A phone that loses the network keeps its notes and sends them once when it is back."""
import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import BOARD, PHONE, screenshot

pytestmark = pytest.mark.browser


def test_notes_written_offline_wait_and_arrive_on_the_board_once(live_server, new_context):
    w = live_server.workshop
    projector = new_context(BOARD).new_page()
    projector.goto(f"{live_server.url}/board/{w['code']}?key={w['board_key']}")
    expect(projector.locator("#status")).to_have_attribute("data-state", "connected")

    context = new_context(PHONE, has_touch=True, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{live_server.url}/w/{w['code']}/t/{w['tables'][0]}")
    phone.get_by_label("Nimesi").fill("Maija")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator("#status")).to_have_attribute("data-state", "connected")

    context.set_offline(True)
    expect(phone.locator("#status")).to_have_attribute("data-state", "offline")
    for text in ("Kirjoitettu ilman verkkoa", "Toinenkin lappu"):
        phone.get_by_label("Lappusi").fill(text)
        phone.get_by_role("button", name="Lähetä").click()
    expect(phone.locator("#notes .note.pending")).to_have_count(2)
    expect(phone.locator("#notes .note.pending").first).to_contain_text("Odottaa lähetystä")
    expect(phone.locator("#status")).to_contain_text("2 odottaa lähetystä")
    screenshot(phone, "phone-offline")
    stored = phone.evaluate(f"localStorage.getItem('kahvila:{w['code']}:outbox')")
    assert "Kirjoitettu ilman verkkoa" in stored

    context.set_offline(False)
    expect(phone.locator("#status")).to_have_attribute("data-state", "connected", timeout=20000)
    expect(phone.locator("#notes .note.pending")).to_have_count(0)
    column = projector.locator(".board-table").first.locator(".note")
    expect(column).to_have_text([re.compile("Kirjoitettu ilman verkkoa"), re.compile("Toinenkin lappu")])
    projector.wait_for_timeout(1000)  # a duplicate would show up within this
    expect(column).to_have_count(2)
    assert phone.evaluate(f"localStorage.getItem('kahvila:{w['code']}:outbox')") == "[]"


def test_notes_left_unsent_at_a_reload_are_sent_after_it(live_server, new_context):
    w = live_server.workshop
    context = new_context(PHONE, has_touch=True, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{live_server.url}/w/{w['code']}/t/{w['tables'][1]}")
    phone.get_by_label("Nimesi").fill("Pekka")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator("#status")).to_have_attribute("data-state", "connected")
    context.set_offline(True)
    expect(phone.locator("#status")).to_have_attribute("data-state", "offline")
    phone.get_by_label("Lappusi").fill("Ennen uudelleenlatausta kirjoitettu")
    phone.get_by_role("button", name="Lähetä").click()
    expect(phone.locator("#notes .note.pending")).to_have_count(1)
    context.set_offline(False)
    phone.reload()
    expect(phone.locator("#notes .note:not(.pending)")).to_have_text(
        [re.compile("Ennen uudelleenlatausta kirjoitettu")])
