"""Locking joining from the console: the board stops showing the code, a latecomer is told why."""
import pytest
from playwright.sync_api import expect

from tests.support.browser import (
    BOARD,
    PHONE,
    assert_accessible,
    join_at,
    open_board,
    open_console,
    screenshot,
)

pytestmark = pytest.mark.browser


def test_the_facilitator_locks_joining_and_the_room_sees_it(live_server, new_context):
    seated = join_at(new_context(PHONE, has_touch=True, is_mobile=True), live_server,
                     "Työllisyyspalveluiden yhteensovittaja", 0)
    projector = open_board(new_context(BOARD), live_server)
    expect(projector.locator("#join-box")).to_be_visible()
    laptop = open_console(new_context, live_server)

    laptop.get_by_role("button", name="Lukitse liittyminen").click()
    unlock = laptop.get_by_role("button", name="Avaa liittyminen")
    expect(unlock).to_have_attribute("aria-pressed", "true")
    expect(projector.locator("#join-box")).to_be_hidden()
    expect(projector.locator("#board-notice")).to_have_text("Liittyminen on suljettu")
    screenshot(projector, "board-joining-locked")

    latecomer = new_context(PHONE, has_touch=True, is_mobile=True).new_page()
    latecomer.goto(f"{live_server.url}/w/{live_server.workshop['code']}")
    expect(latecomer.locator("#join-locked")).to_have_text(
        "Työpajaan liittyminen on suljettu. Pyydä fasilitaattoria avaamaan se.")
    expect(latecomer.locator("#join-form")).to_be_hidden()
    assert_accessible(latecomer, "phone page of a workshop whose joining is locked")
    screenshot(latecomer, "phone-joining-locked")

    # Someone already in goes on writing.
    seated.get_by_label("Lappusi").fill("Yhteinen rekrytointitapahtuma syyskuussa")
    seated.get_by_role("button", name="Lähetä").click()
    expect(projector.get_by_text("Yhteinen rekrytointitapahtuma syyskuussa")).to_be_visible()

    unlock.click()
    expect(laptop.get_by_role("button", name="Lukitse liittyminen")).to_have_attribute(
        "aria-pressed", "false")
    expect(projector.locator("#join-box")).to_be_visible()
    expect(projector.locator("#board-notice")).to_be_hidden()
    latecomer.reload()
    expect(latecomer.locator("#join-form")).to_be_visible()
