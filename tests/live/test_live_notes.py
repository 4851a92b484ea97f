"""A real server in a subprocess, real python-socketio clients over websockets."""
import pytest

from tests.support.live import board, join_over_http, phone

pytestmark = pytest.mark.live


def note_texts(client):
    """Texts of the notes a client was sent."""
    return sorted(p["note"]["text"] for p in client.payloads("note:added"))


def test_notes_reach_their_table_and_the_board_and_nowhere_else(live_server):
    maija = phone(live_server, join_over_http(live_server, "Maija", 0))
    pekka = phone(live_server, join_over_http(live_server, "Pekka", 0))
    liisa = phone(live_server, join_over_http(live_server, "Liisa", 1))
    projector = board(live_server)
    try:
        assert maija.call("note:add", {"client_id": "m-1", "text": "Maijan lappu"})["ok"]
        assert pekka.call("note:add", {"client_id": "p-1", "text": "Pekan lappu"})["ok"]
        assert liisa.call("note:add", {"client_id": "l-1", "text": "Liisan lappu"})["ok"]
        assert projector.wait_for(lambda c: len(c.payloads("note:added")) == 3)
        assert note_texts(projector) == ["Liisan lappu", "Maijan lappu", "Pekan lappu"]
        assert maija.wait_for(lambda c: len(c.payloads("note:added")) == 2)
        assert note_texts(maija) == ["Maijan lappu", "Pekan lappu"]
        assert note_texts(pekka) == ["Maijan lappu", "Pekan lappu"]
        # Liisa's own note is the only one her table saw.
        assert note_texts(liisa) == ["Liisan lappu"]
    finally:
        for c in (maija, pekka, liisa, projector):
            c.close()


def test_a_repeated_client_id_is_stored_once_over_the_wire(live_server):
    maija = phone(live_server, join_over_http(live_server, "Maija", 0))
    projector = board(live_server)
    try:
        acks = [maija.call("note:add", {"client_id": "again", "text": "Vain kerran"}) for _ in range(3)]
        assert all(a["ok"] for a in acks)
        assert len({a["note"]["id"] for a in acks}) == 1
        assert [a["duplicate"] for a in acks] == [False, True, True]
        snapshot = projector.call("sync", {"last_seq": 0})["snapshot"]
        assert [n["text"] for n in snapshot["notes"]] == ["Vain kerran"]
        assert len(projector.payloads("note:added")) == 1
    finally:
        maija.close()
        projector.close()


def test_every_broadcast_carries_a_growing_sequence_number(live_server):
    maija = phone(live_server, join_over_http(live_server, "Maija", 0))
    projector = board(live_server)
    try:
        for i in range(5):
            maija.call("note:add", {"client_id": f"n-{i}", "text": f"Lappu {i}"})
        assert projector.wait_for(lambda c: len(c.payloads("note:added")) == 5)
        seqs = [p["seq"] for p in projector.payloads("note:added")]
        assert seqs == sorted(seqs) and len(set(seqs)) == 5
    finally:
        maija.close()
        projector.close()


def test_the_server_answers_http_and_socketio_polling(live_server):
    import requests
    assert requests.get(live_server.url + "/", timeout=5).status_code == 200
    handshake = requests.get(live_server.url + "/socket.io/?EIO=4&transport=polling", timeout=5)
    assert handshake.status_code == 200 and '"sid"' in handshake.text


def test_a_second_server_on_the_same_port_exits_with_a_clear_message(live_server, tmp_path):
    import subprocess
    import sys

    from tests.support.cafe import ROOT
    env = {**live_server.env, "INSTANCE_PATH": str(tmp_path / "second")}
    second = subprocess.run([sys.executable, "app.py"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert second.returncode != 0
    assert f"Port {live_server.port}" in second.stderr and "already in use" in second.stderr
