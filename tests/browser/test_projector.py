"""The board reads from the back of the room: it fits the screen at 1920×1080 and 1280×720."""
import pytest
from playwright.sync_api import expect

from tests.support.browser import screenshot

pytestmark = pytest.mark.browser

NOTES = [
    "Yhteiset hankehakemukset seuraavalle kaudelle", "Tapahtumat yhdessä, ei päällekkäin",
    "Työnantajakontaktit jaetaan verkoston kesken", "Opinnollistaminen näkyväksi todistuksiin",
    "Matalan kynnyksen paikkoja lisää", "Nuorten ääni mukaan suunnitteluun",
    "Tiedonkulku kunnan ja järjestöjen välillä", "Vertaistuki toimii, sitä kannattaa vahvistaa",
]


def fill_board(server, per_table):
    """Post `per_table` notes at every table through the services, like phones would."""
    server.run_python(
        "from facilitation.extensions import db\n"
        "from facilitation.models import Workshop\n"
        "from facilitation.services import participants, notes\n"
        f"w = db.session.get(Workshop, {server.workshop['id']})\n"
        "for t in w.tables:\n"
        "    p, _ = participants.join(w, 'Kirjoittaja', table_id=t.id, remote=t.remote)\n"
        f"    for i in range({per_table}):\n"
        f"        notes.add_note(p, f'n{{i}}', {NOTES!r}[i % {len(NOTES)}] + f' ({{i + 1}})')")


@pytest.mark.parametrize("width, height", [(1920, 1080), (1280, 720)])
def test_many_notes_fit_without_scrolling_and_stay_legible(live_server, new_context, width, height):
    fill_board(live_server, 24)
    w = live_server.workshop
    board = new_context({"width": width, "height": height}).new_page()
    board.goto(f"{live_server.url}/board/{w['code']}?key={w['board_key']}")
    expect(board.locator(".note")).to_have_count(72)
    board.wait_for_timeout(300)  # the fitting runs on the next animation frames
    page_height = board.evaluate("document.scrollingElement.scrollHeight")
    page_width = board.evaluate("document.scrollingElement.scrollWidth")
    assert page_height <= height and page_width <= width, "the board scrolls"
    for box in board.locator(".board-table").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().toJSON())"):
        assert box["bottom"] <= height and box["right"] <= width, "a table runs off the screen"
    sizes = board.locator(".board-table .notes").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    # 20 px on a 1080p projector, and as large a share of the screen on a smaller one.
    assert min(sizes) >= 20 * height / 1080 - 0.5, f"note text too small to read from the back: {sizes}"
    screenshot(board, f"board-{width}x{height}")


def test_one_table_can_be_focused_and_unfocused(live_server, new_context):
    fill_board(live_server, 6)
    w = live_server.workshop
    board = new_context({"width": 1920, "height": 1080}).new_page()
    board.goto(f"{live_server.url}/board/{w['code']}?key={w['board_key']}")
    expect(board.locator(".note")).to_have_count(18)
    board.keyboard.press("2")
    expect(board.locator(".board-table:visible")).to_have_count(1)
    expect(board.locator(".board-table:visible h2")).to_have_text("Pöytä B")
    screenshot(board, "board-focused")
    board.keyboard.press("0")
    expect(board.locator(".board-table:visible")).to_have_count(3)
    focused = board.context.new_page()
    focused.goto(f"{live_server.url}/board/{w['code']}?key={w['board_key']}&table={w['tables'][0]}")
    expect(focused.locator(".board-table:visible h2")).to_have_text("Pöytä A")
