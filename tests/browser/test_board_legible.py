"""The projected board in every phase and banner, at 1920×1080 and 1280×720, with a long title.

In each state: every note lies inside its column and the screen, no word is broken across
lines, nothing scrolls, and at 1920×1080 no text is smaller than 20 px.
"""
import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import assert_accessible, screenshot
from tests.support.six_tables import CRYSTAL, NOTE_COUNT

pytestmark = pytest.mark.browser

MEASURE = """() => {
  const vw = innerWidth, vh = innerHeight, problems = [];
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const root = document.scrollingElement;
  if (root.scrollHeight > vh || root.scrollWidth > vw) problems.push(`page scrolls ${root.scrollWidth}x${root.scrollHeight}`);
  for (const e of document.querySelectorAll('#app *')) {
    if (!visible(e)) continue;
    const s = getComputedStyle(e);
    if (['auto', 'scroll'].includes(s.overflowY) && e.scrollHeight > e.clientHeight) problems.push(`scrollbar on ${e.className}`);
  }
  for (const note of document.querySelectorAll('.board-table .note')) {
    const r = note.getBoundingClientRect(), col = note.closest('.board-table').getBoundingClientRect();
    if (!visible(note)) continue;
    if (r.height === 0 || r.top < col.top - 1 || r.bottom > col.bottom + 1 || r.left < col.left - 1 || r.right > col.right + 1)
      problems.push(`note outside its column: ${note.textContent.slice(0, 30)}`);
    if (r.bottom > vh || r.right > vw) problems.push(`note off the screen: ${note.textContent.slice(0, 30)}`);
    const list = note.parentElement.getBoundingClientRect();
    if (r.bottom > list.bottom + 1 || r.top < list.top - 1) problems.push(`note clipped by its list: ${note.textContent.slice(0, 30)}`);
  }
  let smallest = 1000, smallestText = '';
  const walker = document.createTreeWalker(document.getElementById('app'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!node.textContent.trim() || !visible(parent) || parent.closest('.visually-hidden')) continue;
    const size = parseFloat(getComputedStyle(parent).fontSize);
    if (size < smallest) { smallest = size; smallestText = node.textContent.trim().slice(0, 30); }
    const text = node.textContent;
    for (const match of text.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) problems.push(`word broken: ${match[0]}`);
      const box = range.getBoundingClientRect();
      if (box.width && (box.right > vw + 1 || box.bottom > vh + 1)) problems.push(`text off the screen: ${match[0]}`);
    }
  }
  return {problems, smallest, smallestText};
}"""


def check(page, state, width, height):
    """Assert the board's layout rules in its current state and keep a screenshot."""
    page.wait_for_timeout(400)  # the fitting runs on the next animation frames
    result = page.evaluate(MEASURE)
    screenshot(page, f"board-{state}-{width}x{height}")
    assert result["problems"] == [], f"{state} at {width}×{height}: {result['problems'][:8]}"
    if width == 1920:
        assert result["smallest"] >= 20, (
            f"{state}: text of {result['smallest']} px ({result['smallestText']!r})")


@pytest.mark.parametrize("width, height", [(1920, 1080), (1280, 720)])
def test_the_board_fits_and_reads_in_every_phase(live_server, cafe, new_context, width, height):
    cafe, desk = cafe
    board = new_context({"width": width, "height": height}).new_page()
    board.goto(f"{live_server.url}/board/{cafe['code']}?key={cafe['key']}")
    expect(board.locator(".note")).to_have_count(NOTE_COUNT)
    expect(board.locator("#status")).to_have_attribute("data-state", "connected")
    check(board, "lobby", width, height)

    desk.do("phase:next")
    expect(board.locator("#timer")).to_be_visible()
    check(board, "round", width, height)
    desk.do("timer:pause")
    expect(board.locator("#timer")).to_have_attribute("data-state", "paused")
    check(board, "paused", width, height)
    desk.do("message:send", {"text": "Kahvi ja pulla odottavat aulassa: Työllisyyspalveluiden "
                                     "esittely alkaa kymmenen minuutin kuluttua"})
    expect(board.locator("#message")).to_be_visible()
    check(board, "message", width, height)
    desk.do("message:send", {"text": ""})
    desk.do("timer:resume")
    for table_id in cafe["tables"]:
        desk.do("table:crystallise", {"table_id": table_id, "text": CRYSTAL})
    expect(board.locator(".crystal:visible")).to_have_count(6)
    check(board, "crystallisations", width, height)

    desk.do("ballot:open", {"scope": "notes", "dots": 3})
    notes = sorted(desk.snapshot()["notes"], key=lambda n: n["id"])
    for phone in desk.phones:
        desk.do("vote:add", {"target_type": "note", "target_id": notes[-1]["id"]}, phone)
    desk.do("vote:add", {"target_type": "note", "target_id": notes[-2]["id"]}, desk.phones[0])
    expect(board.locator(".note .dots")).to_have_count(2)
    check(board, "note-vote", width, height)
    desk.do("ballot:close")
    expect(board.locator("#vote-results")).to_be_visible()
    expect(board.locator("#vote-results li").first).to_contain_text("● 6")
    check(board, "note-vote-results", width, height)
    if width == 1920:
        assert_accessible(board, "board with the results of a note vote")
    board.keyboard.press("Escape")
    expect(board.locator("#vote-results")).to_be_hidden()

    for table_id in cafe["tables"]:
        ids = [n["id"] for n in notes if n["table_id"] == table_id]
        desk.do("theme:create", {"label": "Työllisyyspalveluiden yhteensovittaminen",
                                 "table_id": table_id, "note_ids": ids[:2]})
    desk.do("ballot:open", {"scope": "themes", "dots": 2})
    themes = desk.do("sync", {"last_seq": 0}, desk.phones[0])["snapshot"]["ballot_themes"]
    for phone, theme in zip(desk.phones, themes):
        desk.do("vote:add", {"target_type": "theme", "target_id": theme["id"]}, phone)
    expect(board.locator("#theme-vote")).to_be_visible()
    expect(board.locator("#theme-vote .dots")).to_have_count(6)
    check(board, "theme-vote", width, height)
    desk.do("ballot:close")
    expect(board.locator("#theme-vote-title")).not_to_have_text("Äänestä teemoista")
    check(board, "theme-vote-results", width, height)
    board.keyboard.press("Escape")
    expect(board.locator("#theme-vote")).to_be_hidden()

    desk.do("phase:next")
    expect(board.locator("#move-banner")).to_be_visible()
    check(board, "move-break", width, height)
    desk.do("phase:next")
    desk.do("phase:next")
    expect(board.locator("#phase-label")).to_have_text("Kiteytys")
    check(board, "harvest", width, height)
    desk.do("phase:next")
    expect(board.locator("#feedback-box")).to_be_visible()
    expect(board.locator("#feedback-count")).to_have_text(re.compile(r"\b0\b"))
    desk.feedback(cafe["tokens"][0], 4)
    desk.feedback(cafe["tokens"][1], 3)
    expect(board.locator("#feedback-count")).to_have_text(re.compile(r"\b2\b"))
    check(board, "feedback", width, height)
    if width == 1920:
        assert_accessible(board, "board in the feedback phase")
    desk.do("phase:next")
    expect(board.locator("#closed-box")).to_contain_text("12.6.2026 klo 9 Kajaanissa")
    expect(board.locator(".board-join img:visible")).to_have_count(0)
    check(board, "closed", width, height)
    if width == 1920:
        assert_accessible(board, "board of a closed workshop")


def test_the_board_in_swedish_keeps_its_header_whole(live_server, cafe, new_context):
    cafe, desk = cafe
    board = new_context({"width": 1920, "height": 1080}, locale="sv-FI").new_page()
    board.goto(f"{live_server.url}/lang/sv?next=/board/{cafe['code']}?key={cafe['key']}")
    expect(board.locator(".note")).to_have_count(NOTE_COUNT)
    for _ in range(5):
        desk.do("phase:next")
    expect(board.locator("#feedback-box")).to_be_visible()
    check(board, "feedback-sv", 1920, 1080)


def test_a_focused_table_fills_the_screen(live_server, cafe, new_context):
    cafe, desk = cafe
    board = new_context({"width": 1920, "height": 1080}).new_page()
    board.goto(f"{live_server.url}/board/{cafe['code']}?key={cafe['key']}")
    expect(board.locator(".note")).to_have_count(NOTE_COUNT)
    board.keyboard.press("3")
    expect(board.locator(".board-table:visible")).to_have_count(1)
    board.wait_for_timeout(400)
    column = board.locator(".board-table:visible").bounding_box()
    assert column["width"] >= 1920 * 0.9 and column["height"] >= 1080 * 0.6, column
    size = board.locator(".board-table:visible .note-text").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 32, f"a focused table's notes are {size} px"
    check(board, "focused", 1920, 1080)
