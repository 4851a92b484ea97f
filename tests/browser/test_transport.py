"""Phones connect by websocket from the start, so several processes need no sticky
sessions; long-polling is used only where the websocket cannot get through."""
import pytest
from playwright.sync_api import expect

from tests.support.browser import PHONE

pytestmark = pytest.mark.browser

#: Every websocket the page opens goes to an address of the same origin (so the page's
#: Content-Security-Policy allows it) that refuses the upgrade, as a proxy or firewall that
#: lets no websocket through does; everything else is untouched.
BLOCKED_WEBSOCKET = """
const RealWebSocket = window.WebSocket;
window.WebSocket = class extends RealWebSocket {
  constructor(url, protocols) { super(`ws://${location.host}/socket.io/blocked`, protocols); }
};
"""


def open_phone(live_server, new_context, block_websocket=False):
    """Join at the first table; return the page and the Socket.IO URLs it requested."""
    w = live_server.workshop
    page = new_context(PHONE, has_touch=True, is_mobile=True).new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url)
            if "/socket.io/" in request.url else None)
    page.on("websocket", lambda ws: requested.append(ws.url))
    if block_websocket:  # a network that lets no websocket through: the handshake fails
        page.add_init_script(BLOCKED_WEBSOCKET)
    page.goto(f"{live_server.url}/w/{w['code']}/t/{w['tables'][0]}")
    page.get_by_label("Nimesi").fill("Työllisyyspalveluiden yhteensovittaja")
    page.get_by_role("button", name="Liity").click()
    expect(page.locator("#status")).to_have_attribute("data-state", "connected")
    return page, requested


def test_the_phones_socket_is_a_websocket_from_the_start(live_server, new_context):
    page, requested = open_phone(live_server, new_context)
    assert requested, "the phone opened no Socket.IO connection"
    assert "transport=websocket" in requested[0] and requested[0].startswith("ws://")
    assert not [url for url in requested if "transport=polling" in url], requested
    page.get_by_label("Lappusi").fill("Yhteiskehittäminen ilman tahmeita istuntoja")
    page.get_by_role("button", name="Lähetä").click()
    expect(page.locator("#notes .note")).to_have_count(1)
    expect(page.locator("#notes .note.pending")).to_have_count(0)


def test_where_the_websocket_is_blocked_the_phone_falls_back_to_polling(
        live_server, new_context):
    page, requested = open_phone(live_server, new_context, block_websocket=True)
    assert requested[0].endswith("/socket.io/blocked"), requested  # the websocket was tried first
    assert [url for url in requested if "transport=polling" in url]
    page.get_by_label("Lappusi").fill("Lähetetty pollaten")
    page.get_by_role("button", name="Lähetä").click()
    expect(page.locator("#notes .note")).to_have_count(1)
    expect(page.locator("#notes .note.pending")).to_have_count(0)
