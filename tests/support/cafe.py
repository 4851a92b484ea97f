"""The one café builder: the workshop every layer of the suite runs in, and its variants."""
from pathlib import Path

from facilitation.services import workshops

ROOT = Path(__file__).resolve().parents[2]

#: Two tables in the room and one remote, each with a topic of its own.
TABLES = [{"name": "Pöytä A"}, {"name": "Pöytä B"},
          {"name": "Etäpöytä", "remote": True, "video_url": "https://meet.example.fi/x"}]
TOPICS = [{"title": "Osallisuus", "prompts": ["Mikä toimii?", "Mitä puuttuu?"]},
          {"title": "Työn opinnollistaminen", "prompts": []},
          {"title": "Hyvinvointi", "prompts": []}]


def numbered(table_count, remote_tables=0):
    """`table_count` tables in the room and `remote_tables` remote ones, a topic each."""
    tables = [{"name": f"Pöytä {i + 1}"} for i in range(table_count)]
    tables += [{"name": f"Etä {i + 1}", "remote": True} for i in range(remote_tables)]
    return tables, [{"title": f"Aihe {i + 1}"} for i in range(len(tables))]


def ids(workshop):
    """The plain ids a test keeps of a workshop (no ORM object outlives its context)."""
    return {"id": workshop.id, "code": workshop.code, "board_key": workshop.board_key,
            "tables": [t.id for t in workshop.tables]}


def make_workshop(app, facilitator_id, title="Hankekahvi", language="fi", tables=None,
                  topics=None, **settings):
    """A workshop of the given tables and topics (by default TABLES and TOPICS); plain ids."""
    with app.app_context():
        workshop = workshops.create_workshop(
            facilitator_id, title, tables or TABLES, topics or TOPICS, language=language,
            **settings)
        return ids(workshop)


def seed_code(title, tables=None, topics=None, email="live@example.fi",
              password="kahvia-ja-pullaa"):
    """Python for a live server's app: the facilitator and the same café; prints its ids."""
    return (
        "from facilitation.services import accounts, workshops\n"
        f"f = accounts.create_facilitator({email!r}, {password!r})\n"
        f"w = workshops.create_workshop(f.id, {title!r}, {tables or TABLES!r}, {topics or TOPICS!r})\n"
        "print(w.id, w.code, w.board_key, *[t.id for t in w.tables])")
