"""A table's host groups notes into themes on the phone; the board shows them and their dots."""
import pytest
from playwright.sync_api import expect

from tests.support.browser import (
    BOARD,
    LAPTOP,
    PHONE,
    assert_accessible,
    join_at,
    open_board,
    screenshot,
    sign_in,
)

pytestmark = pytest.mark.browser

NOTES = ["Yhteistyötä tulevissa hankkeissa", "Hankkeiden yhteistyö tiiviimmäksi",
         "Yhteiset tapahtumat", "Kesäleiri nuorille"]


def seat_host_and_notes(server, host_name):
    """Make `host_name` the host of table A, where another person wrote NOTES; their ids."""
    out = server.run_python(
        "from facilitation.extensions import db\n"
        "from facilitation.models import Participant, Workshop\n"
        "from facilitation.services import notes, participants, tables\n"
        f"w = db.session.get(Workshop, {server.workshop['id']})\n"
        f"host = Participant.query.filter_by(display_name={host_name!r}).one()\n"
        "tables.set_host(w, w.tables[0].id, host.id)\n"
        "p, _ = participants.join(w, 'Maija', 'Esimerkki ry', 'ngo', w.tables[0].id)\n"
        f"print(*[notes.add_note(p, f'c{{i}}', t)[0].id for i, t in enumerate({NOTES!r})])")
    return [int(x) for x in out.split()]


def test_a_host_groups_notes_on_the_phone_and_the_board_shows_the_theme(live_server, new_context):
    phone = join_at(new_context(PHONE, has_touch=True, is_mobile=True), live_server, "Aino", 0)
    seat_host_and_notes(live_server, "Aino")
    projector = open_board(new_context(BOARD), live_server)
    phone.reload()
    expect(phone.locator("#host-panel")).to_be_visible()
    phone.get_by_role("link", name="Ryhmittele laput teemoiksi").click()
    expect(phone.get_by_role("heading", name="Pöytäsi teemat")).to_be_visible()
    expect(phone.locator("#status")).to_have_attribute("data-state", "connected")
    for text in NOTES[:2]:
        phone.get_by_label(text).check()
    phone.locator('[data-key^="name-"]').fill("Yhteistyö hankkeissa")
    phone.locator('[data-key^="create-"]').click()
    expect(phone.locator("#announce")).to_contain_text("Yhteistyö hankkeissa")
    chip = projector.locator(".board-table").first.locator(".board-theme")
    expect(chip).to_have_count(1)
    expect(chip).to_contain_text("Yhteistyö hankkeissa")
    expect(chip).to_contain_text("2 mainintaa")
    # Rename on the phone: the board follows.
    phone.locator('[data-key^="rename-open-"]').click()
    phone.locator('[data-key^="rename-"]:not([data-key^="rename-open-"])').fill("Hankeyhteistyö")
    phone.locator('[data-key^="save-"]').click()
    expect(chip).to_contain_text("Hankeyhteistyö")
    expect(projector.locator(".board-table").nth(1).locator(".board-theme")).to_have_count(0)
    assert_accessible(phone, "host themes page on a phone")
    screenshot(phone, "phone-host-themes")
    screenshot(projector, "board-themes")


def test_someone_who_does_not_host_is_told_so_on_the_themes_page(live_server, new_context):
    phone = join_at(new_context(PHONE), live_server, "Veikko", 1)
    phone.goto(f"{live_server.url}/w/{live_server.workshop['code']}/themes")
    expect(phone.locator("#theme-error")).to_have_text("Sinulla ei ole oikeutta tähän.")
    expect(phone.locator('input[type="checkbox"]')).to_have_count(0)


def test_dots_on_one_topics_themes_given_on_a_phone_show_on_the_board(live_server, new_context):
    phone = join_at(new_context(PHONE, has_touch=True, is_mobile=True), live_server, "Aino", 0)
    ids = seat_host_and_notes(live_server, "Aino")
    live_server.run_python(
        "from facilitation.extensions import db\n"
        "from facilitation.models import Workshop\n"
        "from facilitation.services import themes\n"
        "from facilitation.services.actors import Actor\n"
        f"w = db.session.get(Workshop, {live_server.workshop['id']})\n"
        f"themes.create_theme(Actor.for_console(w), 'Yhteistyö hankkeissa', table_id=w.tables[0].id, note_ids={ids[:2]})\n"
        f"themes.create_theme(Actor.for_console(w), 'Tapahtumat', topic_id=w.topics[0].id, note_ids={ids[2:3]})\n"
        "themes.create_theme(Actor.for_console(w), 'Toisen aiheen teema', topic_id=w.topics[1].id)")
    projector = open_board(new_context(BOARD), live_server)
    laptop = new_context(LAPTOP).new_page()
    sign_in(laptop, live_server)
    laptop.goto(f"{live_server.url}/console/{live_server.workshop['id']}")
    expect(laptop.locator("#status")).to_have_attribute("data-state", "connected")
    laptop.get_by_label("Kohde").select_option(label="Teemat: Osallisuus")
    laptop.get_by_role("button", name="Avaa äänestys").click()
    vote = phone.locator("#theme-vote")
    expect(vote.get_by_role("heading", name="Äänestä teemoista")).to_be_visible()
    expect(vote.locator(".theme-vote-item")).to_have_count(2)
    first = vote.locator(".theme-vote-item", has_text="Yhteistyö hankkeissa")
    expect(first).to_contain_text("2 mainintaa")
    first.get_by_role("button", name="+ Anna piste").click()
    first.get_by_role("button", name="+ Anna piste").click()
    vote.locator(".theme-vote-item", has_text="Tapahtumat").get_by_role("button", name="+ Anna piste").click()
    expect(phone.locator("#vote-bar")).to_contain_text("Pisteitä jäljellä: 0")
    board_vote = projector.locator("#theme-vote")
    expect(board_vote).to_be_visible()
    expect(board_vote.get_by_role("heading")).to_have_text("Teemat: Osallisuus")
    expect(projector.locator("#tables")).to_be_hidden()
    expect(board_vote.locator(".board-theme").first).to_contain_text("Yhteistyö hankkeissa")
    expect(board_vote.locator(".board-theme").first.locator(".dots")).to_have_text("● 2")
    expect(board_vote.locator(".board-theme").nth(1).locator(".dots")).to_have_text("● 1")
    first.get_by_role("button", name="− Ota piste takaisin").click()
    expect(board_vote.locator(".board-theme .dots").first).to_have_text("● 1")
    assert_accessible(phone, "vote on themes on a phone")
    assert_accessible(projector, "the board during a vote on themes")
    screenshot(phone, "phone-theme-vote")
    screenshot(projector, "board-theme-vote")
    # Closed, the results stay on the board until Escape brings the tables back.
    laptop.get_by_role("button", name="Sulje äänestys").click()
    expect(projector.locator("#board-notice")).to_be_hidden()
    expect(board_vote.locator(".board-theme .dots").first).to_have_text("● 1")
    projector.keyboard.press("Escape")
    expect(board_vote).to_be_hidden()
    expect(projector.locator("#tables")).to_be_visible()
