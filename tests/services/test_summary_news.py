"""A hand-edited summary is told what arrived since the edit, and takes it in on request."""
from facilitation.extensions import db
from facilitation.models import Feedback, Participant
from facilitation.services import summaries, summary_news
from tests.support.meeting import run_workshop


def test_consents_and_feedback_after_an_edit_are_shown_and_inserted_keeping_the_edit(
        app, facilitator):
    with app.app_context():
        w = run_workshop(facilitator["id"])
        generated = summaries.current_summary(w).markdown
        edited = generated.replace(
            "## Sovitut toimenpiteet",
            "Fasilitaattorin huomio: opinnollistaminen kiinnosti kaikkia.\n\n"
            "## Sovitut toimenpiteet")
        summaries.save_summary(w, edited)
        assert summary_news.news_since_edit(w) == {"added": [], "removed": []}

        liisa = db.session.query(Participant).filter_by(display_name="Liisa").one()
        liisa.contact_consent = True  # Liisa agrees to the contact list after the edit
        db.session.add(Feedback(workshop_id=w.id, respondent="myöhäinen", rating=4,
                                takeaway="Työllisyyspalveluiden yhteensovittaminen", wishes=""))
        db.session.commit()
        # The stored text is the facilitator's, and it misses both until asked.
        assert "Liisa" not in summaries.current_summary(w).markdown
        news = summary_news.news_since_edit(w)
        assert "Liisa, Gradia, liisa@example.fi" in news["added"]
        assert "Työllisyyspalveluiden yhteensovittaminen" in news["added"]
        assert "Vastauksia: 4" in news["added"] and "Vastauksia: 3" in news["removed"]

        merged = summary_news.insert_news(w).markdown
        assert "Fasilitaattorin huomio: opinnollistaminen kiinnosti kaikkia." in merged
        assert "- Liisa, Gradia, liisa@example.fi" in merged
        assert "- Vastauksia: 4" in merged and "- Vastauksia: 3" not in merged
        contacts = merged.split("## Yhteystiedot", 1)[1].split("##", 1)[0]
        assert "Liisa" in contacts and "Maija Meikäläinen" in contacts
        assert summary_news.news_since_edit(w) == {"added": [], "removed": []}
        assert summaries.summary_of(w).edited


def test_the_summary_page_shows_the_news_and_inserts_them(app, signed_in, workshop):
    base = f"/console/{workshop['id']}"
    signed_in.get(base + "/summary")
    signed_in.post(base + "/summary", data={"markdown": "# Oma kooste\n\nMuokattu käsin.\n"})
    assert "Uutta muokkauksesi jälkeen" not in signed_in.get(base + "/summary").get_data(
        as_text=True)
    with app.app_context():
        db.session.add(Feedback(workshop_id=workshop["id"], respondent="r", rating=3,
                                takeaway="Åbo & opinnollistaminen", wishes=""))
        db.session.commit()
    page = signed_in.get(base + "/summary").get_data(as_text=True)
    assert "Uutta muokkauksesi jälkeen" in page and "Åbo &amp; opinnollistaminen" in page
    inserted = signed_in.post(base + "/summary/insert-news")
    assert inserted.status_code == 302
    text = signed_in.get(base + "/summary.md").get_data(as_text=True)
    assert text.startswith("# Oma kooste\n\nMuokattu käsin.\n") and "opinnollistaminen" in text
