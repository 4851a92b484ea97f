"""The café of a real day on a live server: six tables, a 76-character Finnish title, notes of
every kind at each table; and the desk that runs it (the console and the writers' phones)."""
import json
import re

import requests

from tests.support.live import LiveClient

TITLE = "Työllisyyspalveluiden yhteensovittaminen ja opinnollistaminen Kainuussa 2026"
TOPICS = ["Työllisyyspalveluiden yhteensovittaminen", "Opinnollistaminen ja osaamisen tunnistaminen",
          "Nuorten työllisyyspalveluiden saavutettavuus", "Maahanmuuttajien kotoutumispalvelut",
          "Järjestöyhteistyö ja vapaaehtoistoiminta", "Etäpalvelut Kainuun syrjäseuduilla"]
NOTES = ["Työllisyyspalveluiden yhteensovittaminen kuntien kesken",
         "Opinnollistaminen näkyväksi työtodistuksiin", "Yhteiset hankehakemukset syksyllä",
         "Matalan kynnyksen palveluohjaus kirjastoon", "Työnantajakontaktit jaetaan verkostossa",
         "Samarbete mellan kommunerna och föreningarna"]
CRYSTAL = "Palveluiden yhteensovittaminen vaatii yhteisen asiakasohjauksen ja tiedonkulun."


def open_cafe(server):
    """A six-table café with the long title, notes of every kind and a next meeting."""
    out = server.run_python(
        "import datetime, json\n"
        "from facilitation.services import workshops, participants, notes\n"
        "tables = [{'name': f'Pöytä {i}'} for i in range(1, 6)] + "
        "[{'name': 'Etäpöytä', 'remote': True}]\n"
        f"topics = [{{'title': t}} for t in {TOPICS!r}]\n"
        f"w = workshops.create_workshop(1, {TITLE!r}, tables, topics, rounds=2, "
        "next_meeting='Seuraava verkostotapaaminen 12.6.2026 klo 9 Kajaanissa')\n"
        "tokens = []\n"
        "for n, t in enumerate(w.tables):\n"
        "    p, token = participants.join(w, f'Kirjoittaja {n}', table_id=t.id, remote=t.remote)\n"
        "    tokens.append(token)\n"
        "    for i in range(2 + n % 3):\n"
        "        kind = ['note', 'action', 'insight'][i % 3]\n"
        "        fields = {'kind': kind, 'owner': 'Kajaanin kaupunki' if kind == 'action' else None, "
        "'due': datetime.date(2026, 9, 30) if kind == 'action' else None}\n"
        f"        notes.add_note(p, f'n{{n}}-{{i}}', {NOTES!r}[(n + i) % {len(NOTES)}], fields)\n"
        "print(json.dumps({'id': w.id, 'code': w.code, 'key': w.board_key, "
        "'tokens': tokens, 'tables': [t.id for t in w.tables]}))")
    return json.loads(out.strip().splitlines()[-1])


NOTE_COUNT = sum(2 + n % 3 for n in range(6))


class Desk:
    """The facilitator's console and the writers' phones as Socket.IO clients of the café."""

    def __init__(self, server, cafe):
        self.server, self.cafe = server, cafe
        http = requests.Session()
        form = http.get(f"{server.url}/login", timeout=10).text
        csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
        http.post(f"{server.url}/login", timeout=10, allow_redirects=False,
                  data={"csrf_token": csrf, "email": "live@example.fi", "password": "kahvia-ja-pullaa"})
        cookie = "; ".join(f"{k}={v}" for k, v in http.cookies.items())
        self.console = LiveClient(server, {"role": "console", "workshop_id": cafe["id"]},
                                  headers={"Cookie": cookie})
        self.phones = [LiveClient(server, {"role": "participant", "token": t}) for t in cafe["tokens"]]

    def do(self, event, data=None, client=None):
        """Send an event from the console (or a phone) and return its successful ack."""
        ack = (client or self.console).call(event, data or {})
        assert ack["ok"], (event, ack)
        return ack

    def snapshot(self):
        """What the console sees now."""
        return self.do("sync", {"last_seq": 0})["snapshot"]

    def feedback(self, token, rating):
        """Answer the feedback over HTTP as a phone does."""
        with requests.Session() as http:
            page = http.get(f"{self.server.url}/w/{self.cafe['code']}/feedback", timeout=10).text
            csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
            answer = http.post(f"{self.server.url}/w/{self.cafe['code']}/feedback.json", timeout=10,
                               json={"rating": rating},
                               headers={"X-CSRFToken": csrf, "Authorization": f"Bearer {token}"})
        assert answer.json()["ok"], answer.text

    def close(self):
        """Disconnect every client."""
        for client in [self.console, *self.phones]:
            client.close()
