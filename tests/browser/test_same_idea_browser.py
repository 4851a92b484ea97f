"""Three writers at a table say "the same idea" with one tap; the host accepts; the memo counts."""
import time

import pytest
from playwright.sync_api import expect

from tests.support.browser import BOARD, LAPTOP, PHONE, join_at, open_board, screenshot, sign_in

pytestmark = pytest.mark.browser

TEXTS = ["Työllisyyspalveluiden yhteensovittaminen kunnan kanssa",
         "Kunnan työllisyyspalvelut ja TE-palvelut yhteen",
         "Yksi luukku työllisyyspalveluihin"]


def post(phone, text):
    """Write a note on a phone and post it; wait until the server has it."""
    phone.locator("#note-text").fill(text)
    phone.get_by_role("button", name="Lähetä").click()
    expect(phone.locator("#notes .note:not(.pending)", has_text=text)).to_have_count(1)


def make_host(server, name):
    """Make `name` the host of table A."""
    server.run_python(
        "from facilitation.extensions import db\n"
        "from facilitation.models import Participant, Workshop\n"
        "from facilitation.services import tables\n"
        f"w = db.session.get(Workshop, {server.workshop['id']})\n"
        f"host = Participant.query.filter_by(display_name={name!r}).one()\n"
        "tables.set_host(w, w.tables[0].id, host.id)")


def dictionaries_loaded(server):
    """Wait until the server has loaded the lemmatiser's dictionaries (it suggests nothing before)."""
    for _ in range(600):
        if "Condensing dictionaries loaded" in server.read_log():
            return
        time.sleep(0.1)
    raise AssertionError("the dictionaries did not load: " + server.read_log())


def phone_context(new_context):
    """A phone's browser."""
    return new_context(PHONE, has_touch=True, is_mobile=True)


def test_two_writers_link_to_one_idea_and_the_summary_counts_three_mentions(live_server,
                                                                            new_context):
    phones = [join_at(phone_context(new_context), live_server, name, 0)
              for name in ("Aino", "Bertil", "Cecilia")]
    make_host(live_server, "Aino")
    projector = open_board(new_context(BOARD), live_server)
    dictionaries_loaded(live_server)
    post(phones[0], TEXTS[0])
    for phone, text in zip(phones[1:], TEXTS[1:]):
        post(phone, text)
        offer = phone.locator("#same-idea")
        expect(offer).to_contain_text("Onko tämä sama ajatus?")
        expect(offer).to_contain_text(TEXTS[0])
        offer.get_by_role("button", name=f"Sama ajatus kuin ”{TEXTS[0]}”").click()
        expect(offer).to_contain_text("Linkitetty samaksi ajatukseksi")
    screenshot(phones[2], "phone-same-idea")
    # The board shows the idea growing, live.
    chip = projector.locator(".board-table").first.locator(".board-theme")
    expect(chip).to_have_count(1)
    expect(chip).to_contain_text("3 mainintaa")
    # The host finds one suggested theme of three mentions and accepts it with one tap.
    host = phones[0]
    host.goto(f"{live_server.url}/w/{live_server.workshop['code']}/themes")
    expect(host.locator("#status")).to_have_attribute("data-state", "connected")
    card = host.locator(".theme-card.is-suggested")
    expect(card).to_have_count(1)
    expect(card.locator(".theme-count")).to_contain_text("3 mainintaa")
    card.locator('[data-key^="accept-"]').click()
    expect(host.locator(".theme-card.is-suggested")).to_have_count(0)
    screenshot(host, "phone-host-same-idea")
    label = host.locator(".theme-card:not(.unthemed) .theme-label").first.inner_text()
    laptop = new_context(LAPTOP).new_page()
    sign_in(laptop, live_server)
    laptop.goto(f"{live_server.url}/console/{live_server.workshop['id']}/summary")
    expect(laptop.locator("#preview")).to_contain_text(f"{label} – kolme (3) mainintaa")
