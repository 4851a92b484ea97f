"""What a phone downloads to join: the participant page's first load, in bytes on the wire.

    python bench/page_weight.py

Starts the real app on a free port with a fresh instance, opens a workshop from a
shipped plan, loads the phone page at 360×640 in Chromium and sums every response
(headers and body as transferred). Prints a table and, last, one JSON line.
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 150 * 1024


def free_port():
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(instance):
    """`python app.py` with a facilitator and a workshop; returns (process, url, code)."""
    env = {**os.environ, "INSTANCE_PATH": instance, "PORT": str(free_port()),
           "KAHVILA_PASSWORD": "kahvia-ja-pullaa"}
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    subprocess.run(flask + ["facilitator", "create", "bench@example.fi"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    opened = subprocess.run(flask + ["workshop", "open", "sessions/hankekahvi-kainuu.md"],
                            cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    code = opened.stdout.split()[0]
    server = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{env['PORT']}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=1).close()
            return server, url, code
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start")


def measure(url, code):
    """Every response of the phone page's first load: (path, bytes transferred)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 360, "height": 640}, locale="fi-FI")
        responses = []
        page.on("requestfinished", lambda request: responses.append(request))
        page.goto(f"{url}/w/{code}", wait_until="networkidle")
        sizes = [(r.url.replace(url, ""), r.sizes()["responseBodySize"]
                  + r.sizes()["responseHeadersSize"]) for r in responses]
        browser.close()
    return sizes


def main():
    """Run the measurement and print it."""
    with tempfile.TemporaryDirectory() as instance:
        server, url, code = start_server(instance)
        try:
            sizes = measure(url, code)
        finally:
            server.terminate()
            server.wait()
    for path, size in sorted(sizes, key=lambda item: -item[1]):
        print(f"{size:>8,} B  {path[:90]}")
    total = sum(size for _, size in sizes)
    print(f"{total:>8,} B  in all ({total / 1024:.1f} KiB; budget {BUDGET // 1024} KiB)")
    print(json.dumps({"requests": len(sizes), "bytes": total, "kib": round(total / 1024, 1),
                      "budget_kib": BUDGET // 1024, "within_budget": total <= BUDGET}))


if __name__ == "__main__":
    main()
