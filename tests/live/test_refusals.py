"""A refused connection tells the client why, as docs/protocol.md says: `{code, message}`."""
import threading

import pytest
import socketio

pytestmark = pytest.mark.live


def refusal(server, auth):
    """Connect with `auth`; return the `connect_error` payload the client received."""
    client, got = socketio.Client(reconnection=False), {}
    done = threading.Event()

    @client.on("connect_error")
    def on_error(data):
        got["data"] = data
        done.set()

    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(server.url, auth=auth, transports=["websocket"], wait_timeout=10)
    done.wait(10)
    return got["data"]


@pytest.mark.parametrize("lang, message", [
    ("en", "You are not signed in to this workshop. Join again with the code."),
    ("sv", None), ("fi", None),
])
def test_a_stale_token_is_refused_with_code_and_message_in_the_clients_language(
        live_server, lang, message):
    data = refusal(live_server, {"role": "participant", "token": "vanha-token", "lang": lang})
    assert data["data"]["code"] == "unauthorised"
    assert data["message"] == data["data"]["message"]
    if message:
        assert data["data"]["message"] == message
    else:
        assert data["data"]["message"] != \
            "You are not signed in to this workshop. Join again with the code."


def test_a_token_that_is_no_text_is_refused_as_bad_payload(live_server):
    data = refusal(live_server, {"role": "participant", "token": "\ud800", "lang": "en"})
    assert data["data"]["code"] == "bad_payload"
    assert "Traceback" not in live_server.read_log()
