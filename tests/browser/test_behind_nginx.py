"""The hosted set-up of docs/deploy.md: nginx from deploy/nginx/ with TLS in front of two
app processes on one PostgreSQL and Redis, driven by a phone and the board over https."""
import os
import re
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect

from tests.support.browser import BOARD, PHONE
from tests.support.cafe import ROOT
from tests.support.live import board
from tests.support.server import free_port

pytestmark = pytest.mark.browser
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY = ROOT / "deploy" / "nginx"


def self_signed_certificate(folder):
    """A throwaway certificate for 127.0.0.1; returns (certificate, key) paths."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def render_site(prefix, app_ports, https_port, http_port, cert, key):
    """deploy/nginx/kahvila.conf for this test: its ports, certificate and folders."""
    locations = prefix / "kahvila-locations.conf"
    shutil.copy(DEPLOY / "kahvila-locations.conf", locations)
    site = (DEPLOY / "kahvila.conf").read_text()
    upstreams = "".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;\n"
                        for port in app_ports)
    site = re.sub(r"(    server 127\.0\.0\.1:\d+ [^\n]*\n)+", upstreams, site)
    site = "\n".join(line for line in site.splitlines() if "[::]" not in line)
    site = (site.replace("listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl")
            .replace("listen 80;", f"listen 127.0.0.1:{http_port};")
            .replace("/etc/letsencrypt/live/kahvila.example.fi/fullchain.pem", str(cert))
            .replace("/etc/letsencrypt/live/kahvila.example.fi/privkey.pem", str(key))
            .replace("/etc/nginx/snippets/kahvila-locations.conf", str(locations))
            .replace("/var/log/nginx/", f"{prefix}/"))
    assert site.count(str(cert)) == 1 and f"{https_port} ssl" in site
    return site


def main_config(prefix, site):
    """A whole nginx.conf around the site: in the foreground, everything under prefix."""
    temp = "\n".join(f"    {kind}_temp_path {prefix}/{kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the temp folder
    return (f"{user}daemon off;\nworker_processes 1;\npid {prefix}/nginx.pid;\n"
            f"error_log {prefix}/error.log info;\nevents {{ worker_connections 256; }}\n"
            f"http {{\n{temp}\n    access_log {prefix}/access.log;\n{site}\n}}\n")


@contextmanager
def running_nginx(prefix, site, port):
    """nginx in the foreground with the site, until the block ends."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: install Debian's nginx (scripts/test does)")
    (prefix / "nginx.conf").write_text(main_config(prefix, site))
    output = prefix / "nginx.out"
    with output.open("wb") as out:
        process = subprocess.Popen([NGINX, "-c", str(prefix / "nginx.conf"), "-p", str(prefix)],
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            assert process.poll() is None, output.read_text()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "nginx did not listen"
                time.sleep(0.1)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def nginx(tmp_path, two_processes):
    """nginx started from deploy/nginx/ in front of the two processes; yields its https URL."""
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    cert, key = self_signed_certificate(prefix)
    https_port, http_port = free_port(), free_port()
    site = render_site(prefix, [s.port for s in two_processes], https_port, http_port, cert, key)
    with running_nginx(prefix, site, https_port):
        yield {"url": f"https://127.0.0.1:{https_port}", "prefix": prefix,
               "workshop": two_processes[0].workshop, "ports": [s.port for s in two_processes]}


def test_a_phone_and_the_board_over_https_through_nginx_and_two_processes(nginx, new_context):
    url, w = nginx["url"], nginx["workshop"]
    projector = new_context(BOARD, ignore_https_errors=True).new_page()
    projector.goto(f"{url}/board/{w['code']}?key={w['board_key']}")
    expect(projector.locator("#status")).to_have_attribute("data-state", "connected")

    phone = new_context(PHONE, has_touch=True, is_mobile=True, ignore_https_errors=True).new_page()
    sockets = []
    phone.on("websocket", lambda ws: sockets.append(ws.url))
    phone.goto(f"{url}/w/{w['code']}/t/{w['tables'][0]}")
    phone.get_by_label("Nimesi").fill("Sven Åkerlund")
    phone.get_by_role("button", name="Liity").click()
    expect(phone.locator("#status")).to_have_attribute("data-state", "connected")
    assert sockets and sockets[0].startswith(f"wss://127.0.0.1:{url.rsplit(':', 1)[1]}/socket.io/")

    text = "Työllisyyspalveluiden yhteensovittaminen TLS:n takaa"
    phone.get_by_label("Lappusi").fill(text)
    phone.get_by_role("button", name="Lähetä").click()
    expect(projector.locator(".board-table").first.locator(".note")).to_have_text(
        [re.compile(re.escape(text))])
    expect(phone.locator("#notes .note.pending")).to_have_count(0)

    served = (nginx["prefix"] / "kahvila.access.log").read_text()
    for port in nginx["ports"]:  # round robin: both processes answered
        assert f"upstream=127.0.0.1:{port}" in served
    assert not re.search(r'"GET /socket\.io/[^"]*transport=polling', served)


def test_the_venue_laptop_site_serves_pages_and_websockets_from_one_process(
        tmp_path, live_server):
    prefix = tmp_path / "venue"
    prefix.mkdir()
    port = free_port()
    shutil.copy(DEPLOY / "kahvila-locations.conf", prefix / "kahvila-locations.conf")
    site = ((DEPLOY / "kahvila-venue.conf").read_text()
            .replace("server 127.0.0.1:5000;", f"server 127.0.0.1:{live_server.port};")
            .replace("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;")
            .replace("/etc/nginx/snippets/kahvila-locations.conf",
                     str(prefix / "kahvila-locations.conf"))
            .replace("/var/log/nginx/", f"{prefix}/"))
    site = "\n".join(line for line in site.splitlines() if "[::]" not in line)
    with running_nginx(prefix, site, port):
        proxied = type("Proxied", (), {"url": f"http://127.0.0.1:{port}",
                                        "workshop": live_server.workshop})
        page = requests.get(f"{proxied.url}/w/{live_server.workshop['code']}", timeout=10)
        assert page.status_code == 200 and "csrf-token" in page.text
        screen = board(proxied)  # a websocket upgraded through nginx
        try:
            assert screen.call("sync", {"last_seq": 0})["ok"]
        finally:
            screen.close()
