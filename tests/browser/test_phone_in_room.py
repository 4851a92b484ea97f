"""The phone at 360×640 in a real café: the composer, its errors, notices, feedback and votes."""
import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import PHONE, assert_accessible, join_cafe, screenshot

pytestmark = pytest.mark.browser

LONG = "Työllisyyspalveluiden yhteensovittaminen ja opinnollistaminen"


def post(page, text):
    """Type a note and post it; wait until the server has it."""
    count = page.locator("#notes .note:not(.pending)").count()
    page.get_by_label("Lappusi").fill(text)
    page.get_by_role("button", name="Lähetä").click()
    expect(page.locator("#notes .note:not(.pending)")).to_have_count(count + 1)


def test_the_note_type_goes_back_to_a_plain_note_after_each_post(live_server, cafe, new_context):
    cafe, desk = cafe
    page = join_cafe(new_context, live_server, cafe, "Aino", 0)
    page.get_by_label("Lappusi").fill("Yhteinen rekrytointitapahtuma syyskuussa")
    page.get_by_label("Toimenpide").check()
    page.get_by_label("Kuka tekee").fill("Kajaanin kaupunki")
    page.get_by_role("button", name="Lähetä").click()
    # The café's table already has an action note of its own: look at this one, once acked.
    posted = page.locator("#notes .note:not(.pending)").filter(
        has_text="Yhteinen rekrytointitapahtuma syyskuussa")
    expect(posted).to_have_count(1)
    expect(posted).to_have_class(re.compile("kind-action"))
    expect(page.get_by_label("Lappu", exact=True)).to_be_checked()
    expect(page.locator("#action-fields")).to_be_hidden()
    post(page, "Tavallinen ajatus")
    expect(page.locator("#notes .note:not(.pending)").last).to_have_class(re.compile("kind-note"))


def test_the_composer_is_one_line_until_focused_and_never_covers_the_edit_form(live_server, cafe, new_context):
    cafe, desk = cafe
    page = join_cafe(new_context, live_server, cafe, "Aino", 3)
    page.locator("body").click(position={"x": 5, "y": 5})
    closed = page.locator("#composer").bounding_box()["height"]
    assert closed <= 90, f"the idle composer takes {closed} px of 640"
    expect(page.locator("#composer .kinds")).to_be_hidden()
    page.get_by_label("Lappusi").focus()
    expect(page.locator("#composer .kinds")).to_be_visible()
    assert page.locator("#composer").bounding_box()["height"] > closed
    post(page, LONG)
    mine = page.locator("#notes .note").filter(has_text=LONG)
    mine.get_by_role("button", name="Muokkaa").click()
    cancel = page.locator("#notes .edit-form").get_by_role("button", name="Peru", exact=True)
    cancel.scroll_into_view_if_needed()
    box = cancel.bounding_box()
    hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y)?.textContent",
                        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert hit == "Peru", f"the edit form's Cancel is covered by {hit!r}"
    screenshot(page, "phone-editing")
    cancel.click()
    for note in page.locator("#notes .note").all():
        note.scroll_into_view_if_needed()
        box = note.bounding_box()
        composer = page.locator("#composer").bounding_box()
        assert box["y"] + box["height"] <= composer["y"] + 1 or box["y"] >= composer["y"] + composer["height"], \
            "the composer covers a note scrolled into view"


def test_composer_errors_clear_as_the_person_types(live_server, cafe, new_context):
    cafe, desk = cafe
    page = join_cafe(new_context, live_server, cafe, "Aino", 0)
    page.get_by_role("button", name="Lähetä").click()
    expect(page.locator("#composer-error")).to_contain_text("Kirjoita")
    page.get_by_label("Lappusi").fill("x" * 330)
    expect(page.locator("#composer-error")).to_be_empty()
    expect(page.locator("#note-count")).to_have_text("50 merkkiä liikaa")
    page.get_by_role("button", name="Lähetä").click()
    expect(page.locator("#composer-error")).to_contain_text("pitkä")
    page.get_by_label("Lappusi").fill("x" * 280)
    expect(page.locator("#composer-error")).to_be_empty()
    expect(page.locator("#note-count")).to_have_text("0 merkkiä jäljellä")


def test_a_writer_is_told_when_the_facilitator_hides_their_note(live_server, cafe, new_context):
    cafe, desk = cafe
    page = join_cafe(new_context, live_server, cafe, "Aino", 0)
    post(page, "Tämä lappu piilotetaan")
    note = next(n for n in desk.snapshot()["notes"] if n["text"] == "Tämä lappu piilotetaan")
    desk.do("note:hide", {"note_id": note["id"], "hidden": True})
    expect(page.locator("#notes .note").filter(has_text="Tämä lappu piilotetaan")).to_have_count(0)
    expect(page.locator("#hidden-notice")).to_contain_text("Tämä lappu piilotetaan")
    screenshot(page, "phone-note-hidden")
    assert_accessible(page, "phone told of a hidden note")


def test_the_feedback_phase_asks_for_feedback_on_the_table_page(live_server, cafe, new_context):
    cafe, desk = cafe
    page = join_cafe(new_context, live_server, cafe, "Aino", 0)
    for _ in range(5):
        desk.do("phase:next")
    expect(page.locator("#phase-label")).to_have_text("Palaute")
    expect(page.locator("#composer")).to_be_hidden()
    prompt = page.locator("#feedback-prompt")
    expect(prompt).to_be_visible()
    screenshot(page, "phone-feedback")
    prompt.get_by_label(re.compile("4")).check()
    prompt.get_by_role("button", name="Lähetä palaute").click()
    expect(prompt.locator("#prompt-thanks")).to_be_focused()
    expect(prompt.locator("#prompt-thanks")).to_contain_text("Kiitos")
    assert page.locator("#prompt-thanks").bounding_box()["y"] < 640


def test_a_host_on_the_themes_page_is_told_that_a_vote_opened(live_server, cafe, new_context):
    cafe, desk = cafe
    page = join_cafe(new_context, live_server, cafe, "Aino", 0)
    me = next(p for p in desk.snapshot()["participants"] if p["name"] == "Aino")
    desk.do("table:host", {"table_id": cafe["tables"][0], "participant_id": me["id"]})
    page.goto(f"{live_server.url}/w/{cafe['code']}/themes")
    expect(page.locator("#status")).to_have_attribute("data-state", "connected")
    desk.do("ballot:open", {"scope": "notes", "dots": 3})
    expect(page.locator("#vote-notice")).to_be_visible()
    expect(page.locator("#vote-notice a")).to_have_attribute("href", f"/w/{cafe['code']}")


BROKEN_WITHOUT_HYPHEN = """() => {
  const bad = [];
  const walker = document.createTreeWalker(document.getElementById('notes'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.textContent;
    let lastTop = null;
    for (let i = 0; i < text.length; i++) {
      if (/\\s/.test(text[i])) { lastTop = null; continue; }
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      // After a soft hyphen the next letter also reports the hyphen drawn at the line's end:
      // its last box is where the letter is.
      const rect = [...range.getClientRects()].filter((r) => r.height > 0).at(-1);
      if (!rect) continue;
      if (lastTop !== null && rect.top > lastTop + 2 && text[i - 1] !== '\\u00ad') bad.push(text.slice(Math.max(0, i - 8), i + 3));
      lastTop = rect.top;
    }
  }
  return {bad, hyphens: getComputedStyle(document.querySelector('#notes .note-text')).hyphens,
          lang: document.documentElement.lang};
}"""


@pytest.mark.parametrize("locale, lang", [("fi-FI", "fi"), ("sv-FI", "sv")])
def test_long_words_break_with_a_hyphen(live_server, cafe, new_context, locale, lang):
    cafe, desk = cafe
    page = new_context(PHONE, has_touch=True, is_mobile=True, locale=locale).new_page()
    page.goto(f"{live_server.url}/lang/{lang}?next=/w/{cafe['code']}/t/{cafe['tables'][0]}")
    page.locator("#name").fill("Aino")
    page.locator("#join-button").click()
    expect(page.locator("#status")).to_have_attribute("data-state", "connected")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    page.wait_for_timeout(300)  # the notes refit on the next frame
    page.locator("#notes .note").first.scroll_into_view_if_needed()
    screenshot(page, f"phone-long-words-{lang}")
    result = page.evaluate(BROKEN_WITHOUT_HYPHEN)
    assert result["lang"] == lang and result["hyphens"] == "auto"
    assert result["bad"] == [], f"words broken without a hyphen: {result['bad']}"


def test_a_vote_on_all_notes_lists_every_table_and_says_when_dots_run_out(live_server, cafe, new_context):
    cafe, desk = cafe
    page = join_cafe(new_context, live_server, cafe, "Aino", 0)
    desk.do("ballot:open", {"scope": "notes", "dots": 2})
    expect(page.locator("#vote-bar")).to_contain_text("Pisteitä jäljellä: 2")
    other = page.locator("#note-vote")
    expect(other.get_by_role("heading", name="Pöytä 4")).to_be_visible()
    elsewhere = other.locator(".note").filter(has_text="Samarbete mellan").first
    elsewhere.get_by_role("button", name="+ Anna piste").click()
    expect(page.locator("#vote-bar")).to_contain_text("Pisteitä jäljellä: 1")
    elsewhere.get_by_role("button", name="+ Anna piste").click()
    expect(elsewhere.locator(".dot-count")).to_have_text("Pisteesi: 2")
    expect(page.locator("#vote-bar")).to_contain_text("Pisteitä jäljellä: 0")
    expect(page.locator("#vote-bar")).to_contain_text("Ota piste takaisin")
    for button in page.get_by_role("button", name="+ Anna piste").all():
        expect(button).to_be_disabled()
    screenshot(page, "phone-note-vote")
    assert_accessible(page, "phone voting on every table's notes with no dots left")


def test_the_phone_through_every_phase_with_a_long_title(live_server, cafe, new_context):
    cafe, desk = cafe
    page = join_cafe(new_context, live_server, cafe, "Aino", 2)
    steps = [("lobby", "#composer"), ("round", "#composer"), ("move-break", "#move"),
             ("round-2", "#composer"), ("harvest", "#composer"), ("feedback", "#feedback-prompt"),
             ("closed", "#closed")]
    for number, (state, shown) in enumerate(steps):
        if number:
            desk.do("phase:next")
        expect(page.locator(shown)).to_be_visible()
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360, f"{state}: sideways scrolling"
        screenshot(page, f"phone-{state}")
        if state in ("feedback", "closed"):
            assert_accessible(page, f"phone in the {state} phase")
    expect(page.locator("#composer")).to_be_hidden()
