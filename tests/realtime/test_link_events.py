""""The same idea" over Socket.IO: acks, what the board and the table hear, hostile payloads."""
import pytest

from facilitation.extensions import db
from facilitation.models import Workshop
from facilitation.services import tables
from tests.support.sockets import ack, board, console, join, phone


def post(client, text):
    """A note posted from a phone; returns its id."""
    return ack(client, "note:add", {"client_id": text[:60], "text": text})["note"]["id"]


@pytest.fixture
def table(app, signed_in, workshop):
    """Table A: a host and two writers, with the board and the console watching."""
    host_id, host = join(app, workshop, "Isäntä", 0)
    writers = [join(app, workshop, name, 0)[1] for name in ("Aino", "Åsa")]
    with app.app_context():
        tables.set_host(db.session.get(Workshop, workshop["id"]), workshop["tables"][0], host_id)
    return {"host": phone(app, host), "writers": [phone(app, t) for t in writers],
            "board": board(app, workshop), "console": console(app, signed_in, workshop)}


def test_a_writer_is_offered_a_similar_note_links_to_it_and_the_board_sees_the_theme(table):
    first = post(table["host"], "Työllisyyspalveluiden yhteensovittaminen kunnan kanssa")
    writer = table["writers"][0]
    offered = ack(writer, "note:similar", {"text": "Kunnan työllisyyspalvelut yhteen"})
    assert offered["ok"] and [n["id"] for n in offered["notes"]] == [first]
    mine = post(writer, "Kunnan työllisyyspalvelut yhteen")
    table["board"].get_received()
    linked = ack(writer, "note:link", {"note_id": mine, "target_id": first})
    assert linked["ok"] and linked["note"]["same_as"] == first and linked["theme_id"]
    heard = table["board"].get_received()
    [theme] = [m["args"][0]["theme"] for m in heard if m["name"] == "theme:changed"]
    assert theme["note_ids"] == [first, mine] and theme["suggested"] is True
    assert [m["args"][0]["note"]["same_as"] for m in heard if m["name"] == "note:linked"] == [
        first]
    back = ack(writer, "note:unlink", {"note_id": mine})
    assert back["ok"] and back["note"]["same_as"] is None and back["theme_id"] is None


@pytest.mark.parametrize("event, payload", [
    ("note:link", {"note_id": True, "target_id": 1}),
    ("note:link", {"note_id": 1, "target_id": "1"}),
    ("note:link", {"note_id": 2**70, "target_id": 1}),
    ("note:unlink", {"note_id": None}),
    ("note:similar", {"text": ["Työllisyyspalveluiden"]}),
    ("note:similar", {"note_id": False}),
    ("note:similar", {"text": "\u202eTyöllisyyspalveluiden\u0000 " * 500}),
    ("note:similar", "not a dict"),
])
def test_hostile_payloads_get_an_answer_never_a_traceback(table, event, payload):
    post(table["host"], "Työllisyyspalveluiden yhteensovittaminen kunnan kanssa")
    reply = ack(table["writers"][1], event, payload)
    assert reply["ok"] is True or reply["error"]["code"] in ("bad_payload", "not_found")
    if reply["ok"]:
        assert isinstance(reply["notes"], list) and len(reply["notes"]) <= 3


def test_the_host_asks_what_the_machine_offers_for_their_table(table):
    a = post(table["writers"][0], "Yhteistyö hankkeiden kesken")
    b = post(table["writers"][1], "Hankkeet tekevät yhteistyötä")
    lone = post(table["writers"][1], "Lisää yhteistyötä hankkeiden välille")
    theme = ack(table["writers"][1], "note:link", {"note_id": b, "target_id": a})["theme_id"]
    ranked = ack(table["host"], "themes:rank", {})
    assert ranked["ok"] and ranked["likely"][str(lone)] == [theme]
    assert ranked["labels"][str(theme)] and ranked["merges"] == []
    assert ack(table["writers"][0], "themes:rank", {})["error"]["code"] == "forbidden"
