"""The end of the day in the browser: late hosts, closing and reopening, the mail page."""
import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import ARTIFACTS, PHONE, assert_accessible, open_console, screenshot

pytestmark = pytest.mark.browser


def phone_at(server, new_context, name, table_id):
    """A phone that joined at one table through its table link."""
    page = new_context(PHONE, has_touch=True, is_mobile=True).new_page()
    page.goto(f"{server.url}/w/{server.workshop['code']}/t/{table_id}")
    page.get_by_label("Nimesi").fill(name)
    page.get_by_role("button", name="Liity").click()
    expect(page.locator("#table-view")).to_be_visible()
    return page


def test_a_late_arrival_hosts_an_empty_table_and_the_console_shows_it(live_server,
                                                                      new_context):
    tables = live_server.workshop["tables"]
    laptop = open_console(new_context, live_server)
    phone_at(live_server, new_context, "Aino", tables[0])
    laptop.get_by_role("button", name="Aloita kierros 1").click()
    expect(laptop.locator("#phase-label")).to_contain_text("Kierros")
    phone_at(live_server, new_context, "Björn Työllisyyspalveluiden", tables[1])
    table_b = laptop.locator(f'[data-table-id="{tables[1]}"] select')
    expect(table_b.locator("option:checked")).to_have_text("Björn Työllisyyspalveluiden")
    expect(laptop.locator("#participants li", has_text="Björn")).to_contain_text("vetäjä")


def set_state(server, state):
    """Move the live workshop to a phase directly."""
    server.run_python(
        "from facilitation.extensions import db\nfrom facilitation.models import Workshop\n"
        f"db.session.get(Workshop, {server.workshop['id']}).state = '{state}'\n"
        "db.session.commit()")


def test_one_close_button_with_a_confirmation_and_the_facilitator_reopens(live_server,
                                                                          new_context):
    set_state(live_server, "feedback")
    laptop = open_console(new_context, live_server)
    expect(laptop.locator("#phase-label")).to_have_text("Palaute")
    closers = laptop.get_by_role("button", name="Päätä työpaja")
    expect(closers).to_have_count(1)
    asked = []
    laptop.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    closers.click()
    expect(laptop.locator("#phase-label")).to_have_text("Palaute")
    assert asked and "Päätetäänkö" in asked[0], asked
    screenshot(laptop, "console-feedback-phase")
    assert_accessible(laptop, "console in the feedback phase")
    laptop.once("dialog", lambda dialog: dialog.accept())
    closers.click()
    expect(laptop.locator("#phase-label")).to_have_text("Päättynyt")

    visitor = new_context(PHONE, has_touch=True, is_mobile=True).new_page()
    visitor.goto(f"{live_server.url}/w/{live_server.workshop['code']}")
    expect(visitor.locator("#join")).to_contain_text("päättynyt")
    expect(visitor.locator("#join-form")).to_be_hidden()
    screenshot(visitor, "phone-join-closed")
    assert_accessible(visitor, "join page of a closed workshop")

    laptop.once("dialog", lambda dialog: dialog.accept())
    laptop.get_by_role("button", name="Avaa työpaja uudelleen").click()
    expect(laptop.locator("#phase-label")).to_have_text("Palaute")
    screenshot(laptop, "console-reopened")
    assert_accessible(laptop, "console of a closed workshop reopened")
    visitor.reload()
    expect(visitor.locator("#join-form")).to_be_visible()


def test_the_mail_page_follows_the_sending_live_in_helsinki_time(live_server, new_context):
    live_server.run_python(
        "from facilitation.extensions import db\n"
        "from facilitation.models import Workshop\n"
        "from facilitation.services import participants, summaries\n"
        f"w = db.session.get(Workshop, {live_server.workshop['id']})\n"
        "for name in ('Aino', 'Björn', 'Työllisyyspalveluiden Pekka'):\n"
        "    person, _ = participants.join(w, name)\n"
        "    person.email = name.split()[-1].lower().replace('ö', 'o') + '@example.fi'\n"
        "    person.email_consent = True\n"
        "db.session.commit()\n"
        "summaries.current_summary(w)")
    mail_url = f"{live_server.url}/console/{live_server.workshop['id']}/mail"
    watching = open_console(new_context, live_server)
    watching.goto(mail_url)
    expect(watching.locator("#mail-status")).to_have_attribute("data-state", "connected")
    sender = watching.context.new_page()
    sender.goto(mail_url)
    sender.get_by_role("button", name="Lähetä kooste").click()
    # The page left open counts the mails as the worker sends them, without a reload.
    expect(watching.locator('#mail-counts [data-status="sent"]')).to_have_text("3")
    expect(watching.locator("#mail-rows tr")).to_have_count(3)
    assert_accessible(watching, "mail page after a live update")
    watching.reload()
    expect(watching.get_by_text(re.compile(r"Lähetetty viimeksi \d{1,2}\.\d{1,2}\.\d{4} klo "
                                           r"\d{1,2}\.\d{2}\."))).to_be_visible()
    watching.locator("#mail-progress").scroll_into_view_if_needed()
    watching.screenshot(path=str(ARTIFACTS / "console-mail.png"), full_page=True)


def test_the_summary_page_shows_what_came_after_the_edit_and_inserts_it(live_server,
                                                                         new_context):
    live_server.run_python(
        "from facilitation.extensions import db\n"
        "from facilitation.models import Feedback, Workshop\n"
        "from facilitation.services import summaries\n"
        f"w = db.session.get(Workshop, {live_server.workshop['id']})\n"
        "text = summaries.current_summary(w).markdown\n"
        "summaries.save_summary(w, text + '\\nOma huomio: opinnollistaminen kiinnosti.\\n')\n"
        "db.session.add(Feedback(workshop_id=w.id, respondent='r', rating=4,\n"
        "    takeaway='Työllisyyspalveluiden yhteensovittaminen', wishes=''))\n"
        "db.session.commit()")
    laptop = open_console(new_context, live_server)
    laptop.goto(f"{live_server.url}/console/{live_server.workshop['id']}/summary")
    news = laptop.locator("#summary-news")
    expect(news).to_contain_text("Työllisyyspalveluiden yhteensovittaminen")
    assert_accessible(laptop, "summary page with news since the edit")
    news.scroll_into_view_if_needed()
    screenshot(laptop, "summary-news")
    laptop.get_by_role("button", name="Lisää koosteeseen").click()
    expect(laptop.locator("#summary-news")).to_have_count(0)
    source = laptop.locator("textarea").input_value()
    assert "Oma huomio: opinnollistaminen kiinnosti." in source
    assert "Työllisyyspalveluiden yhteensovittaminen" in source
