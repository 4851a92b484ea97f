"""Nothing typed is lost and nothing appears twice: cut transports, kill -9, long outages."""
import signal
import threading
import time

import pytest
import socketio

from tests.support.live import BoardState, LiveClient, board, console, join_over_http, phone

pytestmark = pytest.mark.live


def test_fifty_notes_across_a_cut_transport_are_stored_exactly_once(live_server):
    token = join_over_http(live_server, "Maija", 0)
    writer = LiveClient(live_server, {"role": "participant", "token": token}, reconnection=True)
    peer = phone(live_server, join_over_http(live_server, "Pekka", 0))
    notes = {f"cut-{i}": f"Lappu numero {i}" for i in range(50)}
    outbox = dict(notes)
    try:
        for i, (client_id, text) in enumerate(notes.items()):
            if i == 25:
                writer.cut()
            try:
                if writer.call("note:add", {"client_id": client_id, "text": text}, timeout=2)["ok"]:
                    outbox.pop(client_id)
            except socketio.exceptions.SocketIOError:
                pass  # not acknowledged: it stays in the outbox
        assert outbox, "the cut should have left notes unacknowledged"
        assert writer.wait_for(lambda c: c.sio.connected, timeout=15)
        # After a reconnect the outbox is sent again; here all fifty, the worst case.
        for client_id, text in notes.items():
            assert writer.call("note:add", {"client_id": client_id, "text": text})["ok"]
        assert peer.wait_for(lambda c: len(c.payloads("note:added")) >= 50)
        time.sleep(0.5)  # a duplicate broadcast would arrive within this
        seen = [p["note"]["client_id"] for p in peer.payloads("note:added")]
        assert sorted(seen) == sorted(notes)  # each exactly once
        stored = board(live_server).call("sync", {"last_seq": 0})["snapshot"]["notes"]
        assert sorted(n["client_id"] for n in stored) == sorted(notes)
    finally:
        writer.close()
        peer.close()


def test_every_acknowledged_note_survives_kill_9_and_a_restart(live_server):
    tokens = [join_over_http(live_server, f"Osallistuja {i}", i % 3) for i in range(20)]
    acked, lock, stop = [], threading.Lock(), threading.Event()

    def post_until_the_server_dies(index, token):
        client = phone(live_server, token)
        for n in range(1000):
            if stop.is_set():
                break
            client_id = f"p{index}-{n}"
            try:
                reply = client.call("note:add", {"client_id": client_id, "text": f"Lappu {client_id}"},
                                    timeout=3)
            except socketio.exceptions.SocketIOError:
                break
            if reply["ok"]:
                with lock:
                    acked.append(client_id)
        try:
            client.close()
        except Exception:  # noqa: BLE001  (the server is gone; nothing to close)
            pass

    writers = [threading.Thread(target=post_until_the_server_dies, args=(i, t)) for i, t in enumerate(tokens)]
    for w in writers:
        w.start()
    deadline = time.monotonic() + 60
    while len(acked) < 200 and time.monotonic() < deadline:
        time.sleep(0.01)
    live_server.kill(signal.SIGKILL)
    stop.set()
    for w in writers:
        w.join(timeout=30)
    with lock:
        acknowledged = list(acked)
    assert len(acknowledged) >= 200

    live_server.start()  # same database, same port
    rows = live_server.run_python(
        "from facilitation.models import Note\n"
        "for n in Note.query.all(): print(n.participant_id, n.client_id)").split("\n")
    stored = [line.split()[1] for line in rows if line.strip()]
    assert len(stored) == len(set(stored)), "a note was stored twice"
    missing = set(acknowledged) - set(stored)
    assert missing == set(), f"{len(missing)} acknowledged notes were lost"


def test_a_board_away_for_thirty_seconds_catches_up_by_replay(live_server):
    steady = board(live_server)
    steady_state = BoardState(steady.call("sync", {"last_seq": 0})["snapshot"])
    away = board(live_server)
    first = away.call("sync", {"last_seq": 0})
    away_state = BoardState(first["snapshot"])
    maija = phone(live_server, join_over_http(live_server, "Maija", 0))
    liisa = phone(live_server, join_over_http(live_server, "Liisa", 1))
    desk = console(live_server)
    try:
        maija.call("note:add", {"client_id": "before", "text": "Ennen katkoa"})
        assert away.wait_for(lambda c: len(c.payloads("note:added")) == 1)
        for name, data in away.events:
            away_state.apply(name, data)
        last_seq = max(d["seq"] for _, d in away.events)
        away.close()

        started = time.monotonic()
        hidden = None
        for i in range(6):
            reply = (maija if i % 2 else liisa).call(
                "note:add", {"client_id": f"during-{i}", "text": f"Katkon aikana {i}"})
            hidden = hidden or reply["note"]["id"]
            time.sleep(4)
        assert desk.call("note:hide", {"note_id": hidden, "hidden": True})["ok"]
        time.sleep(max(0, 30 - (time.monotonic() - started)))

        back = board(live_server)
        reply = back.call("sync", {"last_seq": last_seq})
        assert "events" in reply and "snapshot" not in reply
        for event in reply["events"]:
            away_state.apply(event["name"], event["data"])
        for name, data in steady.events:
            steady_state.apply(name, data)
        assert away_state.notes == steady_state.notes
        assert len(away_state.notes) == 6  # seven posted, one hidden
        fresh = BoardState(back.call("sync", {"last_seq": 0})["snapshot"])
        assert fresh.notes == away_state.notes
        back.close()
    finally:
        for c in (steady, maija, liisa, desk):
            c.close()


def test_a_phone_replays_only_its_own_tables_events(live_server):
    maija_token = join_over_http(live_server, "Maija", 0)
    maija = phone(live_server, maija_token)
    liisa = phone(live_server, join_over_http(live_server, "Liisa", 1))
    try:
        start = maija.call("sync", {"last_seq": 0})["seq"]
        maija.call("note:add", {"client_id": "a", "text": "A-pöytä"})
        liisa.call("note:add", {"client_id": "b", "text": "B-pöytä"})
        replay = maija.call("sync", {"last_seq": start})["events"]
        texts = [e["data"]["note"]["text"] for e in replay if e["name"] == "note:added"]
        assert texts == ["A-pöytä"]
        assert all(e["name"] != "participant:joined" for e in replay)  # console-only
    finally:
        maija.close()
        liisa.close()
