"""Condensing sticky notes into themes: quality on labelled sets, ids, tallies, memo, CLI."""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitation.condense import condense, detect_language, format_markdown
from facilitation.condense.scoring import adjusted_rand_index, exact_count_accuracy, themes_to_labels
from facilitation.summary import count_phrase, escape_markdown

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "tests" / "data" / "condense"
MEMO = OWN / "verkostotapaaminen.jsonl"

TUNED = ["verkostotapaaminen", "opinnollistaminen", "nuorten_tavoittaminen", "samarbete",
         "employers"]
# Written before tuning, read since when the domain thesaurus was written. The floors
# guard against getting worse.
EARLY_FLOORS = {"osallisuus": 0.75, "sosiaalinen_kuntoutus": 0.6}
# Written by someone who never saw the condenser, and never read by whoever tunes it
# (tests/data/condense/HELDOUT.md): the honest measure of generalising.
HELD_OUT = sorted(path.stem for path in OWN.glob("heldout_*.jsonl"))


def load(name):
    """Return the labelled notes of one set of tests/data/condense/."""
    with (OWN / f"{name}.jsonl").open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def ari_of(notes, **options):
    """Condense labelled notes and return the adjusted Rand index against their themes."""
    themes = condense(notes, **options)
    produced = themes_to_labels(themes, [note["id"] for note in notes])
    return adjusted_rand_index([note["theme"] for note in notes], produced)


def run_cli(*args, stdin=None):
    """Run the command line in a subprocess from the repository root."""
    return subprocess.run([sys.executable, "-m", "facilitation.condense", *args], cwd=ROOT,
                          input=stdin, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("name", TUNED)
def test_each_tuned_set_reaches_an_ari_of_at_least_0_7(name):
    assert ari_of(load(name)) >= 0.7


@pytest.mark.parametrize("name", sorted(EARLY_FLOORS))
def test_the_early_sets_keep_their_floor(name):
    assert ari_of(load(name)) >= EARLY_FLOORS[name]


def test_there_are_held_out_sets_in_finnish_and_swedish():
    assert len(HELD_OUT) >= 4
    assert {detect_language(n["text"] for n in load(name)) for name in HELD_OUT} >= {"fi", "sv"}


def moves_to_hand_grouping(notes, produced):
    """Fewest single-note moves from a produced grouping to the hand-made one."""
    from scipy.optimize import linear_sum_assignment
    truth = [note["theme"] for note in notes]
    hand, made = sorted(set(truth)), sorted(set(produced))
    overlap = [[sum(1 for t, p in zip(truth, produced) if t == h and p == m) for m in made]
               for h in hand]
    rows, columns = linear_sum_assignment(overlap, maximize=True)
    return len(notes) - sum(overlap[r][c] for r, c in zip(rows, columns))


def test_on_sets_not_tuned_on_suggested_themes_save_moves_over_no_grouping():
    # The machine's themes are suggestions people correct (docs/design.md, Condensing); on
    # sets it was not tuned on they must still leave fewer corrections than no grouping.
    # Only sums are compared, so that a failure shows no held-out note.
    suggested = from_scratch = 0
    for name in HELD_OUT:
        notes = load(name)
        ids = [note["id"] for note in notes]
        suggested += moves_to_hand_grouping(notes, themes_to_labels(condense(notes), ids))
        from_scratch += moves_to_hand_grouping(notes, ids)
    assert suggested < 0.85 * from_scratch


@pytest.mark.parametrize("name", TUNED + sorted(EARLY_FLOORS) + HELD_OUT)
def test_every_id_appears_in_exactly_one_theme(name):
    notes = load(name)
    themes = condense(notes)
    ids = [note_id for theme in themes for note_id in theme["note_ids"]]
    assert Counter(ids) == Counter(note["id"] for note in notes)
    assert all(theme["count"] == len(theme["note_ids"]) for theme in themes)


def test_the_memo_set_reproduces_the_memos_tally():
    themes = condense(load("verkostotapaaminen"))
    assert [theme["count"] for theme in themes] == [5, 4, 3, 3, 2, 2] + [1] * 6


def test_the_memo_sets_one_off_notes_stay_single():
    notes = load("verkostotapaaminen")
    hand = Counter(note["theme"] for note in notes)
    singles = {note["id"] for note in notes if hand[note["theme"]] == 1}
    themes = condense(notes)
    assert {theme["note_ids"][0] for theme in themes if theme["count"] == 1} == singles


def test_unrelated_notes_are_not_forced_into_a_theme():
    texts = ["Kesäleiri", "Velkaneuvonta", "Kuljetus maaseudulta kaupunkiin",
             "Asunnottomuus pitää ratkaista ensin", "Nuorten budjetti"]
    themes = condense([{"id": index, "text": text} for index, text in enumerate(texts)])
    assert [theme["count"] for theme in themes] == [1] * 5


def test_the_same_idea_in_other_words_lands_in_one_theme():
    notes = [{"id": "a", "text": "yhteistyö hankkeiden kesken"},
             {"id": "b", "text": "hankkeet tekevät yhteistyötä"},
             {"id": "c", "text": "Kesäleiri nuorille"}]
    themes = condense(notes)
    assert themes[0]["note_ids"] == ["a", "b"]
    assert themes[1]["note_ids"] == ["c"]


def test_themes_come_largest_first_and_ties_keep_arrival_order():
    notes = [{"id": 1, "text": "Velkaneuvonta"},
             {"id": 2, "text": "Yhteinen tapahtumakalenteri"},
             {"id": 3, "text": "Tapahtumat yhdessä, ei päällekkäin"},
             {"id": 4, "text": "Kesäleiri"}]
    themes = condense(notes)
    assert [theme["note_ids"] for theme in themes] == [[2, 3], [1], [4]]


def test_labels_are_taken_from_the_themes_own_notes():
    notes = load("verkostotapaaminen")
    texts = {note["text"].rstrip(" .?!") for note in notes}
    for theme in condense(notes):
        assert theme["label"].rstrip(" .?!…") in texts or theme["label"].endswith("…")
        assert theme["label"][0].isupper()


def test_swedish_notes_are_detected_and_condensed():
    notes = load("samarbete")
    assert detect_language(note["text"] for note in notes) == "sv"
    assert ari_of(notes, language="sv") >= 0.7


def test_english_notes_are_detected_and_condensed():
    notes = load("employers")
    assert detect_language(note["text"] for note in notes) == "en"
    assert ari_of(notes) >= 0.7


def test_finnish_is_detected_and_is_the_default_without_evidence():
    assert detect_language(n["text"] for n in load("opinnollistaminen")) == "fi"
    assert detect_language(["123", "?"]) == "fi"


def test_a_notes_own_language_is_used_when_none_is_asked_for():
    notes = [{"id": "a", "text": "Dela information", "language": "sv"},
             {"id": "b", "text": "Informera varandra", "language": "sv"}]
    assert [theme["count"] for theme in condense(notes)] == [2]


def test_bad_notes_are_refused_with_a_reason():
    with pytest.raises(ValueError, match="duplicate id"):
        condense([{"id": 1, "text": "a"}, {"id": 1, "text": "b"}])
    with pytest.raises(ValueError, match="'text'"):
        condense([{"id": 1}])
    with pytest.raises(ValueError, match="unsupported language"):
        condense([{"id": 1, "text": "a"}], language="de")


def test_no_notes_make_no_themes():
    assert condense([]) == []


WORDS = ["yhteistyö", "hanke", "tapahtuma", "nuoret", "ohjaus", "some", "kesä", "arki"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=0, max_size=4), max_size=25))
def test_any_set_of_notes_keeps_every_id_once_and_sizes_in_order(word_lists):
    notes = [{"id": f"n{index}", "text": " ".join(words)} for index, words in enumerate(word_lists)]
    themes = condense(notes, language="fi")
    assert sorted(i for theme in themes for i in theme["note_ids"]) == sorted(n["id"] for n in notes)
    assert [theme["count"] for theme in themes] == sorted((t["count"] for t in themes), reverse=True)


def test_ari_is_one_for_the_same_grouping_under_other_names():
    assert adjusted_rand_index(["a", "a", "b", "c"], [2, 2, 0, 1]) == 1.0


def test_ari_matches_a_worked_example():
    # Contingency [[1, 1], [0, 2]]: index 1, expected 1 * 2 / 6, max 1.5 -> 0.571...
    assert adjusted_rand_index([0, 0, 1, 1], [0, 1, 1, 1]) == pytest.approx(0.0)
    assert adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) == pytest.approx(0.2424, abs=1e-4)


def test_exact_count_accuracy_counts_themes_of_the_right_size():
    assert exact_count_accuracy(["a", "a", "b", "b", "c"], [0, 0, 1, 2, 3]) == 0.5


@pytest.mark.parametrize("count", [1, 5, 20, 21, 120])
def test_the_memo_tallies_as_the_summary_does(count):
    line = format_markdown([{"label": "tuleva yhteistyö hankkeissa", "count": count}], "fi")
    assert line == f"- tuleva yhteistyö hankkeissa – {count_phrase(count, 'fi')}\n"


def test_the_memo_set_as_markdown():
    text = format_markdown(condense(load("verkostotapaaminen")), "fi")
    lines = text.splitlines()
    assert len(lines) == 12
    assert lines[0].startswith("- ") and lines[0].endswith(" – viisi (5) mainintaa")
    assert lines[-1].endswith(" – yksi (1) maininta")


@pytest.mark.parametrize("hostile", [
    "# Heading", "<script>alert(1)</script>", "[click](javascript:alert(1))",
    "![x](http://example.invalid/x.png)", "1. numbered", "- nested", "*bold* `code`",
    "line\n# break", "<img src=x onerror=alert(1)>", "www.example.invalid"])
def test_hostile_labels_are_inert_in_markdown(hostile):
    html = markdown.markdown("- " + escape_markdown(hostile) + " – one (1) mention")
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<h1" not in html and "<ol" not in html and "<em" not in html
    assert html.count("<li>") == 1


def test_the_cli_prints_themes_as_json(tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text("".join(json.dumps({"id": n["id"], "text": n["text"]}) + "\n"
                            for n in load("employers")), encoding="utf-8")
    result = run_cli(str(path))
    assert result.returncode == 0, result.stderr
    themes = json.loads(result.stdout)
    assert sum(theme["count"] for theme in themes) == 19
    assert set(themes[0]) == {"label", "note_ids", "count"}


def test_the_cli_prints_a_swedish_memo_in_markdown():
    result = run_cli(str(OWN / "samarbete.jsonl"), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("fyra (4) omnämnanden")
    assert lines[-1].endswith("ett (1) omnämnande")


def test_the_cli_escapes_hostile_notes_in_markdown():
    notes = [{"id": 1, "text": "<script>alert(1)</script> [x](javascript:alert(1))"},
             {"id": 2, "text": "# Take over the heading"}]
    stdin = "".join(json.dumps(note) + "\n" for note in notes)
    result = run_cli("-", "--format", "markdown", "--language", "en", stdin=stdin)
    assert result.returncode == 0, result.stderr
    html = markdown.markdown(result.stdout)
    assert "<script" not in html and "<a " not in html and "<h1" not in html
    assert "- \\# Take over the heading – one (1) mention" in result.stdout.splitlines()


@pytest.mark.parametrize("lines, message", [
    (['{"id": 1, "text": "ok"}', "not json"], "line 2: not JSON"),
    (['{"id": 1}'], "line 1: missing 'text'"),
    (['{"text": "no id"}'], "line 1: missing 'id'"),
    (['{"id": 1, "text": "a"}', '', '{"id": 1, "text": "b"}'], "line 3: duplicate id"),
])
def test_the_cli_names_the_bad_line_and_exits_2(lines, message):
    result = run_cli("-", "--language", "en", stdin="\n".join(lines) + "\n")
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
