"""A phone whose participant was removed says the session ended, not "reconnecting…"."""
import pytest
from playwright.sync_api import expect

from tests.support.browser import PHONE, screenshot

pytestmark = pytest.mark.browser


def test_a_removed_participant_reloading_the_phone_is_told_the_session_ended(
        live_server, new_context):
    phone = new_context(PHONE, has_touch=True, is_mobile=True).new_page()
    phone.goto(f"{live_server.url}/w/{live_server.workshop['code']}")
    phone.get_by_label("Nimesi").fill("Työllisyyspalveluiden yhteensovittaja")
    phone.get_by_text("Pöytä A").click()
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator("#table-name")).to_have_text("Pöytä A")
    # Removed while the phone was away: it learns of it only when it connects again.
    live_server.run_python(
        "from datetime import datetime, timezone\n"
        "from facilitation.extensions import db\n"
        "from facilitation.models import Participant\n"
        "for p in db.session.query(Participant).all():\n"
        "    p.removed_at = datetime.now(timezone.utc)\n"
        "db.session.commit()")
    phone.reload()
    expect(phone.locator("#join-error")).to_have_text(
        "Et ole enää mukana tässä työpajassa. Liity uudelleen koodilla.")
    expect(phone.locator("#join")).to_be_visible()
    assert phone.evaluate("Object.keys(localStorage).filter(k => k.endsWith(':token'))") == []
    screenshot(phone, "phone-session-ended")


def test_the_summary_document_wraps_a_280_letter_word(live_server, new_context):
    page = new_context({"width": 360, "height": 640}).new_page()
    word = "Työllisyyspalveluidenyhteensovittaminen" * 7
    out = live_server.run_python(
        "from facilitation.models import Workshop\n"
        "from facilitation.services import summaries\n"
        f"w = db.session.get(Workshop, {live_server.workshop['id']})\n"
        f"print(summaries.html_document(w, '# Kooste\\n\\n{word}\\n'))".replace(
            "from facilitation.models", "from facilitation.extensions import db\nfrom facilitation.models"))
    page.set_content(out)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
