"""Engine.IO's HTTP transport, hardened against requests that would hold a server slot.

python-engineio answers a refused polling POST (a body over `max_http_buffer_size`, a
packet type clients may not send) by closing the session with `close(wait=True)`, which
waits for a poll that never comes: the request's slot in eventlet's pool is never freed,
and a few hundred such requests wedge the server for good. Two layers stop that: the
body-size check below answers before Engine.IO touches the session, and the sessions
Engine.IO itself closes on an error no longer wait.
"""
import logging

from socketio import packet

log = logging.getLogger(__name__)

SOCKETIO_PATH = "/socket.io"


class BodyLimit:
    """WSGI middleware: refuse Socket.IO POSTs whose body is larger than `limit` bytes."""

    def __init__(self, app, limit):
        self.app = app
        self.limit = limit

    def __call__(self, environ, start_response):
        """Answer 413 (or 400 for an unreadable length) before the body is read."""
        if environ.get("REQUEST_METHOD") == "POST" and \
                environ.get("PATH_INFO", "").startswith(SOCKETIO_PATH):
            length = (environ.get("CONTENT_LENGTH") or "0").strip()
            if not length.isdigit():
                return _refuse(start_response, "400 Bad Request", environ)
            if int(length) > self.limit:
                return _refuse(start_response, "413 Content Too Large", environ)
        return self.app(environ, start_response)


def _refuse(start_response, status, environ):
    """A short plain answer that also closes the connection (its body is never read)."""
    log.warning("Refused a Socket.IO POST from %s: %s (Content-Length %r)",
                environ.get("REMOTE_ADDR"), status, environ.get("CONTENT_LENGTH"))
    start_response(status, [("Content-Type", "text/plain"), ("Connection", "close"),
                            ("Content-Length", "0")])
    return [b""]


def close_without_waiting(eio):
    """Make Engine.IO's own disconnects (from its request handlers) return at once.

    Socket.IO's `disconnect` never goes through here; only Engine.IO's error paths do,
    and none of them needs to wait for the closing packet to be polled.
    """
    def disconnect(sid=None):
        """Close one session (or all) without waiting for a client to poll."""
        for key in ([sid] if sid is not None else list(eio.sockets)):
            socket = eio.sockets.pop(key, None)
            if socket is not None:
                socket.close(wait=False, reason=eio.reason.SERVER_DISCONNECT)
    eio.disconnect = disconnect


#: Names the Socket.IO server triggers itself; from a client they would fake a
#: disconnect (presence off by one) or re-run authentication on a live socket.
RESERVED_EVENTS = frozenset({"connect", "disconnect", "connect_error"})
#: What a refused event is handed on as: no handler has this name, so the catch-all
#: acknowledges it `unknown_event` in the client's language.
REFUSED_EVENT = "kahvila:refused"
#: Socket.IO's binary event and binary ack packet types ("5…", "6…" once Engine.IO has
#: taken its "4"): Kahvila's protocol is text only, and a binary header left waiting for
#: its attachments would swallow the socket's next frames.
BINARY_PACKETS = frozenset({"5", "6"})
# What decoding a hostile frame raises: broken JSON, deep nesting, a bad packet type.
UNDECODABLE = (ValueError, TypeError, IndexError, KeyError, RecursionError)


class TextPacket(packet.Packet):
    """Socket.IO packets that are never binary: what goes out is not searched for bytes.

    Kahvila sends JSON only; python-socketio would otherwise walk every ack and broadcast
    (a snapshot's every note) looking for bytes before encoding it. Incoming binary
    headers are still parsed as such, and `guard_frames` refuses them.
    """

    uses_binary_events = False


def guard_frames(server):
    """Refuse reserved or non-text event names, and log undecodable frames in one line."""
    handle_event, handle_message = server._handle_event, server._handle_eio_message

    def _handle_event(eio_sid, namespace, id, data):
        name = data[0] if isinstance(data, list) and data else None
        if not isinstance(name, str) or name in RESERVED_EVENTS:
            log.warning("Refused event name %.40r from %s", name, eio_sid)
            data = [REFUSED_EVENT]
        return handle_event(eio_sid, namespace, id, data)

    def _handle_eio_message(eio_sid, data):
        if not isinstance(data, str) or data[:1] in BINARY_PACKETS:
            return _refuse_binary(eio_sid, data)
        try:
            return handle_message(eio_sid, data)
        except UNDECODABLE as error:
            log.warning("Dropped an undecodable frame from %s: %s", eio_sid,
                        type(error).__name__)

    def _refuse_binary(eio_sid, data):
        """Never wait for attachments: the frames after a binary header would be taken as them."""
        log.warning("Dropped a binary frame from %s", eio_sid)
        try:
            pkt = server.packet_class(encoded_packet=data) if isinstance(data, str) else None
        except UNDECODABLE:
            return None
        if pkt is not None and pkt.packet_type == packet.BINARY_EVENT and pkt.id is not None:
            handle_event(eio_sid, pkt.namespace, pkt.id, [REFUSED_EVENT])
        return None

    server._handle_event, server._handle_eio_message = _handle_event, _handle_eio_message
    server.eio.on("message", _handle_eio_message)  # Engine.IO holds the method it was given


def harden(app, socketio):
    """Install the layers on the app's WSGI stack and its Socket.IO and Engine.IO servers."""
    app.wsgi_app = BodyLimit(app.wsgi_app, app.config["MAX_HTTP_BUFFER_SIZE"])
    close_without_waiting(socketio.server.eio)
    guard_frames(socketio.server)
