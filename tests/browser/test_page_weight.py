"""A phone on venue Wi-Fi downloads at most 150 KB to join (bench/page_weight.py prints it)."""
import pytest

from tests.support.browser import PHONE

pytestmark = pytest.mark.browser


def test_the_participant_page_weighs_at_most_150_kb_on_first_load(live_server, new_context):
    page = new_context(PHONE).new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(f"{live_server.url}/w/{live_server.workshop['code']}", wait_until="networkidle")
    transferred = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]
                      for r in finished)
    assert {r.url.rsplit("/", 1)[-1] for r in finished} >= {"socket.io.esm.min.js", "kahvila.css"}
    assert transferred <= 150 * 1024, f"{transferred} bytes"
