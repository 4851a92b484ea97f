"""Real python-socketio clients against a live server."""
import re
import socket
import threading
import time

import requests
import socketio


def join_over_http(server, name, table_index=0, remote=None):
    """Join like a phone does: load the page for its CSRF token, then POST; returns the token.

    At a remote table the participant joins remotely, unless told otherwise.
    """
    if remote is None:
        remote = table_index in server.workshop.get("remote_tables", [])
    code = server.workshop["code"]
    with requests.Session() as http:
        page = http.get(f"{server.url}/w/{code}", timeout=10).text
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        response = http.post(f"{server.url}/w/{code}/join", timeout=10,
                             headers={"X-CSRFToken": csrf},
                             json={"name": name, "remote": remote,
                                   "table_id": server.workshop["tables"][table_index]})
    assert response.status_code == 201, response.text
    return response.json()["token"]


class LiveClient:
    """A Socket.IO client that records every broadcast it receives."""

    def __init__(self, server, auth, transports=("websocket",), reconnection=False, headers=None):
        self.events = []
        self.lock = threading.Lock()
        self.sio = socketio.Client(reconnection=reconnection, reconnection_delay=0.2,
                                   reconnection_delay_max=1)
        self.sio.on("*", self._record)
        self.sio.connect(server.url, auth=auth, transports=list(transports), wait_timeout=10,
                         headers=headers or {})

    def _record(self, event, data=None):
        with self.lock:
            self.events.append((event, data))

    def call(self, event, data=None, timeout=10):
        """Emit and wait for the ack."""
        return self.sio.call(event, data, timeout=timeout)

    def payloads(self, name):
        """Payloads of the named broadcast received so far."""
        with self.lock:
            return [data for event, data in self.events if event == name]

    def wait_for(self, predicate, timeout=10):
        """Wait until predicate(self) is true; return whether it became true."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self):
                return True
            time.sleep(0.02)
        return predicate(self)

    def close(self):
        """Disconnect."""
        self.sio.disconnect()

    def cut(self):
        """Break the transport without a Socket.IO goodbye, as a dropped Wi-Fi does."""
        self.sio.eio.ws.sock.shutdown(socket.SHUT_RDWR)


def phone(server, token):
    """A participant's phone."""
    return LiveClient(server, {"role": "participant", "token": token})


def board(server):
    """The projected board."""
    w = server.workshop
    return LiveClient(server, {"role": "board", "code": w["code"], "key": w["board_key"]})


def console(server, email="live@example.fi", password="kahvia-ja-pullaa"):
    """The facilitator's console: sign in over HTTP, then connect with the session cookie."""
    http = requests.Session()
    form = http.get(f"{server.url}/login", timeout=10).text
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    response = http.post(f"{server.url}/login", timeout=10, allow_redirects=False,
                         data={"csrf_token": csrf, "email": email, "password": password})
    assert response.status_code == 302, response.text
    cookie = "; ".join(f"{k}={v}" for k, v in http.cookies.items())
    return LiveClient(server, {"role": "console", "workshop_id": server.workshop["id"]},
                      headers={"Cookie": cookie})


class BoardState:
    """A board's notes as a client written from docs/protocol.md keeps them."""

    def __init__(self, snapshot):
        self.notes = {n["id"]: n["text"] for n in snapshot["notes"]}

    def apply(self, name, data):
        """Apply one broadcast (live or replayed)."""
        if name in ("note:added", "note:shown") and not data["note"]["hidden"]:
            self.notes[data["note"]["id"]] = data["note"]["text"]
        elif name == "note:hidden":
            self.notes.pop(data["note_id"], None)
