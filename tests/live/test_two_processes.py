"""Two processes behind one PostgreSQL database and one Redis act as one server."""
import signal
import threading
import time

import pytest
import socketio

from tests.support.live import BoardState, board, join_over_http, phone
from tests.support.server import LiveServer, seed_live_workshop

pytestmark = pytest.mark.live


def note_ids(client, name="note:added"):
    """The ids of the notes in the client's broadcasts of that name, in arrival order."""
    return [payload["note"]["id"] for payload in client.payloads(name)]


def test_phones_of_one_table_on_both_processes_see_each_note_once(two_processes):
    first, second = two_processes
    maija = phone(first, join_over_http(first, "Maija Meikäläinen", 0))
    sven = phone(second, join_over_http(second, "Sven Åkerlund", 0))
    screen = board(second)
    try:
        posted = []
        for i in range(10):
            writer = maija if i % 2 else sven
            reply = writer.call("note:add", {"client_id": f"n{i}", "text":
                                             f"Työllisyyspalveluiden yhteensovittaminen {i}"})
            assert reply["ok"], reply
            posted.append(reply["note"]["id"])
        for client in (maija, sven, screen):
            assert client.wait_for(lambda c: len(c.payloads("note:added")) >= 10), client.events
        time.sleep(0.5)  # a second copy through the queue would arrive within this
        for client in (maija, sven, screen):
            assert sorted(note_ids(client)) == sorted(posted)  # each exactly once
    finally:
        for client in (maija, sven, screen):
            client.close()


def test_concurrent_posts_on_both_processes_get_unique_gap_free_numbers(two_processes):
    tokens = [(server, join_over_http(server, f"Osallistuja {i}", i % 2))
              for i, server in enumerate(two_processes * 4)]
    screen = board(two_processes[0])
    phones = [phone(server, token) for server, token in tokens]
    start = screen.call("sync", {"last_seq": 0})["seq"]  # after the phones' presence events
    failures = []

    def post(index, client):
        for n in range(10):
            reply = client.call("note:add", {"client_id": f"p{index}-{n}", "text": f"Lappu {n}"})
            if not reply["ok"]:
                failures.append(reply)

    writers = [threading.Thread(target=post, args=(i, c)) for i, c in enumerate(phones)]
    try:
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=120)
        assert failures == []
        assert screen.wait_for(lambda c: len(c.payloads("note:added")) >= 80)
        seqs = sorted(payload["seq"] for payload in screen.payloads("note:added"))
        assert seqs == list(range(start + 1, start + 81))  # unique and without gaps
        replay = screen.call("sync", {"last_seq": start})["events"]
        assert sorted(e["data"]["seq"] for e in replay if e["name"] == "note:added") == seqs
    finally:
        for client in (screen, *phones):
            client.close()


def test_phones_of_a_killed_process_move_to_the_other_and_lose_nothing(two_processes):
    doomed, survivor = two_processes
    token = join_over_http(doomed, "Maija", 0)
    maija = phone(doomed, token)
    liisa = phone(survivor, join_over_http(survivor, "Liisa", 0))
    view = BoardState(maija.call("sync", {"last_seq": 0})["snapshot"])
    outbox = {f"m{i}": f"Osallisuus ja yhteiskehittäminen {i}" for i in range(40)}
    try:
        for i, (client_id, text) in enumerate(list(outbox.items())):
            if i == 20:
                doomed.kill(signal.SIGKILL)
            try:
                if maija.call("note:add", {"client_id": client_id, "text": text}, timeout=2)["ok"]:
                    outbox.pop(client_id)
            except socketio.exceptions.SocketIOError:
                pass  # the process is gone: the note stays in the outbox
        assert len(outbox) == 20
        for i in range(5):  # the table goes on without her meanwhile
            assert liisa.call("note:add", {"client_id": f"l{i}", "text": f"Sillä välin {i}"})["ok"]
        for name, data in maija.events:
            view.apply(name, data)
        last_seq = max([d["seq"] for _, d in maija.events if "seq" in d] or [0])

        moved = phone(survivor, token)  # what the proxy does with her reconnect
        reply = moved.call("sync", {"last_seq": last_seq})
        for event in reply.get("events", []):
            view.apply(event["name"], event["data"])
        for client_id, text in outbox.items():
            assert moved.call("note:add", {"client_id": client_id, "text": text})["ok"]
        assert moved.wait_for(lambda c: len(c.payloads("note:added")) >= 20)
        for name, data in moved.events:
            view.apply(name, data)

        stored = board(survivor).call("sync", {"last_seq": 0})["snapshot"]["notes"]
        assert sorted(n["client_id"] for n in stored) == sorted([f"m{i}" for i in range(40)] +
                                                                [f"l{i}" for i in range(5)])
        assert view.notes == {n["id"]: n["text"] for n in stored}
        moved.close()
    finally:
        maija.sio.disconnect() if maija.sio.connected else None
        liisa.close()


def test_two_deployments_on_one_redis_never_receive_each_others_notes(
        tmp_path, pg_redis):
    """Redis pub/sub ignores the db number: only the channel keeps deployments apart."""
    databases = [pg_redis.create_database() for _ in range(2)]
    queue = pg_redis.REDIS_URL.rsplit("/", 1)[0]
    servers = [LiveServer(tmp_path / f"deployment-{i}", database_url=url,
                          message_queue=f"{queue}/{i}") for i, url in enumerate(databases)]
    clients = []
    try:
        for server in servers:
            server.instance.mkdir()
            seed_live_workshop(server.start())
        assert servers[0].workshop["id"] == servers[1].workshop["id"]  # the same rooms
        ours, theirs = board(servers[0]), board(servers[1])
        writer = phone(servers[0], join_over_http(servers[0], "Maija", 0))
        clients += [ours, theirs, writer]
        assert writer.call("note:add", {"client_id": "x", "text": "Vain meille"})["ok"]
        assert ours.wait_for(lambda c: len(c.payloads("note:added")) == 1)
        time.sleep(1)  # a crossed note would arrive within this
        assert theirs.payloads("note:added") == []
    finally:
        for client in clients:
            client.close()
        for server in servers:
            server.kill()
        for url in databases:
            pg_redis.drop_database(url)
