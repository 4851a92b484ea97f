"""A phone gives feedback and keeps its email consent; the console counts the answers."""
import pytest
from playwright.sync_api import expect

from tests.support.browser import ARTIFACTS, LAPTOP, PHONE, screenshot, sign_in

pytestmark = pytest.mark.browser


def joined_phone(server, new_context, name):
    """A phone-sized page that joined the live workshop."""
    page = new_context(PHONE, has_touch=True, is_mobile=True).new_page()
    page.goto(f"{server.url}/w/{server.workshop['code']}")
    page.locator("#name").fill(name)
    page.locator("#join-form button[type=submit]").click()
    expect(page.locator("#table-view")).to_be_visible()
    return page


def test_a_phone_gives_feedback_and_the_console_counts_it(live_server, new_context):
    live_server.run_python(
        "from facilitation.extensions import db\nfrom facilitation.models import Workshop\n"
        f"db.session.get(Workshop, {live_server.workshop['id']}).state = 'feedback'\n"
        "db.session.commit()")
    phone = joined_phone(live_server, new_context, "Maija")
    phone.goto(f"{live_server.url}/w/{live_server.workshop['code']}/feedback")
    radios = phone.get_by_role("radio")
    expect(radios).to_have_count(4)
    for index in range(4):
        expect(radios.nth(index)).not_to_be_checked()
    expect(phone.locator("#signed")).not_to_be_checked()
    screenshot(phone, "phone-feedback")
    submit = phone.locator("#feedback-form button[type=submit]")
    submit.click()  # no rating yet: the form says so and sends nothing
    expect(phone.locator("#rating-error")).not_to_be_empty()
    radios.nth(3).check()
    expect(phone.locator("#rating-error")).to_be_empty()
    phone.locator("#takeaway").fill("Yhteistyö järjestöjen kanssa – uusia tuttuja Åbosta")
    phone.locator("#wishes").fill("Pidempi kahvitauko")
    submit.click()
    expect(phone.locator("#thanks")).to_be_visible()
    expect(phone.locator("#thanks")).to_be_focused()
    # Asked again, the same phone replaces its answer rather than adding one.
    radios.nth(2).check()
    submit.click()
    expect(phone.locator("#thanks")).to_be_visible()
    screenshot(phone, "phone-feedback-sent")

    laptop = new_context(LAPTOP).new_page()
    sign_in(laptop, live_server)
    laptop.goto(f"{live_server.url}/console/{live_server.workshop['id']}/feedback")
    expect(laptop.locator("#feedback-count")).to_contain_text("1")
    chart = laptop.locator("svg.bar-chart")
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("role", "img")
    expect(chart).to_have_attribute("aria-labelledby", "ratings-title ratings-desc")
    expect(laptop.locator("table.figures tbody tr")).to_have_count(4)
    expect(laptop.locator(".answers")).to_contain_text(["Yhteistyö järjestöjen kanssa"])
    screenshot(laptop, "console-feedback")


def test_a_phone_keeps_its_address_only_with_the_box_ticked(live_server, new_context):
    phone = joined_phone(live_server, new_context, "Pekka")
    phone.goto(f"{live_server.url}/w/{live_server.workshop['code']}/me")
    expect(phone.locator("#me-name")).to_have_text("Pekka")
    expect(phone.locator("#email-consent")).not_to_be_checked()
    expect(phone.locator("#contact-consent")).not_to_be_checked()
    phone.locator("#email").fill("pekka@example.fi")
    phone.locator("#details-form button[type=submit]").click()
    expect(phone.locator("#details-saved")).to_contain_text("ei tallennettu")
    phone.reload()
    expect(phone.locator("#email")).to_have_value("")  # not stored without the box
    phone.locator("#email").fill("pekka@example.fi")
    phone.locator("#email-consent").check()
    phone.locator("#details-form button[type=submit]").click()
    expect(phone.locator("#details-saved")).not_to_be_empty()
    phone.reload()
    expect(phone.locator("#email")).to_have_value("pekka@example.fi")
    expect(phone.locator("#email-consent")).to_be_checked()
    screenshot(phone, "phone-my-details")
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.locator("#erase").click()
    expect(phone.locator("#erased")).to_be_visible()
    assert phone.evaluate(
        f"localStorage.getItem('kahvila:{live_server.workshop['code']}:token')") is None
    out = live_server.run_python(
        "from facilitation.models import Participant\nfrom facilitation.extensions import db\n"
        "print([(p.display_name, p.email) for p in db.session.query(Participant)])")
    assert "Pekka" not in out and "pekka@" not in out


def test_my_details_is_one_form_that_keeps_everything_typed(live_server, new_context):
    phone = joined_phone(live_server, new_context, "Aino Työllisyyspalveluiden")
    phone.goto(f"{live_server.url}/w/{live_server.workshop['code']}/me")
    expect(phone.locator("#me-name")).to_have_text("Aino Työllisyyspalveluiden")
    phone.locator("#email").fill("aino@pääkaupunki.fi")
    phone.locator("#email-consent").check()
    phone.locator("#contact-consent").check()
    saves = phone.get_by_role("button", name="Tallenna")
    expect(saves).to_have_count(1)
    saves.last.click()
    expect(phone.locator("#details-saved")).not_to_be_empty()
    phone.reload()
    expect(phone.locator("#email")).to_have_value("aino@xn--pkaupunki-v2aa.fi")
    expect(phone.locator("#email-consent")).to_be_checked()
    expect(phone.locator("#contact-consent")).to_be_checked()
    phone.screenshot(path=str(ARTIFACTS / "phone-my-details-form.png"), full_page=True)
    from tests.support.browser import assert_accessible
    assert_accessible(phone, "my details after saving")
    # An address with no box ticked is not kept, and the page says so.
    phone.locator("#email-consent").uncheck()
    phone.locator("#contact-consent").uncheck()
    phone.locator("#email").fill("toinen@example.fi")
    saves.click()
    expect(phone.locator("#details-saved")).to_contain_text("ei tallennettu")
    expect(phone.locator("#email")).to_have_value("toinen@example.fi")
