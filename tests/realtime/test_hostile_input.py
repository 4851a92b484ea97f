"""Hostile payloads and frames: refused as `bad_payload` (or `unknown_event`), never a crash."""
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitation.extensions import db, socketio
from facilitation.models import CafeTable
from facilitation.realtime.payloads import BOOLEANS, ID_LISTS, INTEGERS, TEXTS
from facilitation.realtime.presence import online_ids
from tests.support.sockets import board, console, join, phone

TOO_BIG = 2 ** 64
HOSTILE_TEXT = ["\ud800", "Nimi\x00", "\u202eTyöllisyyspalveluiden yhteensovittaminen",
                "Työllisyyspalveluiden yhteensovittaminen", "Ålands landskapsregering", ""]


def ack(client, event, *args):
    """Emit and return the acknowledgement."""
    return client.emit(event, *args, callback=True)


@pytest.fixture
def people(app, client, signed_in, workshop):
    """A phone (the host of table A), the board and the console; rate limits out of the way."""
    app.config.update(EVENTS_BURST=10 ** 9, NOTES_BURST=10 ** 9)
    person_id, token = join(app, workshop, "Maija")
    with app.app_context():
        db.session.get(CafeTable, workshop["tables"][0]).host_id = person_id
        db.session.commit()
    return {"phone": phone(app, token), "board": board(app, workshop),
            "console": console(app, signed_in, workshop), "person_id": person_id}


def no_tracebacks(caplog):
    """The log holds no error (a traceback) from the handlers."""
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("event, payload", [
    ("note:delete", {"note_id": TOO_BIG}),
    ("table:choose", {"table_id": -TOO_BIG}),
    ("vote:remove", {"target_type": ["note"], "target_id": {"id": 1}}),
    ("vote:add", {"target_type": "note", "target_id": TOO_BIG}),
    ("note:add", {"client_id": "c-1", "text": "\ud800"}),
    ("note:add", {"client_id": "\ud800", "text": "Hyvä"}),
    ("sync", {"last_seq": TOO_BIG}),
    ("theme:create", {"label": "Teema", "note_ids": [TOO_BIG]}),
])
def test_malformed_payloads_are_refused_as_bad_payload_with_one_warning(
        people, caplog, event, payload):
    with caplog.at_level(logging.WARNING):
        reply = ack(people["phone"], event, payload)
    assert reply["ok"] is False and reply["error"]["code"] == "bad_payload", reply
    assert no_tracebacks(caplog) == []
    assert len([r for r in caplog.records if "Refused" in r.getMessage()]) == 1


def test_a_name_with_a_bidi_override_is_shown_without_it(app, people):
    reply = ack(people["phone"], "note:add", {"client_id": "c-2",
                                               "text": "Hanke \u202eakkuvaa\u202c loppuu"})
    assert reply["ok"] and reply["note"]["text"] == "Hanke akkuvaa loppuu"


def test_disconnect_sent_as_an_event_is_refused_and_presence_stays(app, people, workshop):
    for _ in range(3):
        reply = ack(people["phone"], "disconnect")
        assert reply["ok"] is False and reply["error"]["code"] == "unknown_event"
    with app.app_context():
        assert online_ids(workshop["id"]) == {people["person_id"]}


def test_connect_sent_as_an_event_does_not_switch_the_sockets_identity(app, people, workshop):
    reply = ack(people["phone"], "connect", None,
                {"role": "board", "code": workshop["code"], "key": workshop["board_key"]})
    assert reply["ok"] is False and reply["error"]["code"] == "unknown_event"
    assert "me" in ack(people["phone"], "sync", {})["snapshot"]


@pytest.mark.parametrize("frame", [
    '42["note:add",{"text":', "42[]", '42[7,{"a":1}]', '42[null]',
    "42" + "[" * 5000 + "]" * 5000, '4x["sync"]', "49", '42["sync",{"last_seq":1e400}]',
])
def test_raw_frames_that_do_not_decode_are_dropped_with_one_warning(people, caplog, frame):
    server, sid = socketio.server, people["phone"].eio_sid
    with caplog.at_level(logging.WARNING):
        server._handle_eio_message(sid, frame)
    assert no_tracebacks(caplog) == []
    assert ack(people["phone"], "sync", {})["ok"] is True


# --- every event, every field, hostile values ------------------------------------------

scalars = st.one_of(
    st.integers(min_value=-2 ** 70, max_value=2 ** 70), st.sampled_from([1, 2, 3, 2 ** 63, -(2 ** 63) - 1, 2 ** 64]),
    st.booleans(), st.none(), st.floats(), st.sampled_from(HOSTILE_TEXT),
    st.text(st.characters(codec=None, categories=None, exclude_categories=()), max_size=8))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=6)
FIELDS = INTEGERS + TEXTS + BOOLEANS + ID_LISTS + ("remote", "x")
# Every field an event may read, each present or not, each holding anything.
payloads = st.one_of(
    st.fixed_dictionaries({}, optional={key: st.one_of(scalars, values) for key in FIELDS}),
    values)


# These end the people's part (removed, closed) and would leave every later example
# refused as unauthorised or closed before its payload is looked at.
ENDINGS = ("participant:remove", "workshop:close", "phase:next")


def events():
    """Every event a client may send, as the server registered them (less the endings)."""
    return sorted(name for name in socketio.server.handlers["/"]
                  if name not in ("connect", "disconnect", "*") + ENDINGS)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_event_acks_any_payload_without_a_crash(people, caplog, data):
    event = data.draw(st.sampled_from(events()), label="event")
    sender = data.draw(st.sampled_from(["phone", "console", "board"]), label="sender")
    payload = data.draw(payloads, label="payload")
    caplog.clear()
    reply = ack(people[sender], event, payload)
    assert isinstance(reply, dict) and isinstance(reply.get("ok"), bool), reply
    if not reply["ok"]:
        assert reply["error"]["code"] != "internal", (event, payload, reply)
    assert no_tracebacks(caplog) == []
