"""Plans in and out: shipped plans open into workshops, and workshops save back as plans."""
import logging

import pytest

from facilitation.models import Workshop
from facilitation.plans import PlanError, dump_plan, load_plan, parse_plan
from facilitation.services import plan_io
from tests.support.cafe import ROOT

SHIPPED = sorted(path.name for path in (ROOT / "sessions").glob("*.md")
                 if path.name != "README.md")


def test_the_shipped_plans_are_listed_by_file_name_without_the_readme():
    listing = plan_io.shipped_plans()
    assert [plan["file"] for plan in listing] == SHIPPED
    kainuu = next(plan for plan in listing if plan["file"] == "hankekahvi-kainuu.md")
    assert kainuu["title"].startswith("Hankekahvi") and kainuu["topics"] == 6


def test_a_plan_that_fails_to_parse_is_left_out_of_the_listing_and_logged(tmp_path, caplog):
    files = {"README.md": "# Plans\n",
             "b-rikki.md": "---\ntitle: Rikki\nmode: rotate\n---\n\n## A\n",
             "a-hyva.md": "---\ntitle: Hyvä\ndate: 2026-05-15\n---\n\n## A\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        listing = plan_io.shipped_plans(tmp_path)
    assert [(p["file"], str(p["date"]), p["topics"]) for p in listing] == [
        ("a-hyva.md", "2026-05-15", 1)]
    assert "b-rikki.md" in caplog.text and "line 3" in caplog.text


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_plan_opens_into_a_workshop_as_planned(app, facilitator, name):
    plan = load_plan(ROOT / "sessions" / name)
    with app.app_context():
        workshop = plan_io.open_plan(facilitator["id"], plan)
        assert workshop.title == plan["title"] and workshop.facilitator_id == facilitator["id"]
        assert (workshop.mode, workshop.rounds, workshop.round_minutes,
                workshop.break_minutes, workshop.language) == (
            plan["mode"], plan["rounds"], plan["minutes"], plan["break_minutes"],
            plan["language"])
        assert [{"name": t.name, "remote": t.remote, "video_url": t.video_url}
                for t in workshop.tables] == plan["tables"]
        assert [{"title": t.title, "description": t.description, "prompts": t.prompts}
                for t in workshop.topics] == plan["topics"]
        # Table i gets topic i, cycling when there are more tables than topics.
        assert [t.topic.title for t in workshop.tables] == [
            plan["topics"][i % len(plan["topics"])]["title"] for i in range(len(plan["tables"]))]


@pytest.mark.parametrize("name", SHIPPED)
def test_a_workshop_saved_as_a_plan_reads_back_as_the_plan_it_came_from(app, facilitator, name):
    plan = load_plan(ROOT / "sessions" / name)
    with app.app_context():
        saved = plan_io.plan_of(plan_io.open_plan(facilitator["id"], plan))
    assert parse_plan(dump_plan(saved)) == saved == plan


def test_a_saved_plan_opens_again_into_the_same_workshop(app, facilitator):
    plan = parse_plan("---\ntitle: Kainuun hankekahvi\ndate: 2026-12-03\nplace: Kajaani\n"
                      "language: en\nmode: topics\nrounds: 4\nminutes: 15\nbreak_minutes: 0\n"
                      "tables:\n  - Sali\n  - Etä | https://meet.example.fi/k\n---\n\n"
                      "## Osallisuus\n\nMitä se on?\n\n- Mikä toimii?\n\n## Tasa-arvo\n")
    with app.app_context():
        first = plan_io.open_plan(facilitator["id"], plan)
        again = plan_io.open_plan(facilitator["id"], parse_plan(dump_plan(plan_io.plan_of(first))))
        assert again.id != first.id and again.code != first.code
        assert plan_io.plan_of(again) == plan_io.plan_of(first)
        assert str(again.date) == "2026-12-03" and again.place == "Kajaani"
        assert again.topics[0].description == "Mitä se on?"
        assert again.topics[0].prompts == ["Mikä toimii?"]


def test_an_upload_that_is_not_utf8_is_refused_with_its_line(app, facilitator):
    with app.app_context(), pytest.raises(PlanError) as refused:
        plan_io.open_plan_bytes(facilitator["id"], "---\ntitle: Työ\n".encode("latin-1"), "x.md")
    assert str(refused.value).startswith("x.md, line 2: ")


def test_a_table_name_with_a_bar_still_saves_as_a_plan_that_reads(app, facilitator):
    from facilitation.services.workshops import create_workshop
    with app.app_context():
        workshop = create_workshop(facilitator["id"], "Kahvila", [{"name": "A | B"}],
                                   [{"title": "Aihe", "prompts": []}])
        saved = plan_io.plan_of(workshop)
    assert parse_plan(dump_plan(saved))["tables"][0]["name"] == "A / B"


@pytest.mark.parametrize("title, file_name", [
    ("Kainuun hankekahvi", "kainuun-hankekahvi.md"),
    ("Hankekahvi – työllisyydenhoidon ajankohtaiset teemat",
     "hankekahvi-tyollisyydenhoidon-ajankohtaiset-teemat.md"),
    ("Åbo: Möte 2026!", "abo-mote-2026.md"),
    ("Кофе", "workshop.md"),
])
def test_a_plan_file_is_named_after_the_title_in_ascii(title, file_name):
    assert plan_io.plan_file_name(Workshop(title=title)) == file_name


def test_the_next_meeting_goes_from_a_plan_into_the_workshop_and_back(app, facilitator):
    plan = parse_plan("---\ntitle: Hankekahvi\nnext_meeting: Syyskuussa Kajaanissa\n---\n\n"
                      "## Osallisuus\n")
    assert plan["next_meeting"] == "Syyskuussa Kajaanissa"
    with app.app_context():
        workshop = plan_io.open_plan(facilitator["id"], plan)
        assert workshop.next_meeting == "Syyskuussa Kajaanissa"
        saved = plan_io.plan_of(workshop)
    assert "\nnext_meeting: Syyskuussa Kajaanissa\n" in dump_plan(saved)
    assert parse_plan(dump_plan(saved)) == saved == plan


def test_a_plan_without_a_next_meeting_opens_with_none_and_saves_without_the_key(app, facilitator):
    with app.app_context():
        workshop = plan_io.open_plan_text(facilitator["id"], "---\ntitle: Kahvila\n---\n\n## A\n")
        assert workshop.next_meeting == ""
        assert "next_meeting" not in plan_io.plan_of(workshop)
        assert "next_meeting" not in dump_plan(plan_io.plan_of(workshop))


def test_a_next_meeting_longer_than_200_characters_is_refused_with_its_line():
    with pytest.raises(PlanError) as refused:
        parse_plan("---\ntitle: Kahvila\nnext_meeting: " + "x" * 201 + "\n---\n\n## A\n", "x.md")
    assert str(refused.value) == ("x.md, line 3: the next meeting is too long "
                                  "(201 characters; at most 200)")
