"""Workshop plans: parsing, errors that name their line, writing back."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitation.plans import PlanError, dump_plan, load_plan, parse_plan

SESSIONS = Path(__file__).resolve().parents[2] / "sessions"
SHIPPED = sorted(path for path in SESSIONS.glob("*.md") if path.name != "README.md")

MINIMAL = """\
---
title: Verkostotapaaminen
---

## Yhteistyö

- Missä teemme päällekkäistä työtä?
"""


def plan_text(front="", body="## Yhteistyö\n\n- Mitä sovimme?\n"):
    """Return a plan with a title, extra front-matter lines and a body."""
    return f"---\ntitle: Testi\n{front}---\n\n{body}"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_every_shipped_plan_parses_and_writes_back_unchanged(path):
    plan = load_plan(path)
    assert plan["title"] and plan["topics"]
    assert all(topic["prompts"] for topic in plan["topics"])
    assert parse_plan(dump_plan(plan)) == plan


def test_the_shipped_plans_are_the_three_events():
    assert {path.name for path in SHIPPED} >= {
        "hankekahvi-kainuu.md", "verkoston-aloitustyopaja.md",
        "alueellinen-verkostotapaaminen.md"}


def test_the_kainuu_project_coffee_has_six_themes_at_six_tables():
    plan = load_plan(SESSIONS / "hankekahvi-kainuu.md")
    titles = [topic["title"].lower() for topic in plan["topics"]]
    assert titles == ["työn opinnollistaminen", "tasa-arvo ja yhdenvertaisuus",
                      "kasvupalvelut ja maakuntauudistus",
                      "sosiaalinen kuntoutus ja kuntouttava työtoiminta", "osallisuus",
                      "huono-osaisuus ja hyvinvointi"]
    assert len(plan["tables"]) == 6 and plan["mode"] == "people"
    assert all(len(topic["prompts"]) >= 3 for topic in plan["topics"])


def test_the_regional_meeting_has_one_remote_table_with_its_video_link():
    plan = load_plan(SESSIONS / "alueellinen-verkostotapaaminen.md")
    remote = [table for table in plan["tables"] if table["remote"]]
    assert len(remote) == 1
    assert remote[0]["video_url"].startswith("https://")


def test_the_readme_example_is_a_valid_plan():
    readme = (SESSIONS / "README.md").read_text(encoding="utf-8")
    example = readme.split("```markdown\n")[1].split("```")[0]
    assert parse_plan(example)["tables"][2]["remote"] is True


def test_a_minimal_plan_gets_the_defaults():
    plan = parse_plan(MINIMAL)
    assert plan == {
        "title": "Verkostotapaaminen", "date": None, "place": None, "language": "fi",
        "mode": "people", "rounds": 3, "minutes": 20, "break_minutes": 5,
        "tables": [{"name": "Pöytä 1", "remote": False, "video_url": None}],
        "topics": [{"title": "Yhteistyö", "description": "",
                    "prompts": ["Missä teemme päällekkäistä työtä?"]}]}


def test_tables_default_to_one_a_topic_named_in_the_plan_language():
    body = "".join(f"## Aihe {n}\n- Kysymys?\n" for n in range(1, 4))
    plan = parse_plan(plan_text("language: sv\n", body))
    assert [table["name"] for table in plan["tables"]] == ["Bord 1", "Bord 2", "Bord 3"]


def test_a_table_count_gives_numbered_tables():
    plan = parse_plan(plan_text("language: en\ntables: 5\n"))
    assert [table["name"] for table in plan["tables"]][-1] == "Table 5"


def test_every_front_matter_key_is_read():
    front = ('date: 2026-05-15\nplace: "Kaupungintalo: sali 2"\nlanguage: EN\n'
             "mode: topics\nrounds: 4\nminutes: 15\nbreak_minutes: 0\n"
             "# a comment\ntables:\n  - Ikkunapöytä\n  - Etä | remote | https://x.fi/a?b=1\n"
             "  - Puhelin | etä\n")
    plan = parse_plan(plan_text(front))
    assert (plan["date"], plan["place"], plan["language"], plan["mode"]) == (
        "2026-05-15", "Kaupungintalo: sali 2", "en", "topics")
    assert (plan["rounds"], plan["minutes"], plan["break_minutes"]) == (4, 15, 0)
    assert plan["tables"] == [
        {"name": "Ikkunapöytä", "remote": False, "video_url": None},
        {"name": "Etä", "remote": True, "video_url": "https://x.fi/a?b=1"},
        {"name": "Puhelin", "remote": True, "video_url": None}]


def test_a_description_and_a_continued_prompt_are_read():
    body = ("## Osallisuus\n\nMitä osallisuus on?\nKenelle?\n\nToinen kappale.\n\n"
            "- Miten asiakas\n  pääsee mukaan?\n\n* Mikä auttaa?\n")
    topic = parse_plan(plan_text(body=body))["topics"][0]
    assert topic == {"title": "Osallisuus",
                     "description": "Mitä osallisuus on? Kenelle?\n\nToinen kappale.",
                     "prompts": ["Miten asiakas pääsee mukaan?", "Mikä auttaa?"]}


def test_windows_line_endings_and_a_byte_order_mark_are_fine():
    assert parse_plan("\ufeff" + MINIMAL.replace("\n", "\r\n")) == parse_plan(MINIMAL)


def test_a_plan_error_names_the_source_and_the_line():
    with pytest.raises(PlanError) as caught:
        parse_plan(plan_text("language: fi\nmode: rotate\n"), source="sessions/x.md")
    assert str(caught.value) == ("sessions/x.md, line 4: unknown mode 'rotate' "
                                 "(use people or topics)")
    assert isinstance(caught.value, ValueError)
    assert (caught.value.line, caught.value.source) == (4, "sessions/x.md")


LONG = "x" * 201

MISTAKES = [
    ("no front matter", "## Aihe\n- Kysymys?\n", 1, "front matter"),
    ("unclosed front matter", "---\ntitle: Testi\n\n## Aihe\n", 1, "not closed"),
    ("no title", "---\nplace: Kajaani\n---\n## Aihe\n", 1, "no title"),
    ("empty title", "---\ntitle:\n---\n## Aihe\n", 2, "no title"),
    ("no topics", "---\ntitle: Testi\n---\n\n", 3, "no topics"),
    ("unknown key", plan_text("room: 5\n"), 3, "unknown key 'room'"),
    ("key twice", plan_text("rounds: 2\nrounds: 3\n"), 4, "given twice (first on line 3)"),
    ("not key: value", plan_text("just words\n"), 3, "expected 'key: value'"),
    ("stray indent", plan_text("  rounds: 3\n"), 3, "unexpected indented line"),
    ("rounds not a number", plan_text("rounds: kolme\n"), 3, "whole number"),
    ("rounds too many", plan_text("rounds: 13\n"), 3, "between 1 and 12"),
    ("rounds zero", plan_text("rounds: 0\n"), 3, "between 1 and 12"),
    ("minutes too long", plan_text("minutes: 181\n"), 3, "between 1 and 180"),
    ("negative break", plan_text("break_minutes: -1\n"), 3, "whole number"),
    ("tables too many", plan_text("tables: 41\n"), 3, "between 1 and 40"),
    ("tables zero", plan_text("tables: 0\n"), 3, "between 1 and 40"),
    ("tables list empty", plan_text("tables:\n"), 3, "no '- Name' lines"),
    ("tables list too long", plan_text("tables:\n" + "".join(f"  - T{n}\n" for n in range(41))),
     44, "too many tables"),
    ("table line without dash", plan_text("tables:\n  Pöytä 1\n"), 4, "a table is written"),
    ("table twice", plan_text("tables:\n  - A\n  - A\n"), 5, "appears twice"),
    ("table without name", plan_text("tables:\n  - | remote\n"), 4, "no name"),
    ("table option unknown", plan_text("tables:\n  - A | outside\n"), 4, "unexpected table"),
    ("javascript video link", plan_text("tables:\n  - A | remote | javascript:alert(1)\n"),
     4, "video link must be"),
    ("ftp video link", plan_text("tables:\n  - A | remote | ftp://x.fi/\n"), 4, "video link"),
    ("hostless video link", plan_text("tables:\n  - A | remote | https://\n"), 4, "video link"),
    ("impossible date", plan_text("date: 2026-02-30\n"), 3, "not a valid date"),
    ("Finnish date", plan_text("date: 15.5.2026\n"), 3, "2026-05-15 for 15.5.2026"),
    ("unknown language", plan_text("language: de\n"), 3, "use fi, sv or en"),
    ("unknown mode", plan_text("mode: rotate\n"), 3, "use people or topics"),
    ("title too long", f"---\ntitle: {LONG}\n---\n## A\n", 2, "title is too long"),
    ("place too long", plan_text(f"place: {LONG}\n"), 3, "place is too long"),
    ("text before topics", plan_text(body="Johdanto\n## Aihe\n"), 5, "before the first topic"),
    ("level one heading", plan_text(body="# Otsikko\n"), 5, "'## Title'"),
    ("level three heading", plan_text(body="## A\n### B\n"), 6, "'## Title'"),
    ("heading without title", plan_text(body="## A\n- K?\n\n##   \n- K?\n"), 8,
     "heading has no title"),
    ("topic twice", plan_text(body="## A\n## A\n"), 6, "appears twice (first on line 5)"),
    ("topic title too long", plan_text(body=f"## {LONG}\n"), 5, "topic is too long"),
    ("empty prompt", plan_text(body="## A\n-\n"), 6, "empty prompt"),
    ("prompt too long", plan_text(body="## A\n\n- " + "k" * 301 + "\n"), 7, "prompt is too long"),
    ("text after prompts", plan_text(body="## A\n- K?\nLoppuhuomio\n"), 7, "after the prompt"),
    ("too many topics", plan_text(body="".join(f"## T{n}\n" for n in range(41))), 45,
     "too many topics"),
]


@pytest.mark.parametrize("text, line, words", [case[1:] for case in MISTAKES],
                         ids=[case[0] for case in MISTAKES])
def test_each_kind_of_mistake_is_reported_on_its_line(text, line, words):
    with pytest.raises(PlanError) as caught:
        parse_plan(text, source="sessions/x.md")
    assert caught.value.line == line, str(caught.value)
    assert words in caught.value.message
    assert str(caught.value).startswith(f"sessions/x.md, line {line}: ")


_ALPHABET = st.characters(codec="utf-8", categories=("L", "N", "P", "S"),
                          exclude_characters="|\u2028\u2029\x85")


def _text(max_size):
    """Return a strategy for one line of text as the parser gives it back: stripped."""
    words = st.text(_ALPHABET, min_size=1, max_size=12)
    return (st.lists(words, min_size=1, max_size=6).map(" ".join)
            .filter(lambda text: len(text) <= max_size))


_TABLE = st.builds(lambda name, remote, url: {
    "name": name, "remote": remote or url is not None, "video_url": url},
    _text(100), st.booleans(),
    st.one_of(st.none(), st.sampled_from(["https://meet.example.fi/kahvila",
                                          "http://example.org/x?y=1#z"])))
_TOPIC = st.fixed_dictionaries({
    "title": _text(200),
    "description": st.lists(_text(300), max_size=3).map("\n\n".join),
    "prompts": st.lists(_text(300), max_size=5)})
_PLAN = st.fixed_dictionaries({
    "title": _text(200),
    "date": st.one_of(st.none(), st.dates().map(lambda day: f"{day:%Y-%m-%d}")
                      .filter(lambda text: len(text) == 10)),
    "place": st.one_of(st.none(), _text(200)),
    "language": st.sampled_from(["fi", "sv", "en"]),
    "mode": st.sampled_from(["people", "topics"]),
    "rounds": st.integers(1, 12), "minutes": st.integers(1, 180),
    "break_minutes": st.integers(0, 60),
    "tables": st.lists(_TABLE, min_size=1, max_size=6, unique_by=lambda t: t["name"]),
    "topics": st.lists(_TOPIC, min_size=1, max_size=4, unique_by=lambda t: t["title"])})


@settings(max_examples=150, deadline=None)
@given(_PLAN)
def test_a_valid_plan_survives_writing_and_reading_back(plan):
    assert parse_plan(dump_plan(plan)) == plan


@pytest.mark.parametrize("tricky", ["- not a prompt", "* nor this", "## not a heading",
                                    "\\ backslash",
                                    '"quoted"', "'half", "# hash"])
def test_text_that_looks_like_markup_survives_writing_and_reading_back(tricky):
    plan = parse_plan(MINIMAL)
    plan["title"] = plan["place"] = tricky
    plan["topics"][0]["description"] = tricky + "\n\n" + tricky
    plan["topics"][0]["prompts"].append(tricky)
    assert parse_plan(dump_plan(plan)) == plan


def test_load_plan_names_the_file_in_its_errors(tmp_path):
    path = tmp_path / "rikki.md"
    path.write_text(plan_text("rounds: 99\n"), encoding="utf-8")
    with pytest.raises(PlanError, match=r"rikki\.md, line 3: rounds must be between"):
        load_plan(path)
