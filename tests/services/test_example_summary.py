"""The example summary in docs/: a Kainuu project coffee run through the app, as read."""
import re

import pytest

from facilitation.plans import load_plan
from scripts.example_summary import NEXT_MEETING, OUTPUT, PEOPLE, PLAN, build_summary


@pytest.fixture(scope="module")
def memo(tmp_path_factory):
    """The summary the script writes, made afresh in a temporary folder."""
    return build_summary(tmp_path_factory.mktemp("example"))


def section(memo, heading):
    """The text under a `## ` heading, up to the next one."""
    return memo.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0].strip()


def test_it_opens_with_the_title_the_date_and_the_place(memo):
    assert memo.startswith("# Hankekahvi – työllisyydenhoidon ajankohtaiset teemat\n\n"
                           "12.11.2026, Kajaani\n\n## ")


def test_every_topic_of_the_plan_has_its_questions_themes_crystallisation_and_votes(memo):
    for number, topic in enumerate(load_plan(PLAN)["topics"], start=1):
        text = section(memo, topic["title"])
        headings = [line for line in text.splitlines() if line.startswith("### ")]
        assert headings[:3] == ["### Kysymykset", "### Teemat", "### Kiteytykset"]
        assert set(headings[3:]) <= {"### Eniten ääniä saaneet laput",
                                     "### Eniten ääniä saaneet teemat"} and headings[3:]
        assert f"- {topic['prompts'][0]}" in text
        assert f"\n- **Pöytä {number}:** " in text
        assert re.search(r"^- .+ – \d+ ääntä$", text, re.MULTILINE)


def test_themes_read_as_memo_lines_with_their_mentions_in_words_and_numbers(memo):
    assert ("- osaamisen tunnistaminen ja näkyväksi tekeminen – viisi (5) mainintaa\n"
            "    - Osaamisen tunnistaminen työtoiminnassa\n") in memo
    assert "- matalan kynnyksen palvelut – kolme (3) mainintaa" in memo
    # A note in no theme is a single mention of its own.
    assert "- Velkaneuvonta – yksi (1) maininta" in memo
    counted = re.findall(r"^- .+ – (\w+) \((\d+)\) mainint", memo, re.MULTILINE)
    assert len(counted) > 30 and {"kaksi", "kolme", "neljä", "viisi"} <= {w for w, _ in counted}


def test_the_agreed_actions_have_owners_due_dates_and_topics(memo):
    actions = section(memo, "Sovitut toimenpiteet").splitlines()
    assert len(actions) == 3
    assert actions[0] == ("- Käynnistetään opinnollistamisen kokeilu kolmessa "
                          "työtoimintayksikössä (vastuu: Kainuun ammattiopisto ja Kainuun "
                          "työllisyysalue; määräaika: 31.1.2027; aihe: Työn opinnollistaminen)")
    assert all("(vastuu: " in line and "; määräaika: " in line for line in actions)


def test_attendance_counts_everyone_in_the_room_and_by_organisation_type(memo):
    attendance = section(memo, "Osallistujat")
    assert attendance.startswith("- Paikan päällä: 20\n- Etänä: 0\n- Yhteensä: 20\n")
    by_type = attendance.split("### Organisaatiotyypeittäin", 1)[1]
    assert "- Kunta tai työllisyysalue: 6" in by_type
    assert sum(int(n) for n in re.findall(r": (\d+)$", by_type, re.MULTILINE)) == len(PEOPLE)


def test_the_feedback_figures_and_texts_of_the_ten_who_answered(memo):
    answers = section(memo, "Palaute")
    assert answers.startswith("- Vastauksia: 10\n- Keskiarvo: 3,5 / 4\n"
                              "- Jakauma: heikko 0, tyydyttävä 1, hyvä 3, kiitettävä 6\n")
    assert "### Tärkein anti\n\n- Opinnollistamisen kokeiluun löytyi kumppanit" in answers
    assert "### Toiveet seuraavaan kertaan\n\n- Enemmän aikaa keskustelulle" in answers


def test_the_contact_list_has_only_the_people_who_agreed_to_it(memo):
    agreed = sorted((p for p in PEOPLE if p[5]), key=lambda p: p[0])
    assert section(memo, "Yhteystiedot").splitlines() == [
        f"- {name}, {organisation}, {email}" for name, organisation, _, _, email, _ in agreed]
    # An address given for the summary by email alone stays out of the memo.
    for name, _organisation, _, _, email, listed in PEOPLE:
        if not listed:
            assert name not in memo and (email is None or email not in memo)


def test_it_ends_with_the_next_meeting(memo):
    assert memo.endswith(f"\n\n## Seuraava tapaaminen\n\n{NEXT_MEETING}\n")


def test_the_example_in_docs_is_what_the_script_writes_now(memo):
    assert OUTPUT.read_text(encoding="utf-8") == memo, (
        "docs/example-summary.md is out of date: run python scripts/example_summary.py")
