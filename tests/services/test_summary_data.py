"""The summary built from a workshop run through the services: memo lines, figures, contacts."""
from html.parser import HTMLParser

import pytest

from facilitation.extensions import db
from facilitation.models import Participant, Workshop
from facilitation.services import participants, summaries, workshops
from facilitation.services.summary_data import build_summary_data
from facilitation.summary import render_html, write_summary
from tests.support.meeting import post, run_workshop


@pytest.fixture
def memo(app, facilitator):
    """The Markdown summary of the workshop above."""
    with app.app_context():
        return write_summary(build_summary_data(run_workshop(facilitator["id"])))


def test_themes_appear_as_memo_lines_with_their_mention_counts(memo):
    assert "- tuleva yhteistyö hankkeissa – viisi (5) mainintaa" in memo
    assert "- tapahtumien järjestäminen yhdessä – kaksi (2) mainintaa" in memo
    assert "    - Hankkeiden yhteistyö tiiviimmäksi" in memo
    # A note in no theme is a single mention, after the themes.
    assert "- Selkoa rahoittajien ohjaukseen – yksi (1) maininta" in memo
    assert memo.index("viisi (5)") < memo.index("kaksi (2)") < memo.index("Selkoa rahoittajien")


def test_crystallisations_top_votes_and_actions_with_owners_are_in_it(memo):
    assert "- **Pöytä A:** Verkostotyö on ennen kaikkea ihmissuhteita." in memo
    # Note votes and theme votes are separate lists: a dot on a note is not one on a theme.
    notes_top = memo.split("### Eniten ääniä saaneet laput\n", 1)[1].split("##", 1)[0]
    assert notes_top.strip().splitlines()[0] == "- Yhteinen seminaarikalenteri – 3 ääntä"
    assert "tuleva yhteistyö hankkeissa" not in notes_top
    themes_top = memo.split("### Eniten ääniä saaneet teemat\n", 1)[1].split("##", 1)[0]
    assert themes_top.strip().splitlines() == ["- tuleva yhteistyö hankkeissa – 2 ääntä"]
    assert "## Sovitut toimenpiteet\n\n- Kootaan yhteinen seminaarikalenteri (vastuu: Nuorten hanke; " \
           "määräaika: 1.6.2026; aihe: Verkostoyhteistyön tavoitteet)" in memo
    # An action is listed once, as an action, not as a mention.
    assert memo.count("Kootaan yhteinen seminaarikalenteri") == 1


def test_attendance_by_type_in_the_workshops_language_and_the_feedback_figures(memo):
    assert "- Paikan päällä: 3\n- Etänä: 1\n- Yhteensä: 4" in memo
    assert ("- Järjestö tai yhdistys: 1\n- Kunta tai työllisyysalue: 1\n- Oppilaitos: 1\n"
            "- Yritys: 1") in memo
    assert "- Vastauksia: 3\n- Keskiarvo: 2,7 / 4\n" \
           "- Jakauma: heikko 0, tyydyttävä 2, hyvä 0, kiitettävä 1" in memo
    assert "- Uudet kontaktit\n- Tieto hankkeista" in memo
    assert "### Toiveet seuraavaan kertaan\n\n- Lisää esimerkkejä" in memo


def test_the_contact_list_has_only_those_who_agreed(memo):
    contacts = memo.split("## Yhteystiedot", 1)[1]
    assert contacts.strip().splitlines() == ["- Eero Etä, Firma Oy",
                                             "- Maija Meikäläinen, Esimerkki ry, maija@example.fi"]
    assert "liisa@example.fi" not in memo and "Gradia" not in memo


@pytest.mark.parametrize("next_meeting, shown", [
    ("2027-03-04", "4.3.2027"), ("Syyskuussa Kajaanissa", "Syyskuussa Kajaanissa")])
def test_the_next_meeting_closes_the_summary_when_it_is_set(app, facilitator, next_meeting, shown):
    with app.app_context():
        memo = write_summary(build_summary_data(run_workshop(facilitator["id"],
                                                             next_meeting=next_meeting)))
    assert memo.endswith(f"\n\n## Seuraava tapaaminen\n\n{shown}\n")


def test_without_a_next_meeting_the_summary_has_no_such_section(memo):
    assert "Seuraava tapaaminen" not in memo and memo.rstrip().endswith("maija@example.fi")


def test_hidden_and_deleted_notes_never_go_in(memo):
    assert "Piilotettu lappu" not in memo and "Poistettu lappu" not in memo


def test_hostile_note_text_is_escaped_and_the_html_has_no_script(memo):
    assert "&lt;script&gt;" in memo or "&lt;script>" in memo
    assert "\\[klikkaa\\]" in memo
    page = render_html(memo)
    tags = Tags(page)
    assert "script" not in tags.names and tags.links == []
    # What the note said is shown as text, not run.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [klikkaa](javascript:alert(1))" in page


class Tags(HTMLParser):
    """The element names and link targets of an HTML fragment."""

    def __init__(self, page):
        super().__init__()
        self.names, self.links = set(), []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.names.add(tag)
        self.links += [value for name, value in attrs if name in ("href", "src")]


def test_an_english_workshop_names_types_in_english_and_without_feedback_has_no_section(app, facilitator):
    with app.app_context():
        w = workshops.create_workshop(facilitator["id"], "Network café", [{"name": "A"}],
                                      [{"title": "Cooperation"}], language="en")
        participants.join(w, "Ann", "Helpers", "ngo", w.tables[0].id)
        data = build_summary_data(w)
        assert data["attendance"] == {"in_room": 1, "remote": 0, "total": 1,
                                      "by_type": {"NGO or association": 1}}
        assert data["feedback"] is None and data["contacts"] == []
        assert "## Feedback" not in write_summary(data)


def test_a_stored_summary_follows_the_workshop_until_edited_and_then_refuses_to_regenerate(app, facilitator):
    from facilitation.errors import DomainError
    with app.app_context():
        w = run_workshop(facilitator["id"])
        first = summaries.current_summary(w)
        assert first.markdown == first.generated and not first.edited
        person = db.session.query(Participant).filter_by(display_name="Pekka").one()
        post(person, "Myöhemmin tullut ajatus")
        assert "Myöhemmin tullut ajatus" in summaries.current_summary(w).markdown
        summaries.save_summary(w, "# Oma kooste\r\n\r\nMuokattu käsin.")
        assert summaries.summary_of(w).edited and summaries.summary_of(w).markdown == \
            "# Oma kooste\n\nMuokattu käsin.\n"
        assert summaries.current_summary(w).markdown.startswith("# Oma kooste")
        with pytest.raises(DomainError) as refused:
            summaries.regenerate(w)
        assert refused.value.code == "summary_edited"
        db.session.rollback()
        again = summaries.regenerate(w, force=True)
        assert not again.edited and "viisi (5) mainintaa" in again.markdown
        assert db.session.get(Workshop, w.id).id == w.id
