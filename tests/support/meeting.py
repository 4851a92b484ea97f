"""A whole network meeting run through the services, from joining to feedback: what the
summary tests read."""
from datetime import date

from facilitation.extensions import db
from facilitation.models import Feedback
from facilitation.services import notes, participants, tables, themes, votes, workshops
from facilitation.services.actors import Actor

HOSTILE = '<script>alert(1)</script> [klikkaa](javascript:alert(1))'


def post(person, text, **fields):
    """A note posted through the service; returns it."""
    return notes.add_note(person, f"c-{person.id}-{text[:30]}", text,
                          notes.note_fields(fields) if fields else None)[0]


def run_workshop(facilitator_id, language="fi", next_meeting=""):
    """A network meeting from joining to feedback, through the services; returns the workshop."""
    w = workshops.create_workshop(
        facilitator_id, "Keski-Suomen verkostotapaaminen",
        tables=[{"name": "Pöytä A"}, {"name": "Pöytä B"},
                {"name": "Etäpöytä", "remote": True, "video_url": "https://meet.example.fi/x"}],
        topics=[{"title": "Verkostoyhteistyön tavoitteet", "prompts": ["Mitä tavoittelemme yhdessä?"]},
                {"title": "Tapahtumat"}, {"title": "Hyvinvointi"}],
        date_=date(2026, 5, 15), place="Jyväskylä", language=language, next_meeting=next_meeting)
    table_a, table_b, remote = w.tables
    maija = participants.join(w, "Maija Meikäläinen", "Esimerkki ry", "ngo", table_a.id)[0]
    pekka = participants.join(w, "Pekka", "Jyväskylän kaupunki", "municipality", table_a.id)[0]
    liisa = participants.join(w, "Liisa", "Gradia", "college", table_b.id)[0]
    eero = participants.join(w, "Eero Etä", "Firma Oy", "company", remote.id, remote=True)[0]
    # Consent is given on the phone's own page; here it is set as that page would store it.
    maija.email, maija.contact_consent = "maija@example.fi", True
    eero.contact_consent = True
    liisa.email = "liisa@example.fi"  # an address for the mail, but no consent to the list
    db.session.commit()

    together = [post(p, text) for p, text in [
        (maija, "Yhteistyötä tulevissa hankkeissa"), (pekka, "Hankkeiden yhteistyö tiiviimmäksi"),
        (maija, "Yhteiset hankehakemukset"), (pekka, "Kumppaneita omaan hankkeeseen"),
        (maija, "Enemmän yhteistyötä hankkeiden kesken")]]
    events = [post(maija, "Tapahtumien järjestäminen yhdessä"), post(pekka, "Yhteinen seminaarikalenteri")]
    post(maija, "Selkoa rahoittajien ohjaukseen")
    hostile = post(pekka, HOSTILE)
    post(maija, "Kootaan yhteinen seminaarikalenteri", kind="action", owner="Nuorten hanke",
          due="2026-06-01")
    hidden = post(pekka, "Piilotettu lappu")
    gone = post(maija, "Poistettu lappu")
    post(liisa, "B-pöydän ajatus tapahtumista")

    topic = table_a.topic_id
    big = themes.create_theme(Actor.for_console(w), "tuleva yhteistyö hankkeissa", topic_id=topic,
                              note_ids=[n.id for n in together])
    themes.create_theme(Actor.for_console(w), "tapahtumien järjestäminen yhdessä", topic_id=topic,
                        note_ids=[n.id for n in events])
    tables.crystallise(table_a, "Verkostotyö on ennen kaikkea ihmissuhteita.")

    votes.open_ballot(w, "notes", dots=3)
    for voter in (maija, pekka, liisa):
        votes.add_dot(voter, "note", events[1].id)
    votes.add_dot(maija, "note", hostile.id)
    votes.add_dot(pekka, "note", hidden.id)
    votes.open_ballot(w, "themes", topic, dots=2)
    for voter in (maija, pekka):
        votes.add_dot(voter, "theme", big.id)

    notes.set_hidden(w, hidden.id, True)
    notes.delete_note(gone)
    for rating, takeaway, wishes in [(4, "Uudet kontaktit", "Lisää esimerkkejä"), (2, "", ""),
                                     (2, "Tieto hankkeista", "")]:
        db.session.add(Feedback(workshop_id=w.id, respondent=f"r{rating}{takeaway}", rating=rating,
                                takeaway=takeaway, wishes=wishes))
    db.session.commit()
    return w
