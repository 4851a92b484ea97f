"""A bare Flask-SocketIO relay: the floor that bench/load.py measures the app against.

One event, `note:add`, broadcast as `note:added {seq, note}` to the sender's table room and to
the watchers (board and console rooms), then acknowledged `{ok: true, note}`. No database, no
sessions, no rate limits. On eventlet (the default) the server is started the way app.py starts
Kahvila: eventlet's WSGI server on a listening socket with TCP_NODELAY and a raised connection
limit, so that the difference to the app is the app's own work. With `RELAY_ASYNC=gevent` the
same relay runs on gevent's WSGI server (websockets through simple-websocket), to compare the
two servers on one machine in one run.

Clients say where they belong in the Socket.IO auth payload:
`{"table": 3}` for a phone at table 3, `{"role": "board"}` or `{"role": "console"}` for watchers.

Run: PORT=5055 HOST=127.0.0.1 [RELAY_ASYNC=gevent] python bench/bare_relay.py
"""
import os  # noqa: I001
import warnings; warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")  # noqa

ASYNC_MODE = os.environ.get("RELAY_ASYNC", "eventlet")
if ASYNC_MODE == "gevent":
    from gevent import monkey; monkey.patch_all()  # noqa: E702,I001 (before any other import)
else:
    import eventlet; eventlet.monkey_patch()  # noqa: E702,I001 (before any other import)

import itertools  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402

from flask import Flask, request  # noqa: E402
from flask_socketio import ConnectionRefusedError, SocketIO, join_room  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode=ASYNC_MODE, manage_session=False,
                    max_http_buffer_size=64 * 1024)
WATCHER_ROOMS = ("board", "console")
#: Where each connected socket broadcasts its notes: sid -> rooms.
audiences = {}
sequence = itertools.count(1)


def table_room(table):
    """The room of the phones at one table."""
    return f"table:{table}"


@socketio.on("connect")
def on_connect(auth=None):
    """A phone joins its table's room; a board or console joins its watcher room."""
    auth = auth if isinstance(auth, dict) else {}
    if auth.get("role") in WATCHER_ROOMS:
        join_room(auth["role"])
        return
    if "table" not in auth:
        raise ConnectionRefusedError({"code": "unauthorised", "message": "table required"})
    join_room(table_room(auth["table"]))
    audiences[request.sid] = [table_room(auth["table"]), *WATCHER_ROOMS]


@socketio.on("disconnect")
def on_disconnect(*_reason):
    """Forget the socket's audience."""
    audiences.pop(request.sid, None)


@socketio.on("note:add")
def on_note_add(data=None):
    """A phone posts a note: broadcast it to its table and the watchers, then ack it."""
    rooms = audiences.get(request.sid)
    if rooms is None or not isinstance(data, dict):
        return {"ok": False, "error": {"code": "bad_payload", "message": "bad payload"}}
    note = {"client_id": data.get("client_id"), "text": data.get("text")}
    socketio.emit("note:added", {"seq": next(sequence), "note": note}, to=rooms)
    return {"ok": True, "note": note, "duplicate": False}


def open_listener(host, port, backlog=2048):
    """A listening socket whose accepted connections send small frames at once."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    listener.bind((host, port))
    listener.listen(backlog)
    return listener


def main():
    """Serve on HOST:PORT until killed."""
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5055"))
    try:
        listener = open_listener(host, port)
    except OSError as error:
        sys.exit(f"bare relay: cannot listen on {host}:{port}: {error}")
    print(f"bare relay ({ASYNC_MODE}) serving on http://{host}:{port}/", flush=True)
    max_size = int(os.environ.get("MAX_CONNECTIONS", "5000"))
    if ASYNC_MODE == "gevent":
        from gevent.pool import Pool
        from gevent.pywsgi import WSGIServer
        WSGIServer(listener, app, spawn=Pool(max_size), log=None).serve_forever()
    else:
        import eventlet.wsgi
        eventlet.wsgi.server(listener, app, max_size=max_size, log_output=False)


if __name__ == "__main__":
    main()
