""""The same idea": writers link their notes, hosts their table's, the facilitator any."""
import pytest
from sqlalchemy import select

from facilitation.errors import DomainError
from facilitation.extensions import db
from facilitation.models import Event, Participant, Theme, ThemeNote, Workshop
from facilitation.services import links, notes, tables, themes
from facilitation.services.actors import Actor
from facilitation.services.theme_reads import themes_of
from tests.support.sockets import join


def person(person_id):
    """A participant row."""
    return db.session.get(Participant, person_id)


def actor(person_id):
    """The participant as the guard hands them to a service."""
    return Actor.for_participant(person(person_id))


def post(person_id, text):
    """A note posted by a participant at their table; returns its id."""
    return notes.add_note(person(person_id), f"c-{person_id}-{text[:30]}", text)[0].id


def members(theme_id):
    """The ids of the notes in a theme."""
    return sorted(db.session.scalars(select(ThemeNote.note_id)
                                     .where(ThemeNote.theme_id == theme_id)))


@pytest.fixture
def table_a(app, workshop):
    """Three people at table A, the first its host."""
    ids = [join(app, workshop, name, 0)[0] for name in ("Isäntä", "Aino", "Bertil")]
    with app.app_context():
        w = db.session.get(Workshop, workshop["id"])
        tables.set_host(w, w.tables[0].id, ids[0])
    return ids


def test_two_writers_linking_to_one_idea_make_one_suggested_theme_of_three(app, table_a):
    host, aino, bertil = table_a
    with app.app_context():
        first = post(host, "Työllisyyspalveluiden yhteensovittaminen kunnan kanssa")
        second = post(aino, "Palvelut yhteen, ettei asiakas pompottele luukulta toiselle")
        third = post(bertil, "Yhden luukun periaate työllisyyspalveluihin")
        links.link_note(actor(aino), second, first)
        links.link_note(actor(bertil), third, second)
        [theme] = themes_of(db.session.get(Workshop, person(host).workshop_id).id)
        assert theme["note_ids"] == [first, second, third] and theme["count"] == 3
        assert theme["suggested"] is True
        assert db.session.get(Theme, theme["id"]).table_id == person(host).table_id
        types = [e.type for e in db.session.scalars(select(Event).order_by(Event.seq))][-2:]
        assert types == ["note:linked", "theme:changed"]


def test_taking_a_link_back_takes_the_note_out_and_ungroups_a_pair(app, table_a):
    host, aino, _ = table_a
    with app.app_context():
        first, second = post(host, "Kimppakyydit"), post(aino, "Yhteiskuljetukset")
        links.link_note(actor(aino), second, first)
        [theme] = themes_of(person(host).workshop_id)
        links.unlink_note(actor(aino), second)
        assert db.session.get(Theme, theme["id"]) is None
        assert db.session.get(notes.Note, second).same_as_id is None


def test_an_accepted_theme_keeps_its_notes_when_a_link_is_taken_back(app, table_a):
    host, aino, _ = table_a
    with app.app_context():
        first, second = post(host, "Kimppakyydit"), post(aino, "Yhteiskuljetukset")
        links.link_note(actor(aino), second, first)
        [theme] = themes_of(person(host).workshop_id)
        themes.accept_theme(actor(host), theme["id"])
        links.unlink_note(actor(aino), second)
        assert members(theme["id"]) == [first, second]


def test_only_the_writer_the_tables_host_or_the_facilitator_may_link_a_note(app, table_a):
    host, aino, bertil = table_a
    with app.app_context():
        first, second = post(host, "Mentorointi"), post(aino, "Vertaismentorit")
        with pytest.raises(DomainError) as refused:
            links.link_note(actor(bertil), second, first)
        assert refused.value.code == "forbidden"
        links.link_note(actor(host), second, first)  # the host: a note of their table
        workshop = db.session.get(Workshop, person(host).workshop_id)
        links.unlink_note(Actor.for_console(workshop), second)  # the facilitator: any note
        assert db.session.get(notes.Note, second).same_as_id is None


@pytest.mark.parametrize("target", ["itself", "missing", "flag", "deleted"])
def test_a_link_needs_another_live_note(app, table_a, target):
    host, aino, _ = table_a
    with app.app_context():
        first, second = post(host, "Mentorointi"), post(aino, "Vertaismentorit")
        if target == "deleted":
            notes.delete_note(db.session.get(notes.Note, first))
        target_id = {"itself": second, "missing": 10**6, "flag": True, "deleted": first}[target]
        with pytest.raises(DomainError) as refused:
            links.link_note(actor(aino), second, target_id)
        assert refused.value.code in ("bad_payload", "not_found")


def test_a_draft_is_offered_the_tables_most_similar_notes_and_nothing_unrelated(app, table_a):
    host, aino, _ = table_a
    with app.app_context():
        first = post(host, "Yhteistyö hankkeiden kesken")
        post(host, "Velkaneuvonta")
        found = links.similar_notes(actor(aino), text="Hankkeet tekevät yhteistyötä")
        assert [n["id"] for n in found] == [first]
        assert links.similar_notes(actor(aino), text="Kahvinkeitin rikki") == []
        assert links.similar_notes(actor(aino), text="   ") == []
        with pytest.raises(DomainError):
            links.similar_notes(actor(aino), text={"$ne": 1})


def test_the_host_is_offered_likely_themes_for_a_lone_note_and_a_proposed_label(app, table_a):
    host, aino, bertil = table_a
    with app.app_context():
        first = post(host, "Yhteistyö hankkeiden kesken")
        second = post(aino, "Hankkeet tekevät yhteistyötä")
        lone = post(bertil, "Lisää yhteistyötä hankkeiden välille")
        other = post(bertil, "Velkaneuvonta")
        links.link_note(actor(aino), second, first)
        [theme] = themes_of(person(host).workshop_id)
        found = themes_rank(actor(host))
        assert found["likely"][str(lone)] == [theme["id"]]
        assert found["likely"][str(other)] == []
        assert found["labels"][str(theme["id"])] in {
            "Yhteistyö hankkeiden kesken", "Hankkeet tekevät yhteistyötä"}
        assert found["merges"] == []


def test_the_facilitator_merges_alike_themes_of_two_tables_summing_mentions(app, workshop,
                                                                               table_a):
    host, aino, _ = table_a
    b1, b2 = join(app, workshop, "Cecilia", 1)[0], join(app, workshop, "Daniel", 1)[0]
    with app.app_context():
        w = db.session.get(Workshop, workshop["id"])
        w.tables[1].topic_id = w.tables[0].topic_id  # one topic at two tables
        db.session.commit()
        a = [post(host, "Yhteistyö hankkeiden kesken"), post(aino, "Hankkeet yhteistyöhön")]
        b = [post(b1, "Hankeyhteistyö maakunnassa"), post(b2, "Yhteistyötä hankkeiden välillä")]
        post(b2, "Velkaneuvonta")
        links.link_note(actor(aino), a[1], a[0])
        links.link_note(actor(b2), b[1], b[0])
        found = themes_rank(Actor.for_console(w))
        [(left, right, score)] = found["merges"]
        merged = themes.merge_themes(Actor.for_console(w), left, right)
        assert themes.theme_dict(merged)["count"] == 4 and merged.table_id is None


def themes_rank(actor):
    """What the machine offers the actor to gather."""
    from facilitation.services.theme_ranking import rank_themes
    return rank_themes(actor)
