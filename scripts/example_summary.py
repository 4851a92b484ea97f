"""Write docs/example-summary.md: the summary the app makes of a realistic network meeting.

The Kainuu project coffee of sessions/hankekahvi-kainuu.md is run from start to end in a
temporary SQLite database, through the app's own factory and services: twenty people of the
region's organisations join at six tables, post sticky notes in two rounds, the hosts stay
and write their tables' crystallisations, the notes are condensed into suggested themes
(as the console's *Suggest themes* does) and accepted, then reviewed as a facilitator does
on the Themes page (a few misplaced notes moved, each theme given a short name), everyone
dot-votes the themes, a few actions get owners and due dates, half the people give
feedback and some share their contacts. The summary written is the one the console's
Summary page would show.

    python scripts/example_summary.py

Names, notes and dates are fixed and the vote is drawn with a fixed seed, so every run
writes the same file; tests/services/test_example_summary.py keeps docs/ true to it.
Notes of the first topic come from tests/data/condense/opinnollistaminen.jsonl, some of
the last from nuorten_tavoittaminen.jsonl and verkostotapaaminen.jsonl; the rest are
written in the same style.
"""
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a file, the package is one folder up

from sqlalchemy import select  # noqa: E402

from facilitation import create_app  # noqa: E402
from facilitation.config import Config  # noqa: E402
from facilitation.extensions import db  # noqa: E402
from facilitation.models import Note, Participant, ThemeNote  # noqa: E402
from facilitation.plans import load_plan  # noqa: E402
from facilitation.services import (  # noqa: E402
    accounts,
    consent,
    feedback,
    notes,
    participants,
    plan_io,
    rounds,
    summaries,
    tables,
    themes,
    votes,
)
from facilitation.services.actors import Actor  # noqa: E402

PLAN = ROOT / "sessions" / "hankekahvi-kainuu.md"
OUTPUT = ROOT / "docs" / "example-summary.md"
DATE = "2026-11-12"
NEXT_MEETING = ("Torstaina 4.3.2027 klo 9–11 Sotkamossa: opinnollistamisen kokeilun "
                "ensimmäiset kokemukset")
VOTE_SEED = 2026
DOTS = 3

# name, organisation, organisation type, table in round 1 (0–5), email or None, in the
# contact list. The first at each table hosts it and stays there.
PEOPLE = [
    ("Kaisa Seppänen", "Kainuun ammattiopisto", "college", 0, "kaisa.seppanen@example.fi", True),
    ("Anu Heikkinen", "Kainuun hyvinvointialue", "wellbeing_area", 1,
     "anu.heikkinen@example.fi", True),
    ("Timo Heikura", "Kainuun työllisyysalue", "municipality", 2, "timo.heikura@example.fi", True),
    ("Riikka Väisänen", "Kainuun hyvinvointialue", "wellbeing_area", 3,
     "riikka.vaisanen@example.fi", False),
    ("Satu Moilanen", "Kainuun Järjestöareena ry", "ngo", 4, "satu.moilanen@example.fi", True),
    ("Petri Juntunen", "Sotkamon kunta", "municipality", 5, None, False),
    ("Mikko Huotari", "Kajaanin ammattikorkeakoulu", "college", 0,
     "mikko.huotari@example.fi", False),
    ("Hanna Leinonen", "Elinvoimakeskuksen Kajaanin toimipiste", "vitality_centre", 2,
     "hanna.leinonen@example.fi", True),
    ("Pekka Kemppainen", "Kuhmon kaupunki", "municipality", 5, None, False),
    ("Leena Tolonen", "Nuorten työpaja Pajari", "ngo", 4, None, False),
    ("Minna Pääkkönen", "Suomussalmen kunta", "municipality", 2,
     "minna.paakkonen@example.fi", False),
    ("Ville Ahtonen", "Rakennusliike Ahtonen Oy", "company", 0, None, False),
    ("Anne Korhonen", "Kainuun hyvinvointialue", "wellbeing_area", 3, None, False),
    ("Marjo Ylönen", "Kajaanin seudun työttömät ry", "ngo", 1, "marjo.ylonen@example.fi", True),
    ("Eija Kananen", "Kainuun kansanopisto", "college", 4, None, False),
    ("Olli Rytkönen", "Paltamon kunta", "municipality", 0, None, False),
    ("Sari Komulainen", "Kainuun mielenterveysseura ry", "ngo", 3, None, False),
    ("Jukka Karppinen", "Kainuun Yrittäjät", "other", 2, None, False),
    ("Tiina Pulkkinen", "Ohjaamo Kajaani", "municipality", 5, "tiina.pulkkinen@example.fi", False),
    ("Elina Vartiainen", "Elinvoimakeskuksen kotoutumispalvelut", "vitality_centre", 1,
     None, False),
]

# Each topic's notes: (round 1, round 2), posted in turn by the people at its table.
NOTES = [
    (["Asiakkaan motivaatio kasvaa kun näkee edistymisen",
      "Työtehtävät kuvataan ja verrataan tutkinnon perusteisiin",
      "Tiiviimpi yhteistyö ammattiopiston kanssa", "Digitaalinen portfolio?",
      "Nuorten työpajat mukaan", "Kuka maksaa opinnollistamisen? Rahoitus epäselvä",
      "Opettaja käymään työpaikalla säännöllisesti", "Sama malli kaikille kunnille Kainuussa",
      "Työpaikkaohjaajille koulutusta opinnollistamisesta",
      "Oppilaitokset mukaan suunnitteluun alusta asti", "Motivoi hakeutumaan opiskelemaan",
      "Osaamisen tunnistaminen työtoiminnassa",
      "Hankerahoitus loppuu, miten toiminta jatkuu?"],
     ["Yhteyshenkilö oppilaitokselta jokaiselle työpaikalle",
      "Onnistumisen kokemukset vahvistavat itsetuntoa", "Kielitaidon tuki maahanmuuttajille",
      "Työnohjaajan valmennus ja vertaistuki muille ohjaajille",
      "Opitut taidot kirjataan ylös, ettei osaaminen katoa",
      "Ei ole resursseja, henkilöstöä liian vähän",
      "Osaamistodistus asiakkaalle työjakson lopuksi",
      "Asiakkaan osaaminen näkyväksi – tunnistetaan mitä hän jo osaa",
      "Työtehtävien kuvaukset valmiiksi jokaiseen työpisteeseen",
      "Ohjaajan käsikirja ja koulutuspäivä",
      "Dokumentointi osaamisesta, josta hyötyä työnhaussa",
      "Ohjaajat tarvitsevat perehdytystä, miten opinnollistetaan"]),
    (["Yli 55-vuotiaat jäävät helposti palvelujen ulkopuolelle",
      "Ikääntyneet työnhakijat unohtuvat, ikäsyrjintää rekrytoinnissa",
      "Digipalvelut eivät tavoita kaikkia: ei laitetta tai taitoja",
      "Sähköinen asiointi on osalle liian vaikeaa, tarvitaan kasvokkaista palvelua",
      "Pitkät välimatkat: Kuhmosta ja Suomussalmelta ei käydä Kajaanissa joka viikko",
      "Palvelut jalkautuvat kuntiin ja kyliin"],
     ["Etäohjausta niille, joille matka on liian pitkä",
      "Anonyymi rekrytointi kokeiluun kunnissa",
      "Työnantajille tietoa monimuotoisesta rekrytoinnista ja palkkatuesta",
      "Kielitaitovaatimukset liian korkeat avustaviin töihin",
      "Omat ennakko-oletukset: koulutusta koko henkilöstölle",
      "Selkokieli kaikkeen asiakasviestintään"]),
    (["Asiakas ei tiedä, mihin ottaa yhteyttä muutoksen jälkeen",
      "Asiakkaalle uusi vastuutaho ja uusi yhteyshenkilö: kuka auttaa nyt?",
      "Yhteyshenkilöt katkeavat, kun työntekijät vaihtavat organisaatiota",
      "Monialainen yhteispalvelu (TYP) säilytettävä uudessa mallissa",
      "Ohjaamon malli siirrettävä sellaisenaan uuteen rakenteeseen",
      "Selkoa rahoittajien ohjaukseen"],
     ["Järjestöt mukaan palvelutuotantoon: hankinnat pienempiin osiin",
      "Pienet toimijat eivät jaksa raskaita kilpailutuksia",
      "Kumppanuussopimukset järjestöjen kanssa kilpailutuksen sijaan",
      "Tietoa meneillään olevasta kehitystyöstä",
      "Ajantasainen tieto muutoksesta yhteen paikkaan",
      "Kuukausittainen infokahvi muutoksen ajan",
      "Näkyvyyttä hyvälle toiminnalle, vaikuttaminen päättäjiin"]),
    (["Kuntouttava työtoiminta antaa päivärytmin ja syyn lähteä kotoa",
      "Päivärytmi ja arjen hallinta paranevat työtoiminnassa",
      "Jakso loppuu ja asiakas palaa tyhjän päälle",
      "Jatkopolku puuttuu työtoimintajakson jälkeen",
      "Sosiaalityön ja työllisyyspalvelujen yhteinen asiakassuunnitelma",
      "Sosiaalinen kuntoutus ja työllisyyspalvelut samaan verkostopalaveriin"],
     ["Asiakkaan oma tavoite kirjataan suunnitelmaan hänen omin sanoin",
      "Asiakas mukaan omaan palaveriinsa, ei puhuta hänestä ilman häntä",
      "Työtoiminnasta palkkatukityöhön välivaihe, esim. osa-aikaisena",
      "Välityömarkkinoita tarvitaan: työtoiminnasta ei hypätä suoraan avoimille markkinoille",
      "Ohjaajia liian vähän, ryhmät liian isoja",
      "Kuljetus työtoimintaan maaseudulta puuttuu"]),
    (["Osallisuus on sitä, että saa vaikuttaa omiin asioihinsa",
      "Asiakasraati kehittämään työllisyyspalveluja",
      "Asiakkaat mukaan palvelujen suunnitteluun alusta asti, ei vasta lopuksi",
      "Vertaisohjaajat, jotka ovat itse olleet samassa tilanteessa",
      "Pienet teot: tervehditään nimeltä, kysytään mielipidettä"],
     ["Kokemusasiantuntija mukaan hankkeen ohjausryhmään",
      "Kokemusasiantuntijoille palkkio, ei pelkkä kiitos",
      "Kokemusasiantuntijuus osaksi hankkeiden suunnittelua",
      "Kuulumisen tunne syntyy, kun saa olla hyödyksi",
      "Vapaaehtoistyö on osallisuutta myös ilman työpaikkaa",
      "Vertaistuki nuorelta nuorelle"]),
    (["Masennus ja ahdistus estävät työnhaun", "Mielenterveyspalveluihin pääsy nopeammin",
      "Jonot psykiatrialle liian pitkät", "Asunnottomuus pitää ratkaista ensin",
      "Velkaneuvonta", "Pelko tukien menettämisestä estää kokeilemasta",
      "Kela-paperit liian vaikeita täyttää", "Apua Kelan hakemusten tekemiseen"],
     ["Matalan kynnyksen paikka, jonne voi tulla ilman ajanvarausta",
      "Kahvia ja juttelua, ei heti lomakkeita", "Ilman ajanvarausta pääsee juttelemaan",
      "Sama ohjaaja koko ajan, ei vaihtuvia työntekijöitä",
      "Työntekijät vaihtuvat liian usein", "Koko perhe huomioon",
      "Kuljetus maaseudulta kaupunkiin ilmaiseksi",
      "Hyvinvoinnin mittariksi asiakkaan oma arvio, ei vain työllistyminen"]),
]

# Table (0–5): what its host agreed to do, who owns it, by when; posted in round 2.
ACTIONS = {
    0: ("Käynnistetään opinnollistamisen kokeilu kolmessa työtoimintayksikössä",
        "Kainuun ammattiopisto ja Kainuun työllisyysalue", "2027-01-31"),
    2: ("Avataan verkostolle yhteinen kanava muutostiedotteille",
        "Kainuun työllisyysalue, Timo Heikura", "2026-12-04"),
    3: ("Kootaan kartta jatkopoluista työtoimintajakson jälkeen",
        "Kainuun hyvinvointialue, sosiaalinen kuntoutus", "2027-02-26"),
}

# The facilitator's review of the suggested themes on the Themes page: a note that landed
# in the wrong theme is moved (beside a note of the right one) or left on its own (None) ...
MOVES = [
    ("Kielitaidon tuki maahanmuuttajille", None),
    ("Kuljetus työtoimintaan maaseudulta puuttuu", None),
    ("Kahvia ja juttelua, ei heti lomakkeita", "Ilman ajanvarausta pääsee juttelemaan"),
    ("Yli 55-vuotiaat jäävät helposti palvelujen ulkopuolelle",
     "Ikääntyneet työnhakijat unohtuvat, ikäsyrjintää rekrytoinnissa"),
    ("Palvelut jalkautuvat kuntiin ja kyliin", "Etäohjausta niille, joille matka on liian pitkä"),
    ("Jakso loppuu ja asiakas palaa tyhjän päälle", "Jatkopolku puuttuu työtoimintajakson jälkeen"),
    ("Kokemusasiantuntijuus osaksi hankkeiden suunnittelua",
     "Kokemusasiantuntija mukaan hankkeen ohjausryhmään"),
]
# ... and each theme, known by one of its notes, gets a short name as the memos have them.
LABELS = {
    "Osaamisen tunnistaminen työtoiminnassa": "osaamisen tunnistaminen ja näkyväksi tekeminen",
    "Tiiviimpi yhteistyö ammattiopiston kanssa": "yhteistyö oppilaitosten kanssa",
    "Työpaikkaohjaajille koulutusta opinnollistamisesta": "työpaikkaohjaajien koulutus",
    "Asiakkaan motivaatio kasvaa kun näkee edistymisen": "asiakkaan motivaatio ja itsetunto",
    "Hankerahoitus loppuu, miten toiminta jatkuu?": "rahoitus ja resurssit",
    "Työtehtävät kuvataan ja verrataan tutkinnon perusteisiin":
        "työtehtävien kuvaaminen tutkinnon perusteisiin",
    "Ikääntyneet työnhakijat unohtuvat, ikäsyrjintää rekrytoinnissa":
        "ikääntyneet työnhakijat ja monimuotoinen rekrytointi",
    "Etäohjausta niille, joille matka on liian pitkä":
        "pitkät välimatkat: palvelut lähelle tai etänä",
    "Digipalvelut eivät tavoita kaikkia: ei laitetta tai taitoja":
        "digipalvelujen rinnalle kasvokkaista palvelua",
    "Asiakas ei tiedä, mihin ottaa yhteyttä muutoksen jälkeen":
        "asiakas ei saa pudota väliin: yhteyshenkilöt näkyviin",
    "Kumppanuussopimukset järjestöjen kanssa kilpailutuksen sijaan":
        "järjestöt ja pienet toimijat mukaan palvelujen tuottamiseen",
    "Kuukausittainen infokahvi muutoksen ajan": "ajantasainen tieto muutoksesta",
    "Jatkopolku puuttuu työtoimintajakson jälkeen":
        "jatkopolut ja välivaiheet työtoiminnan jälkeen",
    "Päivärytmi ja arjen hallinta paranevat työtoiminnassa": "päivärytmi ja arjen hallinta",
    "Sosiaalityön ja työllisyyspalvelujen yhteinen asiakassuunnitelma":
        "yhteinen asiakassuunnitelma asiakkaan omin sanoin",
    "Kokemusasiantuntija mukaan hankkeen ohjausryhmään": "kokemusasiantuntijat ja vertaiset mukaan",
    "Osallisuus on sitä, että saa vaikuttaa omiin asioihinsa":
        "vaikuttaminen omiin asioihin ja pienet teot",
    "Asiakasraati kehittämään työllisyyspalveluja": "asiakkaat mukaan kehittämään palveluja",
    "Kela-paperit liian vaikeita täyttää": "byrokratia ja tukien menettämisen pelko",
    "Jonot psykiatrialle liian pitkät": "mielenterveyspalvelut ja jaksaminen",
    "Ilman ajanvarausta pääsee juttelemaan": "matalan kynnyksen palvelut",
    "Työntekijät vaihtuvat liian usein": "pysyvä työntekijä ja luottamus",
}

CRYSTALLISATIONS = [
    "Osaaminen on jo olemassa, se pitää vain tunnistaa ja kirjata. Kokeillaan yhteistä "
    "mallia oppilaitoksen ja työtoiminnan kesken ja koulutetaan ohjaajat.",
    "Yhdenvertaisuus on Kainuussa ennen kaikkea saavutettavuutta: palvelut lähelle, "
    "kasvokkain tai etänä, ja selkokielellä.",
    "Muutoksessa tärkeintä on, ettei asiakas putoa väliin: yhteyshenkilöt näkyviin ja "
    "järjestöt mukaan palvelutuotantoon.",
    "Työtoiminta toimii, mutta polku katkeaa jakson lopussa. Tarvitaan välivaiheita ja "
    "asiakkaan oma ääni suunnitelmiin.",
    "Osallisuus syntyy, kun asiakas pääsee vaikuttamaan: kokemusasiantuntijat mukaan "
    "hankkeisiin, ja heille reilu palkkio.",
    "Apu ajoissa ja matalalla kynnyksellä: mielenterveys ja arjen asiat ensin, sama "
    "työntekijä pitkään.",
]

# Person (index in PEOPLE), rating 1–4, most important takeaway, wishes for next time.
FEEDBACK = [
    (0, 4, "Opinnollistamisen kokeiluun löytyi kumppanit", ""),
    (2, 4, "Uusia kontakteja muista kunnista", "Enemmän aikaa keskustelulle"),
    (4, 3, "Järjestöjen näkökulma tuli hyvin esiin", "Työnantajia mukaan ensi kerralla"),
    (6, 4, "Kiteytykset olivat osuvia", "Sama tapa uudestaan"),
    (8, 3, "", "Pidempi kahvitauko verkostoitumiseen"),
    (10, 4, "Hyvä kuulla, miten muutos etenee muissa kunnissa", ""),
    (12, 2, "", "Vähemmän aiheita yhteen aamupäivään"),
    (13, 4, "Tutustuin sosiaalisen kuntoutuksen väkeen",
     "Etäosallistuminen mahdolliseksi Kuhmosta ja Suomussalmelta"),
    (16, 3, "Selkeä pohja jatkotyölle", ""),
    (18, 4, "Konkreettiset sopimukset ja vastuuhenkilöt",
     "Seuraavalla kerralla kokeilujen tuloksista"),
]


def build_summary(folder):
    """Run the workshop in a fresh database under `folder`; return its summary Markdown."""
    app = create_app(_config(Path(folder)))
    with app.app_context():
        db.create_all()
        try:
            return summaries.current_summary(run_workshop()).markdown
        finally:
            db.session.remove()
            db.engine.dispose()


def _config(folder):
    """Settings for a throwaway app: its own instance folder and SQLite file, no eventlet."""
    class ExampleConfig(Config):
        INSTANCE_PATH = str(folder / "instance")
        SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(folder / "example.sqlite")
        SECRET_KEY = "example-summary"
        ASYNC_MODE = "threading"
        MESSAGE_QUEUE = None
    return ExampleConfig


def run_workshop():
    """Take the workshop from its plan to closed, as the people in the room would."""
    workshop = _open_plan(accounts.create_facilitator("fasilitaattori@example.fi",
                                                      "kahvia-ja-pullaa").id)
    people = _join(workshop)
    rounds.advance(workshop)  # round 1
    _post_round(workshop, 0)
    rounds.advance(workshop)  # move break: the hosts stay, the others are sent on
    rounds.advance(workshop)  # round 2
    _post_round(workshop, 1)
    _post_actions(workshop)
    rounds.advance(workshop)  # harvest
    _accept_suggested_themes(workshop)
    _review_themes(workshop)
    _crystallise(workshop)
    _dot_vote(workshop, people)
    rounds.advance(workshop)  # feedback
    _give_feedback(people)
    _share_details(people)
    rounds.advance(workshop)  # closed
    return workshop


def _open_plan(facilitator_id):
    """Open the Kainuu plan with this event's date, two rounds and the next meeting."""
    plan = load_plan(PLAN)
    # The morning began with the projects' news, so the café had time for two rounds.
    plan.update(date=DATE, rounds=2, next_meeting=NEXT_MEETING)
    return plan_io.open_plan(facilitator_id, plan, f"sessions/{PLAN.name}")


def _join(workshop):
    """Everyone joins at their first table, hosts first; returns them in PEOPLE's order."""
    return [participants.join(workshop, name, organisation, kind, workshop.tables[table].id)[0]
            for name, organisation, kind, table, _email, _listed in PEOPLE]


def _people_at(table):
    """The people sitting at a table now, in the order they joined."""
    return db.session.scalars(select(Participant).where(
        Participant.table_id == table.id).order_by(Participant.id)).all()


def _post_round(workshop, round_index):
    """Post this round's notes at every table, the people there taking turns."""
    for position, table in enumerate(workshop.tables):
        authors = _people_at(table)
        for number, text in enumerate(NOTES[position][round_index]):
            author = authors[number % len(authors)]
            notes.add_note(author, f"r{round_index + 1}-t{position + 1}-{number}", text)


def _post_actions(workshop):
    """The hosts write down what their tables agreed to do, with an owner and a due date."""
    for position, (text, owner, due) in ACTIONS.items():
        host = db.session.get(Participant, workshop.tables[position].host_id)
        notes.add_note(host, f"action-t{position + 1}", text,
                       notes.note_fields({"kind": "action", "owner": owner, "due": due}))


def _accept_suggested_themes(workshop):
    """Condense the notes into suggested themes (the console's button) and accept them all."""
    for theme in themes.suggest_themes(Actor.for_console(workshop)):
        themes.accept_theme(Actor.for_console(workshop), theme.id)


def _review_themes(workshop):
    """Do what the facilitator does on the Themes page: move misplaced notes, name themes."""
    _move_misplaced_notes(workshop)
    for text, label in LABELS.items():
        theme_id = _theme_id(workshop, text)
        if theme_id is not None:  # condensing may have left that note on its own
            themes.rename_theme(Actor.for_console(workshop), theme_id, label)


def _move_misplaced_notes(workshop):
    """Move the notes condensing put in the wrong theme; drop a theme left empty."""
    for text, beside in MOVES:
        note_id, target = _note_id(workshop, text), _theme_id(workshop, beside)
        if target is not None:
            themes.assign_notes(Actor.for_console(workshop), target, [note_id])
        elif beside is None:
            themes.unassign_notes(Actor.for_console(workshop), [note_id])
    for theme in themes.themes_of(workshop.id):
        if not theme["count"]:
            themes.delete_theme(Actor.for_console(workshop), theme["id"])


def _note_id(workshop, text):
    """The id of the workshop's note with this text."""
    return db.session.scalar(select(Note.id).where(Note.workshop_id == workshop.id,
                                                   Note.text == text))


def _theme_id(workshop, text):
    """The id of the theme the note with this text is in, or None."""
    if text is None:
        return None
    return db.session.scalar(select(ThemeNote.theme_id).where(
        ThemeNote.note_id == _note_id(workshop, text)))


def _crystallise(workshop):
    """Each host writes their table's crystallisation on their phone."""
    for table, text in zip(workshop.tables, CRYSTALLISATIONS):
        tables.crystallise_as_host(db.session.get(Participant, table.host_id), text)


def _dot_vote(workshop, people):
    """Everyone puts their dots on the themes; larger themes draw more dots (seeded)."""
    chooser = random.Random(VOTE_SEED)
    candidates = themes.themes_of(workshop.id)
    votes.open_ballot(workshop, "themes", dots=DOTS)
    for person in people:
        for theme in chooser.choices(candidates, [t["count"] for t in candidates], k=DOTS):
            votes.add_dot(person, "theme", theme["id"])
    votes.close_ballot(workshop)


def _give_feedback(people):
    """About half the people rate the workshop and say what they take with them."""
    for person, rating, takeaway, wishes in FEEDBACK:
        feedback.give_feedback(people[person], rating, takeaway, wishes)


def _share_details(people):
    """Some ask for the summary by email, and some of those join the contact list."""
    for person, (*_, email, listed) in zip(people, PEOPLE):
        if email:
            consent.set_email(person, email, True)
        if listed:
            consent.set_contact(person, True)


def main():
    """Write the example summary into docs/ and say where."""
    with tempfile.TemporaryDirectory() as folder:
        text = build_summary(folder)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"Wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
