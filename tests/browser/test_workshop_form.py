"""The workshop form: one heading per thing, aligned labels, rows added and removed."""
import pytest
from playwright.sync_api import expect

from tests.support.browser import ARTIFACTS, LAPTOP, assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_rows_are_added_and_removed_by_keyboard_and_the_labels_line_up(live_server,
                                                                       new_context):
    laptop = new_context(LAPTOP).new_page()
    sign_in(laptop, live_server)
    laptop.goto(f"{live_server.url}/console/new")
    # "Kierrokset" names one thing only: not the fieldset and a field in it.
    expect(laptop.get_by_text("Kierrokset", exact=True)).to_have_count(1)
    topic = laptop.locator(".topic-row").first
    tops = [box["y"] for box in (topic.locator("label").nth(i).bounding_box() for i in (0, 1))]
    assert abs(tops[0] - tops[1]) < 2, tops
    expect(laptop.locator(".table-row")).to_have_count(4)
    add_table = laptop.get_by_role("button", name="Lisää pöytä")
    for _ in range(3):
        add_table.focus()
        laptop.keyboard.press("Enter")  # focus moves into the new row's first field
    expect(laptop.locator(".table-row")).to_have_count(7)
    expect(laptop.locator(".table-row").last.locator("input").first).to_be_focused()
    laptop.locator(".table-row").last.locator("input").first.fill("Työllisyyspalveluiden pöytä")
    laptop.get_by_role("button", name="Poista pöytä 2").click()
    expect(laptop.locator(".table-row")).to_have_count(6)
    laptop.get_by_role("button", name="Lisää aihe").click()
    rows = laptop.locator(".topic-row")
    for index, title in enumerate(["Osallisuus", "Opinnollistaminen", "Tasa-arvo", "Hyvinvointi",
                                   "Etätyö"]):
        rows.nth(index).locator("input").fill(title)
    assert_accessible(laptop, "workshop form with added rows")
    laptop.screenshot(path=str(ARTIFACTS / "console-workshop-form.png"), full_page=True)
    laptop.get_by_label("Otsikko").fill("Työllisyyspalveluiden yhteensovittaminen Kainuussa")
    laptop.get_by_role("button", name="Luo työpaja").click()
    expect(laptop.get_by_text("Työpaja luotu.")).to_be_visible()
    # Tables 1, 3, 4 and the one typed into an added row; the empty rows are skipped.
    expect(laptop.locator("#tables .console-table h3")).to_have_text([
        "Pöytä 1 – Osallisuus", "Pöytä 3 – Opinnollistaminen", "Pöytä 4 – Tasa-arvo",
        "Työllisyyspalveluiden pöytä – Hyvinvointi"])
