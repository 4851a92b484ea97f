"""Presence on the console across processes, restarts and a killed process.

Two servers share one SQLite file without a message queue: each console is
told of presence by its own process, which reads the other's flushed rows.
"""
import signal

import pytest

from tests.support.live import console, join_over_http, phone
from tests.support.server import LiveServer

pytestmark = pytest.mark.live

# Short, so that a killed process's phones go offline within seconds here.
TIMEOUT = "3"


def second_server(first):
    """Another process on the first one's instance folder (the same database and key)."""
    other = LiveServer(first.instance)
    other.env["PRESENCE_TIMEOUT_SECONDS"] = TIMEOUT
    other.workshop = first.workshop
    return other.start()


def online_in_snapshot(desk):
    """The names the console's snapshot shows online."""
    people = desk.call("sync", {"last_seq": 0})["snapshot"]["participants"]
    return sorted(p["name"] for p in people if p["online"])


def told_online(desk, ids):
    """Whether the console's latest presence broadcast lists exactly these participant ids."""
    told = desk.payloads("presence:changed")
    return bool(told) and sorted(told[-1]["online"]) == sorted(ids)


def shows_online(desk, names):
    """Whether the console's snapshot shows exactly these names online (asked anew each time)."""
    return online_in_snapshot(desk) == sorted(names)


def test_a_second_process_starting_keeps_the_first_ones_phones_online(live_server):
    maija = phone(live_server, join_over_http(live_server, "Maija Työllisyyspalvelu", 0))
    other = None
    try:
        desk = console(live_server)
        assert online_in_snapshot(desk) == ["Maija Työllisyyspalvelu"]
        other = second_server(live_server)
        assert online_in_snapshot(desk) == ["Maija Työllisyyspalvelu"]
        # And the second process's console sees her online too, from the first one's rows.
        assert console(other).wait_for(lambda c: shows_online(c, ["Maija Työllisyyspalvelu"]))
    finally:
        maija.close()
        if other:
            other.kill()


def test_a_killed_processs_phones_go_offline_on_the_other_processs_console(live_server):
    maija_token = join_over_http(live_server, "Maija", 0)
    pekka_token = join_over_http(live_server, "Pekka Åström", 1)
    other = second_server(live_server)
    try:
        ids = {p["name"]: p["id"] for p in
               console(other).call("sync", {"last_seq": 0})["snapshot"]["participants"]}
        maija = phone(live_server, maija_token)  # on the process that will die
        pekka = phone(other, pekka_token)  # on the one that stays
        desk = console(other)
        watcher = console(other)  # never syncs: it learns presence from broadcasts alone
        assert desk.wait_for(lambda c: shows_online(c, ["Maija", "Pekka Åström"]))
        assert watcher.wait_for(lambda c: told_online(c, [ids["Maija"], ids["Pekka Åström"]]))
        live_server.kill(signal.SIGKILL)
        # Once the dead process's heartbeat is older than the timeout, she is offline.
        assert desk.wait_for(lambda c: shows_online(c, ["Pekka Åström"]), timeout=30)
        assert watcher.wait_for(lambda c: told_online(c, [ids["Pekka Åström"]]))
        pekka.close()
        assert watcher.wait_for(lambda c: told_online(c, []))
        assert online_in_snapshot(desk) == []
    finally:
        other.kill()
        del maija


def test_a_restarted_process_shows_its_killed_runs_phones_offline_never_negative(live_server):
    token = join_over_http(live_server, "Maija", 0)
    maija = phone(live_server, token)
    desk = console(live_server)
    assert online_in_snapshot(desk) == ["Maija"]
    live_server.kill(signal.SIGKILL)
    del maija, desk
    restarted = LiveServer(live_server.instance, port=live_server.port)
    restarted.workshop = live_server.workshop
    restarted.start()
    try:
        desk = console(restarted)
        assert online_in_snapshot(desk) == []
        again = phone(restarted, token)
        assert desk.wait_for(lambda c: shows_online(c, ["Maija"]))
        again.close()
        assert desk.wait_for(lambda c: shows_online(c, []))
    finally:
        restarted.kill()
