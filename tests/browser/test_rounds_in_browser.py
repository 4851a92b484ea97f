"""Three phones go through two rounds; the console runs the café; each phone is told where to go."""
import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import BOARD, LAPTOP, PHONE, join_at, screenshot, sign_in

pytestmark = pytest.mark.browser


def planned_next_tables(server, round_no):
    """name → table name planned for a round, read from the database."""
    out = server.run_python(
        "from facilitation.models import Seat, Participant, CafeTable\n"
        f"for s in Seat.query.filter_by(round_no={round_no}):\n"
        "    print(Participant.query.get(s.participant_id).display_name, '|',"
        " CafeTable.query.get(s.table_id).name)")
    return dict(line.split(" | ") for line in out.strip().splitlines())


def test_three_phones_go_through_two_rounds_and_are_told_their_next_table(live_server, new_context):
    laptop = new_context(LAPTOP).new_page()
    sign_in(laptop, live_server)
    laptop.goto(f"{live_server.url}/console/{live_server.workshop['id']}")
    expect(laptop.locator("#status")).to_have_attribute("data-state", "connected")
    projector = new_context(BOARD).new_page()
    w = live_server.workshop
    projector.goto(f"{live_server.url}/board/{w['code']}?key={w['board_key']}")

    phones = {name: join_at(new_context(PHONE, has_touch=True, is_mobile=True), live_server, name, index)
              for name, index in [("Aino", 0), ("Eero", 0), ("Kaisa", 1)]}
    expect(laptop.locator("#participants li")).to_have_count(3)

    laptop.get_by_role("button", name="Aloita kierros 1").click()
    for page in phones.values():
        expect(page.locator("#phase-label")).to_have_text("Kierros 1/3")
        expect(page.locator("#timer")).to_have_text(re.compile(r"^(20:00|19:5\d)$"))
    expect(phones["Aino"].locator("#host-panel")).to_be_visible()
    expect(phones["Eero"].locator("#host-panel")).to_be_hidden()
    expect(projector.locator("#phase-label")).to_have_text("Kierros 1/3")
    phones["Eero"].get_by_label("Lappusi").fill("Kierroksen 1 ajatus")
    phones["Eero"].get_by_role("button", name="Lähetä").click()
    expect(projector.locator(".note")).to_have_count(1)
    screenshot(projector, "board-round")
    screenshot(laptop, "console-round")

    for round_no in (2, 3):
        laptop.get_by_role("button", name=f"Päätä kierros {round_no - 1}: siirtymä").click()
        planned = planned_next_tables(live_server, round_no)
        assert set(planned) == {"Aino", "Eero", "Kaisa"}
        assert planned["Aino"] == "Pöytä A" and planned["Kaisa"] == "Pöytä B"  # hosts stay
        for name, page in phones.items():
            expect(page.locator("#move")).to_be_visible()
            stays = page.locator("#table-name").inner_text() == planned[name]
            word = "Pysy paikallasi" if stays else "Siirry"
            expect(page.locator("#move-title")).to_have_text(f"{word}: {planned[name]}")
        expect(projector.locator("#move-banner")).to_be_visible()
        if round_no == 2:
            screenshot(phones["Eero"], "phone-move-break")
        laptop.get_by_role("button", name=f"Aloita kierros {round_no}").click()
        for name, page in phones.items():
            expect(page.locator("#phase-label")).to_have_text(f"Kierros {round_no}/3")
            expect(page.locator("#table-name")).to_have_text(planned[name])
            expect(page.locator("#move")).to_be_hidden()
    # Eero travelled to Kaisa's table in round 2; his round-1 note stayed at table A.
    expect(phones["Kaisa"].locator("#notes .note")).to_have_count(0)
    expect(phones["Aino"].locator("#notes .note")).to_have_text(
        [re.compile("Kierroksen 1 ajatus.*kierros 1")])


def test_pause_and_extend_show_on_every_screen(live_server, new_context):
    laptop = new_context(LAPTOP).new_page()
    sign_in(laptop, live_server)
    laptop.goto(f"{live_server.url}/console/{live_server.workshop['id']}")
    phone = join_at(new_context(PHONE, has_touch=True, is_mobile=True), live_server, "Aino", 0)
    laptop.get_by_role("button", name="Aloita kierros 1").click()
    expect(phone.locator("#timer")).to_have_attribute("data-state", "running")
    laptop.get_by_role("button", name="Pysäytä").click()
    expect(phone.locator("#timer")).to_have_attribute("data-state", "paused")
    laptop.get_by_role("button", name="+5 min").click()
    expect(phone.locator("#timer")).to_have_text(re.compile(r"^2[45]:\d\d · pysäytetty$"))
    laptop.get_by_label("Viesti kaikille näytöille").fill("Kahvi on valmis!")
    laptop.get_by_role("button", name="Näytä", exact=True).click()
    expect(phone.locator("#message")).to_have_text("Kahvi on valmis!")
    phone.reload()
    expect(phone.locator("#timer")).to_have_text(re.compile(r"^2[45]:\d\d · pysäytetty$"))
    expect(phone.locator("#message")).to_have_text("Kahvi on valmis!")
