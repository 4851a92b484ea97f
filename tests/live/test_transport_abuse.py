"""Raw Engine.IO requests that used to hold a server slot for ever (a pool of 20 here)."""
import json
import socket

import pytest
import requests

from tests.support.server import LiveServer

pytestmark = pytest.mark.live

POOL = 20


@pytest.fixture
def small_server(tmp_path):
    """A live server whose pool takes only POOL simultaneous connections."""
    server = LiveServer(tmp_path / "instance")
    server.env["MAX_CONNECTIONS"] = str(POOL)
    try:
        yield server.start()
    finally:
        server.kill()


def raw_request(server, head, body=b""):
    """Send one HTTP/1.1 request on a fresh socket and return the first bytes of the answer."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(head.encode() + b"\r\n" + body)
        return sock.recv(4096)


def handshake(server):
    """Open an Engine.IO polling session; return its sid."""
    answer = raw_request(server, "GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\n"
                                 f"Host: 127.0.0.1:{server.port}\r\nConnection: close\r\n")
    body = answer.split(b"\r\n\r\n", 1)[1]
    return json.loads(body[body.index(b"{"):].decode())["sid"]


def post_and_leave(server, sid, length, body=b""):
    """A polling POST announcing `length` bytes (sending only `body`), then close."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(f"POST /socket.io/?EIO=4&transport=polling&sid={sid} HTTP/1.1\r\n"
                     f"Host: 127.0.0.1:{server.port}\r\nContent-Type: text/plain\r\n"
                     f"Content-Length: {length}\r\n\r\n".encode() + body)
        # Read a little when the server answers at once; either way, leave.
        sock.settimeout(0.2)
        try:
            sock.recv(1024)
        except OSError:
            pass


@pytest.mark.parametrize("length, body", [
    (100_000_000, b""),   # a body too large for max_http_buffer_size, never sent
    (1, b"6"),            # a packet type clients may not send (noop)
], ids=["huge-content-length", "unknown-packet"])
def test_server_answers_after_more_refused_posts_than_its_pool(small_server, length, body):
    """Each refused POST closed its session waiting for a poll that never came, holding
    a slot: after more of them than the pool has slots the server must still answer."""
    for _ in range(POOL + 5):
        post_and_leave(small_server, handshake(small_server), length, body)
    assert requests.get(small_server.url + "/", timeout=10).status_code == 200


def test_a_post_larger_than_the_buffer_is_refused_with_413(small_server):
    """The body-size check answers before Engine.IO reads or closes anything."""
    sid = handshake(small_server)
    answer = raw_request(small_server, f"POST /socket.io/?EIO=4&transport=polling&sid={sid} "
                         f"HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n")
    assert answer.startswith(b"HTTP/1.1 413")
