"""Raw Socket.IO frames of any shape through a live server: no traceback, it keeps answering."""
import json

import pytest
import websocket
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.live import join_over_http, phone

pytestmark = pytest.mark.live

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-2 ** 70, max_value=2 ** 70),
              st.text(max_size=8), st.sampled_from(["\ud800", "\x00", "disconnect", "connect"])),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                 max_size=3), max_leaves=8)
frames = st.one_of(
    st.builds(lambda v: "42" + json.dumps(v), json_values),
    st.builds(lambda n, v: "42" + json.dumps([n, v]),
              st.sampled_from(["note:add", "sync", "vote:remove", "theme:create", "disconnect",
                               "connect", "connect_error"]), json_values),
    st.builds(lambda n, v: "421" + json.dumps([n, v]),
              st.sampled_from(["note:delete", "table:choose", "vote:add"]), json_values),
    # Any packet but a DISCONNECT ("41…"): a client that leaves the namespace is, by design,
    # answered no more on it.
    st.text(max_size=30).map(lambda t: "4" + t).filter(lambda f: not f.startswith("41")),
    st.just("42" + "[" * 3000 + "]" * 3000))


@pytest.fixture(autouse=True)
def _events_unlimited(monkeypatch):
    """Hundreds of frames from one socket in seconds: the events limit is not under test here."""
    monkeypatch.setenv("EVENTS_BURST", "100000")


@pytest.fixture
def raw_phone(live_server):
    """A websocket speaking Engine.IO 4 by hand, connected as a participant."""
    token = join_over_http(live_server, "Raaka Kehys")
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{live_server.port}/socket.io/?EIO=4&transport=websocket", timeout=10)
    assert ws.recv().startswith("0")
    ws.send("40" + json.dumps({"role": "participant", "token": token}))
    assert ws.recv().startswith("40")
    yield ws, token
    ws.close()


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(frame=frames)
def test_any_frame_leaves_no_traceback_and_the_server_answering(live_server, raw_phone, frame):
    ws, _token = raw_phone
    ws.send(frame)
    ws.send('42999["sync",{}]')
    while True:  # the ack of our sync comes after whatever the frame caused
        answer = ws.recv()
        if answer == "2":
            ws.send("3")
        elif answer.startswith("43999"):
            break
    assert json.loads(answer[5:])[0]["ok"] is True, answer
    assert "Traceback" not in live_server.read_log()


def test_after_the_frames_a_phone_still_posts_a_note(live_server, raw_phone):
    _ws, token = raw_phone
    client = phone(live_server, token)
    try:
        assert client.call("note:add", {"client_id": "x", "text": "Vielä toimii"})["ok"]
    finally:
        client.close()


@pytest.mark.parametrize("header", ['451-["note:add",{"_placeholder":true,"num":0}]',
                                    '4517["sync",{"_placeholder":true,"num":0}]',
                                    '462-7[{"_placeholder":true,"num":0}]'])
def test_a_binary_packet_header_does_not_swallow_the_next_events(live_server, raw_phone, header):
    """Kahvila's protocol carries no binary: the server never waits for attachments."""
    ws, _token = raw_phone
    ws.send(header)
    ws.send('42999["sync",{}]')
    answers = []
    while not answers or not answers[-1].startswith("43999"):
        answers.append(ws.recv())
    assert json.loads(answers[-1][5:])[0]["ok"] is True
    if header.startswith("4517"):  # a binary event with an ack id is refused, in Finnish
        refused = [a for a in answers if a.startswith("4317")]
        assert refused and json.loads(refused[0][4:])[0]["error"]["code"] == "unknown_event"
    assert "Traceback" not in live_server.read_log()
