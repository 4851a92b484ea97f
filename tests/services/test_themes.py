"""Themes: grouping by hand, suggestions from condensing, mention counts, rights, broadcasts."""
import json

import pytest
from sqlalchemy import select

from facilitation.errors import DomainError
from facilitation.extensions import db
from facilitation.models import Event, Participant, Theme, ThemeNote, Workshop
from facilitation.services import notes, tables, themes
from facilitation.services.actors import Actor
from tests.support.cafe import ROOT, make_workshop
from tests.support.sockets import join

LABELLED = ROOT / "tests" / "data" / "condense" / "verkostotapaaminen.jsonl"


def workshop_of(ids):
    """The Workshop row of a workshop fixture."""
    return db.session.get(Workshop, ids["id"])


def person(person_id):
    """A participant row."""
    return db.session.get(Participant, person_id)


def at_console(workshop):
    """The facilitator acting at the workshop's console."""
    return Actor.for_console(workshop)


def on_phone(person_id):
    """A participant acting from their phone."""
    return Actor.for_participant(person(person_id))


def post(person_id, *texts):
    """Notes posted by a participant at their table; returns their ids."""
    return [notes.add_note(person(person_id), f"c-{person_id}-{i}-{text[:20]}", text)[0].id
            for i, text in enumerate(texts)]


def members(theme_id):
    """The ids of the notes in a theme."""
    return sorted(db.session.scalars(select(ThemeNote.note_id).where(ThemeNote.theme_id == theme_id)))


def last_events(workshop_id, count):
    """The workshop's latest recorded events as (type, audience, table_id, payload), oldest first."""
    rows = db.session.scalars(select(Event).where(Event.workshop_id == workshop_id)
                              .order_by(Event.seq.desc()).limit(count)).all()
    return [(e.type, e.audience, e.table_id, e.payload) for e in reversed(rows)]


@pytest.fixture
def maija(app, workshop):
    """A participant at table A (topic Osallisuus)."""
    return join(app, workshop, "Maija", 0)[0]


def test_a_theme_made_by_hand_gathers_notes_and_is_announced_to_the_screens(app, workshop, maija,
                                                                             broadcasts):
    with app.app_context():
        w = workshop_of(workshop)
        a, b, _ = post(maija, "Yhteiset tapahtumat", "Tapahtumakalenteri", "Jotain muuta")
        theme = themes.create_theme(at_console(w), "tapahtumat yhdessä", topic_id=w.topics[0].id, note_ids=[a, b])
        assert members(theme.id) == [a, b]
        assert themes.theme_dict(theme) == {
            "id": theme.id, "topic_id": w.topics[0].id, "table_id": None,
            "label": "tapahtumat yhdessä", "suggested": False, "note_ids": [a, b], "count": 2}
        [(kind, audience, table_id, payload)] = broadcasts.seen("theme:changed")
        assert (kind, audience, table_id) == ("theme:changed", "screens", None)
        assert payload["theme"]["count"] == 2


def test_moving_a_note_takes_it_out_of_its_old_theme_and_both_counts_change(app, workshop, maija):
    with app.app_context():
        w = workshop_of(workshop)
        a, b, c = post(maija, "Yksi", "Kaksi", "Kolme")
        first = themes.create_theme(at_console(w), "eka", topic_id=w.topics[0].id, note_ids=[a, b])
        second = themes.create_theme(at_console(w), "toka", topic_id=w.topics[0].id, note_ids=[c])
        themes.assign_notes(at_console(w), second.id, [b])
        assert members(first.id) == [a] and members(second.id) == [b, c]
        changed = {p["theme"]["label"]: p["theme"]["count"] for kind, *_, p in last_events(w.id, 2)}
        assert changed == {"eka": 1, "toka": 2}


def test_merging_keeps_both_themes_notes_even_duplicates_and_counts_them(app, workshop, maija,
                                                                         broadcasts):
    with app.app_context():
        w = workshop_of(workshop)
        topic = w.topics[0].id
        a, b, c = post(maija, "Yhteiset tapahtumat", "Yhteiset tapahtumat", "Seminaarit yhdessä")
        kept = themes.create_theme(at_console(w), "tapahtumat", topic_id=topic, note_ids=[a, c])
        twin = themes.create_theme(at_console(w), "Yhteiset tapahtumat", topic_id=topic, note_ids=[b])
        merged = themes.merge_themes(at_console(w), twin.id, kept.id)
        assert merged.id == kept.id and members(kept.id) == [a, b, c]
        assert themes.theme_dict(merged)["count"] == 3
        assert db.session.get(Theme, twin.id) is None
        assert [e[0] for e in broadcasts.seen()[-2:]] == ["theme:changed", "theme:deleted"]
        assert broadcasts.seen()[-1][3] == {"theme_id": twin.id}


def test_splitting_moves_the_chosen_notes_into_a_new_theme_beside_it(app, workshop, maija):
    with app.app_context():
        w = workshop_of(workshop)
        a, b, c = post(maija, "Kumppanit", "Rahoitus", "Rahoittajien ohjaus")
        theme = themes.create_theme(at_console(w), "sekalaiset", topic_id=w.topics[0].id, note_ids=[a, b, c])
        new = themes.split_theme(at_console(w), theme.id, [b, c], "rahoitus")
        assert members(theme.id) == [a] and members(new.id) == [b, c]
        assert (new.topic_id, new.table_id, new.label) == (theme.topic_id, None, "rahoitus")
        unnamed = themes.split_theme(at_console(w), new.id, [c])
        assert unnamed.label == "Rahoittajien ohjaus"
        with pytest.raises(DomainError) as refused:
            themes.split_theme(at_console(w), theme.id, [c])
        assert refused.value.code == "bad_payload"


def test_ungrouping_a_note_or_a_whole_theme_keeps_the_notes(app, workshop, maija):
    with app.app_context():
        w = workshop_of(workshop)
        a, b, c = post(maija, "Yksi", "Kaksi", "Kolme")
        theme = themes.create_theme(at_console(w), "kaikki", topic_id=w.topics[0].id, note_ids=[a, b, c])
        left = themes.unassign_notes(at_console(w), [a])
        assert [t.id for t in left] == [theme.id] and members(theme.id) == [b, c]
        themes.delete_theme(at_console(w), theme.id)
        assert db.session.get(Theme, theme.id) is None
        assert db.session.scalar(select(ThemeNote.note_id)) is None
        assert len(workshop_of(workshop).topics) == 3
        assert last_events(w.id, 1)[0][:3] == ("theme:deleted", "screens", None)


def test_suggestions_from_the_labelled_notes_find_the_memos_five_mention_theme(app, workshop, maija):
    labelled = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    with app.app_context():
        w = workshop_of(workshop)
        ids = post(maija, *[note["text"] for note in labelled])
        suggested = themes.suggest_themes(at_console(w), topic_id=w.topics[0].id)
        counts = sorted((len(members(t.id)) for t in suggested), reverse=True)
        assert counts[0] == 5 and counts == [5, 4, 3, 3, 2, 2]
        assert all(t.suggested and t.topic_id == w.topics[0].id and t.table_id is None for t in suggested)
        biggest = max(suggested, key=lambda t: len(members(t.id)))
        theme_of = {ids[i]: note["theme"] for i, note in enumerate(labelled)}
        assert {theme_of[i] for i in members(biggest.id)} == {"tuleva yhteistyö hankkeissa"}
        # One-off notes stay ungrouped, and asking again suggests nothing new.
        themed = {i for t in suggested for i in members(t.id)}
        assert len(set(ids) - themed) == 6
        assert themes.suggest_themes(at_console(w)) == []
        themes.accept_theme(at_console(w), biggest.id)
        assert db.session.get(Theme, biggest.id).suggested is False


def test_suggestions_leave_hidden_deleted_and_action_notes_alone(app, workshop, maija):
    with app.app_context():
        w = workshop_of(workshop)
        a, b, c, d = post(maija, "Yhteistyötä hankkeiden kesken", "Hankkeiden yhteistyötä lisää",
                          "Yhteistyötä hankkeiden välillä", "Hankkeiden välinen yhteistyö")
        notes.set_hidden(w, c, True)
        notes.delete_note(notes.note_of(w.id, d))
        action = notes.add_note(person(maija), "act", "Yhteistyötä hankkeiden kesken sovitaan",
                                notes.note_fields({"kind": "action", "owner": "Maija"}))[0]
        [theme] = themes.suggest_themes(at_console(w))
        assert members(theme.id) == [a, b]
        assert action.id not in members(theme.id)


def test_hidden_notes_are_not_counted_and_cannot_be_grouped(app, workshop, maija):
    with app.app_context():
        w = workshop_of(workshop)
        a, b, c = post(maija, "Yksi", "Kaksi", "Kolme")
        theme = themes.create_theme(at_console(w), "teema", topic_id=w.topics[0].id, note_ids=[a, b])
        notes.set_hidden(w, b, True)
        assert themes.theme_dict(theme)["count"] == 1
        notes.set_hidden(w, c, True)
        with pytest.raises(DomainError) as refused:
            themes.assign_notes(at_console(w), theme.id, [c])
        assert refused.value.code == "not_found"


def test_a_theme_takes_only_notes_of_its_own_topic_and_workshop(app, facilitator, workshop, maija):
    other = make_workshop(app, facilitator["id"], "Toinen")
    stranger = join(app, other, "Muukalainen")[0]
    with app.app_context():
        w = workshop_of(workshop)
        [mine] = post(maija, "Osallisuudesta")
        [foreign] = post(stranger, "Toisen työpajan lappu")
        theme = themes.create_theme(at_console(w), "hyvinvointi", topic_id=w.topics[2].id)
        for note_id, code in ((mine, "bad_payload"), (foreign, "not_found")):
            with pytest.raises(DomainError) as refused:
                themes.assign_notes(at_console(w), theme.id, [note_id])
            assert refused.value.code == code
            db.session.rollback()
        for payload in ({}, {"topic_id": "1"}, {"topic_id": 99999}):
            with pytest.raises(DomainError):
                themes.create_theme(at_console(w), "x", **payload)
            db.session.rollback()


def test_a_host_groups_their_own_tables_notes_and_nothing_else(app, workshop, maija):
    pekka = join(app, workshop, "Pekka", 0)[0]
    liisa = join(app, workshop, "Liisa", 1)[0]
    with app.app_context():
        w = workshop_of(workshop)
        table_a, table_b = workshop["tables"][:2]
        tables.set_host(w, table_a, maija)
        tables.set_host(w, table_b, liisa)
        a, b = post(pekka, "Matalan kynnyksen paikat", "Kohtaamispaikat")
        [elsewhere] = post(liisa, "B-pöydän ajatus")
        host = on_phone(maija)
        mine = themes.create_theme(host, "kohtaamiset", note_ids=[a])
        assert (mine.table_id, mine.topic_id) == (table_a, w.tables[0].topic_id)
        assert last_events(w.id, 1)[0][:3] == ("theme:changed", "table", table_a)
        themes.assign_notes(host, mine.id, [b])
        assert members(mine.id) == [a, b]
        theirs = themes.create_theme(on_phone(liisa), "B:n teema", note_ids=[elsewhere])
        console_theme = themes.create_theme(at_console(w), "ohjaajan", topic_id=w.topics[0].id)
        refusals = [
            lambda: themes.rename_theme(host, theirs.id, "vieras"),
            lambda: themes.rename_theme(host, console_theme.id, "vieras"),
            lambda: themes.assign_notes(host, mine.id, [elsewhere]),
            lambda: themes.create_theme(host, "vieras", table_id=table_b),
            lambda: themes.suggest_themes(host, table_id=table_b),
            lambda: themes.create_theme(on_phone(pekka), "en ole isäntä", note_ids=[a]),
        ]
        for refused_call in refusals:
            with pytest.raises(DomainError) as refused:
                refused_call()
            assert refused.value.code == "forbidden"
            db.session.rollback()
        # The facilitator may still take a note out of a host's theme.
        themes.assign_notes(at_console(w), console_theme.id, [a])
        assert members(console_theme.id) == [a] and members(mine.id) == [b]


def test_the_themes_view_has_every_theme_with_its_note_ids_and_count(app, workshop, maija):
    with app.app_context():
        w = workshop_of(workshop)
        a, b, c = post(maija, "Yksi", "Kaksi", "Kolme")
        small = themes.create_theme(at_console(w), "pieni", topic_id=w.topics[0].id, note_ids=[c])
        big = themes.create_theme(at_console(w), "iso", topic_id=w.topics[0].id, note_ids=[a, b])
        view = themes.themes_view(w)
        assert [(t["id"], t["note_ids"], t["count"]) for t in view["themes"]] == [
            (big.id, [a, b], 2), (small.id, [c], 1)]
        assert [n["id"] for n in view["notes"]] == [a, b, c]
        assert [t["title"] for t in view["topics"]] == ["Osallisuus", "Työn opinnollistaminen", "Hyvinvointi"]
        assert view["seq"] == last_events_seq(w.id)


def last_events_seq(workshop_id):
    """The workshop's newest sequence number."""
    return db.session.scalar(select(Event.seq).where(Event.workshop_id == workshop_id)
                             .order_by(Event.seq.desc()).limit(1))
