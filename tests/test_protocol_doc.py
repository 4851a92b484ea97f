"""docs/protocol.md names exactly the events, broadcasts and error codes the code has."""
import re

from facilitation.errors import MESSAGES
from facilitation.extensions import socketio
from tests.support.cafe import ROOT

DOC = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")


def first_column(heading):
    """The backticked names in the first column of the table under a heading."""
    section = DOC.split(heading, 1)[1].split("\n## ", 1)[0]
    return {m.group(1) for m in re.finditer(r"^\| `([^`]+)` \|", section, re.MULTILINE)}


def test_every_client_event_the_server_handles_is_documented(app):
    handled = set(socketio.server.handlers["/"]) - {"connect", "disconnect", "*"}
    handled = {name for name in handled if not name.startswith("test:")}
    assert handled == first_column("## Client → server events")


def test_every_broadcast_the_code_records_is_documented():
    recorded = set()
    for path in (ROOT / "facilitation").rglob("*.py"):
        recorded |= set(re.findall(r'record\(\s*[\w.\[\]"]+,\s*"([a-z]+:[a-z]+)"',
                                   path.read_text(encoding="utf-8")))
    assert recorded, "no recorded events found: has the helper been renamed?"
    assert recorded == first_column("## Server → client broadcasts")


def test_every_error_code_is_documented():
    assert set(MESSAGES) == first_column("## Error codes")
