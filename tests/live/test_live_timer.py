"""The server keeps the time: every client counts down from the same end, across reconnects."""
from datetime import datetime

import pytest

from tests.support.live import board, console, join_over_http, phone

pytestmark = pytest.mark.live


def ends(reply):
    """The end time a phase announcement carries."""
    return datetime.fromisoformat(reply["phase"]["timer"]["ends_at"])


def test_phones_board_and_console_agree_on_the_end_and_keep_it_across_a_reconnect(live_server):
    maija = phone(live_server, join_over_http(live_server, "Maija", 0))
    projector, desk = board(live_server), console(live_server)
    try:
        started = desk.call("phase:next")
        assert started["ok"] and started["phase"]["state"] == "round"
        assert maija.wait_for(lambda c: c.payloads("phase:changed"))
        assert projector.wait_for(lambda c: c.payloads("phase:changed"))
        for client in (maija, projector):
            assert ends(client.payloads("phase:changed")[0]) == ends(started)
        maija.close()
        again = phone(live_server, join_over_http(live_server, "Pekka", 0))
        snapshot = again.call("sync", {"last_seq": 0})["snapshot"]
        assert datetime.fromisoformat(snapshot["phase"]["timer"]["ends_at"]) == ends(started)
        server_now = datetime.fromisoformat(snapshot["phase"]["timer"]["server_now"])
        # The remaining time a client computes from the snapshot is within a second of the truth.
        assert abs((ends(started) - server_now).total_seconds() - snapshot["phase"]["timer"]["remaining"]) < 1
        paused = desk.call("timer:pause")["phase"]["timer"]
        assert paused["paused"] and paused["ends_at"] is None
        later = again.call("sync", {"last_seq": 0})["snapshot"]["phase"]["timer"]
        assert later["remaining"] == paused["remaining"]  # a paused clock does not run
        extended = desk.call("timer:extend", {"minutes": 5})["phase"]["timer"]
        assert abs(extended["remaining"] - paused["remaining"] - 300) < 0.01
        again.close()
    finally:
        projector.close()
        desk.close()
