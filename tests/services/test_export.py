"""Exports: the whole workshop as JSON and its notes as CSV, and JSON imported back."""
import copy
import csv
import io
import json
from datetime import datetime, timezone

import pytest

from facilitation.errors import DomainError
from facilitation.extensions import db
from facilitation.models import (
    Ballot,
    Feedback,
    Note,
    Participant,
    Summary,
    Theme,
    ThemeNote,
    Topic,
    Vote,
    Workshop,
)
from facilitation.services import (
    accounts,
    export,
    import_,
    notes,
    participants,
    rounds,
    snapshots,
    summary_data,
    tables,
)
from facilitation.services.theme_reads import themes_of
from tests.support.cafe import make_workshop

PEOPLE = [  # name, organisation, type, table index, remote, email, email consent, contact consent
    ("Äijä Öhman", "Kajaanin kaupunki", "municipality", 0, False, None, False, False),
    ("Åsa Ström", "Yhdistys ry", "ngo", 0, False, "asa@example.fi", True, False),
    ("Päivi Kärkkäinen", "Hyvinvointialue", "wellbeing_area", 1, False, "paivi@example.fi",
     False, True),
    ("Önni Östman", "", "", 1, False, "onni@example.fi", False, False),
    ("Etä-Eero", "Oppilaitos", "college", 2, True, None, False, False),
]
ROUND_1_NOTES = [  # author index, text, fields
    (0, "Matalan kynnyksen kohtaamispaikat ovat tärkeitä", None),
    (1, "Sovitaan yhteinen tapaaminen syksyllä",
     {"kind": "action", "owner": "Kunta ja järjestöt", "due": "2026-06-30"}),
    (2, '=HYPERLINK("http://evil.example","klikkaa")', None),
    (3, "-5 % budjetista: mitä jää?", None),
    (3, "+358 40 123 4567 soittaa", None),
    (4, "@kaikki etäpöytä on mukana", {"kind": "insight"}),
    (0, "Tämä poistetaan", None),
    (2, "Piilotettava lappu", None),
]


def two_rounds_in(app, facilitator_id):
    """A workshop two rounds in: people, hosts, seats, notes of every kind, votes, themes,
    feedback and a summary. Returns the ids and tokens the tests look at."""
    w = make_workshop(app, facilitator_id)
    with app.app_context():
        workshop = db.session.get(Workshop, w["id"])
        workshop.topics[0].description = "Miten osallisuus näkyy arjessa?"
        workshop.next_meeting = "Syyskuussa Kajaanissa"
        people, tokens = [], []
        for name, org, kind, table, remote, email, email_ok, contact_ok in PEOPLE:
            person, token = participants.join(workshop, name, org, kind, w["tables"][table], remote)
            person.email, person.email_consent, person.contact_consent = email, email_ok, contact_ok
            people.append(person)
            tokens.append(token)
        db.session.commit()
        tables.set_host(workshop, w["tables"][0], people[0].id)
        tables.crystallise(workshop.tables[0], "Yhteistyö – kiteytys: ä, ö ja å")
        rounds.advance(workshop)
        posted = [notes.add_note(people[a], f"c{n}", text, notes.note_fields(fields or {}))[0]
                  for n, (a, text, fields) in enumerate(ROUND_1_NOTES)]
        notes.delete_note(posted[6])
        notes.set_hidden(workshop, posted[7].id, True)
        rounds.advance(workshop)
        rounds.advance(workshop)
        posted.append(notes.add_note(people[0], "r2", "Toisen kierroksen ajatus", None)[0])
        posted[-1].same_as_id = posted[0].id  # "the same idea" as a note of round 1
        themes = [Theme(workshop_id=workshop.id, topic_id=workshop.topics[0].id,
                        table_id=w["tables"][0], label="Kohtaamispaikat", suggested=True),
                  Theme(workshop_id=workshop.id, label="=Yhteistyö", position=1)]
        ballots = [Ballot(workshop_id=workshop.id, scope="notes", dots=3),
                   Ballot(workshop_id=workshop.id, scope="themes",
                          scope_id=workshop.topics[0].id, dots=2, open=False)]
        db.session.add_all(themes + ballots)
        db.session.flush()
        db.session.add_all([
            ThemeNote(theme_id=themes[0].id, note_id=posted[0].id),
            ThemeNote(theme_id=themes[0].id, note_id=posted[6].id),  # deleted: left out
            ThemeNote(theme_id=themes[1].id, note_id=posted[1].id),
            Vote(ballot_id=ballots[0].id, participant_id=people[0].id, slot=1,
                 target_type="note", target_id=posted[0].id),
            Vote(ballot_id=ballots[0].id, participant_id=people[0].id, slot=2,
                 target_type="note", target_id=posted[0].id),
            Vote(ballot_id=ballots[0].id, participant_id=people[1].id, slot=1,
                 target_type="note", target_id=posted[0].id),
            Vote(ballot_id=ballots[0].id, participant_id=people[1].id, slot=2,
                 target_type="note", target_id=posted[6].id),  # on a deleted note: left out
            Vote(ballot_id=ballots[0].id, participant_id=people[3].id, slot=1,
                 target_type="note", target_id=posted[1].id),
            Vote(ballot_id=ballots[1].id, participant_id=people[2].id, slot=1,
                 target_type="theme", target_id=themes[0].id),
            Feedback(workshop_id=workshop.id, respondent="r" * 64, rating=4,
                     takeaway="Hyviä kontakteja", wishes="Lisää aikaa"),
            Feedback(workshop_id=workshop.id, respondent="s" * 64, rating=3,
                     participant_id=people[1].id, takeaway="Åsa kiittää", wishes=""),
            Summary(workshop_id=workshop.id, generated="# Kooste\n",
                    markdown="# Kooste\n\nMuokattu: ä, ö, å\n", edited=True,
                    generated_at=datetime(2026, 5, 15, 14, 0, tzinfo=timezone.utc))])
        db.session.commit()
        return {**w, "people": [p.id for p in people], "tokens": tokens,
                "token_hashes": [p.token_hash for p in people],
                "notes": [n.id for n in posted]}


@pytest.fixture
def done(app, facilitator):
    """The workshop of `two_rounds_in`, with its export."""
    w = two_rounds_in(app, facilitator["id"])
    with app.app_context():
        return w, export.export_json(db.session.get(Workshop, w["id"]))


def by_id(items):
    """Export items by their export id."""
    return {item["id"]: item for item in items}


def test_the_json_export_holds_the_whole_workshop(done):
    _, doc = done
    assert (doc["format"], doc["version"]) == ("kahvila-workshop", 1)
    assert {k: doc["workshop"][k] for k in ("title", "language", "mode", "state", "round")} == {
        "title": "Hankekahvi", "language": "fi", "mode": "people", "state": "round", "round": 2}
    assert doc["topics"][0] == {"id": 1, "title": "Osallisuus",
                                "description": "Miten osallisuus näkyy arjessa?",
                                "prompts": ["Mikä toimii?", "Mitä puuttuu?"]}
    table = doc["tables"][0]
    assert (table["name"], table["topic"], table["crystallisation"]) == (
        "Pöytä A", 1, "Yhteistyö – kiteytys: ä, ö ja å")
    assert by_id(doc["participants"])[table["host"]]["name"] == "Äijä Öhman"
    assert doc["tables"][2]["remote"] and doc["tables"][2]["video_url"]
    people = [(p["name"], p["organisation"], p["organisation_type"], p["remote"])
              for p in doc["participants"]]
    assert people == [row[:3] + (row[4],) for row in PEOPLE]
    assert {s["round"] for s in doc["seats"]} == {1, 2}
    assert len([s for s in doc["seats"] if s["round"] == 1]) == len(PEOPLE)


def test_each_theme_lists_its_note_ids_and_counts_them_as_the_board_and_summary_do(app, done):
    ids, doc = done
    with app.app_context():
        board = {t["label"]: t["count"] for t in themes_of(ids["id"])}
        summary = {t["label"]: t["count"] for topic in summary_data.build_summary_data(
            db.session.get(Workshop, ids["id"]))["topics"] for t in topic["themes"]}
    exported = {t["label"]: t["count"] for t in doc["themes"]}
    assert exported == board
    assert {label: summary[label] for label in exported if label in summary} == {
        label: exported[label] for label in exported if label in summary}
    notes_by_id = by_id(doc["notes"])
    for theme in doc["themes"]:
        visible = [n for n in theme["notes"] if not notes_by_id[n]["hidden"]]
        assert theme["count"] == len(visible)


def test_a_same_idea_link_goes_out_with_the_export_as_an_export_id(done):
    _, doc = done
    linked = [n for n in doc["notes"] if n["same_as"] is not None]
    assert [(n["text"], by_id(doc["notes"])[n["same_as"]]["text"]) for n in linked] == [
        ("Toisen kierroksen ajatus", doc["notes"][0]["text"])]


def test_notes_are_exported_with_every_field_and_deleted_ones_left_out(done):
    _, doc = done
    texts = [n["text"] for n in doc["notes"]]
    assert "Tämä poistetaan" not in texts
    assert len(texts) == len(ROUND_1_NOTES) - 1 + 1
    action = next(n for n in doc["notes"] if n["kind"] == "action")
    assert (action["owner"], action["due"], action["round"]) == (
        "Kunta ja järjestöt", "2026-06-30", 1)
    assert set(action) == {"id", "table", "topic", "author", "client_id", "text", "round", "kind",
                           "owner", "due", "hidden", "concealed", "same_as", "created_at", "updated_at"}
    assert [n["hidden"] for n in doc["notes"]].count(True) == 1
    assert doc["notes"][-1]["round"] == 2
    assert datetime.fromisoformat(action["created_at"]).tzinfo is not None
    themes = by_id(doc["themes"])
    assert (themes[1]["label"], themes[1]["suggested"], themes[1]["notes"]) == (
        "Kohtaamispaikat", True, [doc["notes"][0]["id"]])
    assert doc["summary"]["markdown"] == "# Kooste\n\nMuokattu: ä, ö, å\n"
    assert doc["summary"]["edited"] is True


def test_no_token_or_token_hash_is_in_the_export_and_no_email_without_consent(done):
    w, doc = done
    text = json.dumps(doc, ensure_ascii=False)
    for secret in w["tokens"] + w["token_hashes"]:
        assert secret not in text
    assert "r" * 64 not in text and "s" * 64 not in text  # feedback respondents
    assert w["code"] not in text and w["board_key"] not in text
    assert "token" not in text and "respondent" not in text
    people = {p["name"]: p for p in doc["participants"]}
    assert people["Åsa Ström"]["email"] == "asa@example.fi"
    assert people["Åsa Ström"]["email_consent"] and not people["Åsa Ström"]["contact_consent"]
    assert people["Päivi Kärkkäinen"]["contact_consent"]
    assert "onni@example.fi" not in text
    for name in ("Äijä Öhman", "Önni Östman", "Etä-Eero"):
        assert not {"email", "email_consent", "contact_consent"} & set(people[name])


def test_votes_are_anonymous_and_feedback_names_only_who_signed(done):
    _, doc = done
    notes_ballot, themes_ballot = doc["ballots"]
    assert (themes_ballot["scope"], themes_ballot["scope_id"], themes_ballot["open"]) == (
        "themes", 1, False)
    voters = {v["voter"] for b in doc["ballots"] for v in b["votes"]}
    assert voters == {"voter-1", "voter-2", "voter-3", "voter-4"}
    assert len(notes_ballot["votes"]) == 4  # the dot on the deleted note went with it
    assert all(set(v) == {"voter", "slot", "target_type", "target"} for v in notes_ballot["votes"])
    first = doc["notes"][0]["id"]
    # Numbered by what they voted, not by who they are: Åsa (joined second) is voter-1.
    assert sorted(v["voter"] for v in notes_ballot["votes"] if v["target"] == first) == [
        "voter-1", "voter-2", "voter-2"]
    anonymous, signed = sorted(doc["feedback"], key=lambda f: f["participant"] or 0)
    assert (anonymous["participant"], anonymous["created_at"], anonymous["rating"]) == (
        None, None, 4)
    assert by_id(doc["participants"])[signed["participant"]]["name"] == "Åsa Ström"


def test_every_reference_in_the_export_points_at_something_in_it(done):
    _, doc = done
    ids = {kind: set(by_id(doc[kind])) for kind in (
        "topics", "tables", "participants", "notes", "themes")}
    assert all(t["topic"] in ids["topics"] and t["host"] in ids["participants"] | {None}
               for t in doc["tables"])
    assert all(p["table"] in ids["tables"] for p in doc["participants"])
    assert all(s["participant"] in ids["participants"] and s["table"] in ids["tables"]
               for s in doc["seats"])
    assert all(n["table"] in ids["tables"] and n["topic"] in ids["topics"]
               and n["author"] in ids["participants"] for n in doc["notes"])
    assert all(set(t["notes"]) <= ids["notes"] for t in doc["themes"])
    assert all(v["target"] in ids[v["target_type"] + "s"] for b in doc["ballots"]
               for v in b["votes"])


def csv_rows(app, w):
    """The CSV export's bytes (as sent) and its rows."""
    with app.app_context():
        data = export.export_csv(db.session.get(Workshop, w["id"])).encode("utf-8")
    return data, list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_csv_has_one_row_per_note_and_opens_in_excel_with_its_letters_intact(app, done):
    w, doc = done
    data, rows = csv_rows(app, w)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == len(doc["notes"]) + 1 and b"\n" not in data.replace(b"\r\n", b"")
    assert rows[0] == ["table", "topic", "round", "kind", "text", "owner", "due", "created_at",
                       "hidden", "theme", "votes"]
    assert len(rows) == len(doc["notes"]) + 1
    first = dict(zip(rows[0], rows[1]))
    assert first["table"] == "Pöytä A" and first["topic"] == "Osallisuus"
    assert (first["theme"], first["votes"], first["hidden"]) == ("Kohtaamispaikat", "3", "false")
    action = dict(zip(rows[0], rows[2]))
    assert (action["kind"], action["owner"], action["due"], action["theme"]) == (
        "action", "Kunta ja järjestöt", "2026-06-30", "'=Yhteistyö")
    assert "Äijä" not in data.decode("utf-8-sig")  # no names: one row a note, not a person


def test_cells_a_spreadsheet_would_run_as_formulas_stay_text(app, done):
    w, _ = done
    _, rows = csv_rows(app, w)
    texts = [row[4] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://evil.example\",\"klikkaa\")" in texts
    assert "'-5 % budjetista: mitä jää?" in texts
    assert "'+358 40 123 4567 soittaa" in texts
    assert "'@kaikki etäpöytä on mukana" in texts
    assert "Matalan kynnyksen kohtaamispaikat ovat tärkeitä" in texts
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def comparable(doc):
    """An export without what an import makes anew: the time of export and of creation."""
    doc = copy.deepcopy(doc)
    del doc["exported_at"], doc["workshop"]["created_at"]
    return doc


def importer(app):
    """A second facilitator, who imports."""
    with app.app_context():
        return accounts.create_facilitator("toinen@example.fi", "toinen-salasana").id


def test_export_import_export_gives_the_same_document(app, done):
    _, doc = done
    other = importer(app)
    with app.app_context():
        imported = import_.import_bytes(other, json.dumps(doc).encode("utf-8"))
        again = export.export_json(imported)
        twice = export.export_json(import_.import_json(other, again))
    assert comparable(again) == comparable(doc)
    assert comparable(twice) == comparable(doc)


def test_an_imported_workshop_is_new_and_nobody_signs_in_as_before(app, done):
    w, doc = done
    other = importer(app)
    with app.app_context():
        imported = import_.import_json(other, doc)
        assert imported.id != w["id"] and imported.facilitator_id == other
        assert imported.code != w["code"] and imported.board_key != w["board_key"]
        people = db.session.query(Participant).filter_by(workshop_id=imported.id).all()
        assert not {p.token_hash for p in people} & set(w["token_hashes"])
        for token in w["tokens"]:
            assert participants.participant_by_token(token).workshop_id == w["id"]
        # The voters' stand-ins are no one: never in the console, never seated.
        listed = snapshots.console_view(imported)["participants"]
        assert [p["name"] for p in listed] == [row[0] for row in PEOPLE]
        assert len(people) == len(PEOPLE) + 4
        assert db.session.query(Vote).join(Ballot).filter(
            Ballot.workshop_id == imported.id).count() == 5
        assert db.session.query(Topic).filter_by(workshop_id=imported.id).first().description


def broken(doc, change):
    """A copy of the export with one change made to it."""
    doc = copy.deepcopy(doc)
    change(doc)
    return doc


BAD = {
    "a wrong format": (lambda d: d.update(format="trello-board"), "import_not_export", None),
    "a newer version": (lambda d: d.update(version=2), "import_version", None),
    "no version": (lambda d: d.pop("version"), "import_invalid", "version"),
    "no tables": (lambda d: d.update(tables=[]), "import_invalid", "tables"),
    "a missing section": (lambda d: d.pop("notes"), "import_invalid", "notes"),
    "a bad language": (lambda d: d["workshop"].update(language="de"), "import_invalid",
                       "workshop.language"),
    "a note at no table": (lambda d: d["notes"][2].update(table=99), "import_invalid",
                           "notes[2].table"),
    "a text for a number": (lambda d: d["seats"][0].update(round="1"), "import_invalid",
                            "seats[0].round"),
    "a true for a number": (lambda d: d["ballots"][0].update(dots=True), "import_invalid",
                            "ballots[0].dots"),
    "an id twice": (lambda d: d["participants"][1].update(id=1), "import_invalid",
                    "participants[1].id"),
    "an email without consent": (lambda d: d["participants"][0].update(email="x@example.fi"),
                                 "import_invalid", "participants[0].email"),
    "a script for a video link": (lambda d: d["tables"][2].update(video_url="javascript:alert(1)"),
                                  "import_invalid", "tables[2].video_url"),
    "an email that is no address": (lambda d: d["participants"][1].update(
        email="asa@example.fi\r\nBcc: kaikki@example.fi"), "import_invalid",
        "participants[1].email"),
    "a bad time": (lambda d: d["notes"][0].update(created_at="eilen"), "import_invalid",
                   "notes[0].created_at"),
    "a dot twice in one slot": (lambda d: d["ballots"][0]["votes"].append(
        dict(d["ballots"][0]["votes"][0])), "import_invalid", "votes"),
    "a note in two themes": (lambda d: d["themes"][1]["notes"].append(d["themes"][0]["notes"][0]),
                             "import_invalid", "theme notes"),
    "a next meeting too long": (lambda d: d["workshop"].update(next_meeting="x" * 201),
                                "import_invalid", "workshop.next_meeting"),
    "a list for the export": (lambda d: None, "import_not_export", None),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_file_is_refused_and_nothing_of_it_is_kept(app, done, case):
    _, doc = done
    change, code, where = BAD[case]
    data = [doc] if case == "a list for the export" else broken(doc, change)
    with app.app_context():
        before = db.session.query(Workshop).count(), db.session.query(Participant).count()
        with pytest.raises(DomainError) as refused:
            import_.import_json(1, data)
        assert refused.value.code == code
        assert refused.value.params.get("where") == where
        assert (db.session.query(Workshop).count(), db.session.query(Participant).count()) == before


@pytest.mark.parametrize("raw", [b"", b"{not json", "ääkköset".encode("latin-1"), b"[" * 100000])
def test_a_file_that_is_not_json_text_is_refused(app, raw):
    with app.app_context(), pytest.raises(DomainError) as refused:
        import_.import_bytes(1, raw)
    assert refused.value.code == "import_not_json"


def test_the_next_meeting_goes_out_with_the_export_and_comes_back_with_the_import(app, done):
    _, doc = done
    assert doc["workshop"]["next_meeting"] == "Syyskuussa Kajaanissa"
    with app.app_context():
        assert import_.import_json(importer(app), doc).next_meeting == "Syyskuussa Kajaanissa"


def test_an_export_made_before_the_next_meeting_existed_imports_without_one(app, done):
    _, doc = done
    older = broken(doc, lambda d: d["workshop"].pop("next_meeting"))
    with app.app_context():
        assert import_.import_json(importer(app), older).next_meeting == ""


def test_a_deleted_note_stays_out_after_an_import_too(app, done):
    w, doc = done
    with app.app_context():
        imported = import_.import_json(importer(app), doc)
        kept = db.session.query(Note).filter_by(workshop_id=imported.id).all()
        assert len(kept) == len(doc["notes"]) and all(n.deleted_at is None for n in kept)
