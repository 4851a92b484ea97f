"""Every page carries the security headers; the session cookie is Secure behind https."""
import re

import pytest

from facilitation import create_app
from facilitation.config import TestConfig
from facilitation.extensions import db
from facilitation.services import accounts


def every_get_url(app, workshop):
    """One URL per GET route of the app, its arguments filled from the workshop."""
    values = {"code": workshop["code"], "workshop_id": workshop["id"], "lang": "fi",
              "table_id": workshop["tables"][0], "filename": "js/live.js"}
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and set(rule.arguments) <= set(values):
            yield re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), rule.rule)


def test_every_page_carries_csp_and_the_other_headers(app, signed_in, workshop):
    urls = list(every_get_url(app, workshop)) + ["/no-such-page"]
    assert len(urls) > 20
    for url in urls:
        response = signed_in.get(url)
        csp = response.headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp, url
        # Neither falls back to default-src: each must be named.
        assert "object-src 'none'" in csp and "base-uri 'none'" in csp, url
        assert "frame-ancestors 'none'" in csp or url.startswith("/board/"), url
        assert response.headers.get("Referrer-Policy") == "same-origin", url
        assert response.headers.get("X-Content-Type-Options") == "nosniff", url
        response.close()


def test_the_board_may_be_framed_by_a_configured_origin(workshop, app, signed_in):
    app.config["BOARD_FRAME_ANCESTORS"] = ["https://intra.example.fi"]
    board = signed_in.get(f"/board/{workshop['code']}?key={workshop['board_key']}")
    assert "frame-ancestors https://intra.example.fi" in board.headers["Content-Security-Policy"]
    console = signed_in.get("/console")
    assert "frame-ancestors 'none'" in console.headers["Content-Security-Policy"]


@pytest.mark.parametrize("public_url, secure", [("https://kahvila.example.fi", True),
                                                ("http://192.168.1.20:5000", False)])
def test_the_session_cookie_is_secure_and_host_only_when_the_public_url_is_https(
        tmp_path, public_url, secure):
    class Config(TestConfig):
        INSTANCE_PATH = str(tmp_path / "instance")
        SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(tmp_path / "t.sqlite")
        PUBLIC_URL = public_url
    app = create_app(Config)
    assert bool(app.config.get("SESSION_COOKIE_SECURE")) is secure
    with app.app_context():
        db.create_all()
        accounts.create_facilitator("fasilitaattori@example.fi", "kahvia-ja-pullaa")
    signed = app.test_client().post("/login", base_url=public_url, data={
        "email": "fasilitaattori@example.fi", "password": "kahvia-ja-pullaa"})
    cookie = signed.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    if secure:  # browsers keep a __Host- cookie only when Secure, host-only and for path /
        assert cookie.startswith("__Host-kahvila=") and "Secure" in cookie and "Domain" not in cookie
    else:  # a venue laptop over plain http: a __Host- cookie would be dropped
        assert cookie.startswith("session=") and "Secure" not in cookie


def test_behind_one_proxy_the_clients_address_is_the_forwarded_one(tmp_path):
    class Config(TestConfig):
        INSTANCE_PATH = str(tmp_path / "instance")
        SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(tmp_path / "t.sqlite")
        PROXY_COUNT = 1
    app = create_app(Config)
    seen = {}

    @app.get("/whoami")
    def whoami():
        from flask import request
        seen["addr"], seen["scheme"] = request.remote_addr, request.scheme
        return ""
    app.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.7",
                                              "X-Forwarded-Proto": "https"})
    assert seen == {"addr": "203.0.113.7", "scheme": "https"}
