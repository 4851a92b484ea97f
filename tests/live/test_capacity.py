"""More phones than eventlet's default limit of 1,024 connections, on one process."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
import socketio

pytestmark = pytest.mark.live

PHONES = 1100


def create_participants(server, count):
    """Seat `count` participants at table A inside the app; return their tokens."""
    out = server.run_python(
        "from facilitation.extensions import db\n"
        "from facilitation.models import Workshop\n"
        "from facilitation.services import participants\n"
        f"w = db.session.get(Workshop, {server.workshop['id']})\n"
        f"for i in range({count}):\n"
        f"    print(participants.join(w, f'Puhelin {{i}}', table_id={server.workshop['tables'][0]})[1])")
    return out.split()


async def connect_all(url, tokens, received):
    """Connect one AsyncClient per token (in batches), counting note:added per client."""
    clients = []

    async def connect(token):
        client = socketio.AsyncClient(reconnection=False)

        @client.on("note:added")
        async def on_note(_data, client=client):
            received[id(client)] = received.get(id(client), 0) + 1

        await client.connect(url, auth={"role": "participant", "token": token},
                             transports=["websocket"], wait_timeout=30)
        clients.append(client)

    for start in range(0, len(tokens), 100):
        await asyncio.gather(*(connect(t) for t in tokens[start:start + 100]))
    return clients


async def one_note_reaches_everyone(url, tokens):
    """Connect every phone, post one note, return (connected, received the note)."""
    received = {}
    clients = await connect_all(url, tokens, received)
    try:
        connected = sum(1 for c in clients if c.connected)
        reply = await clients[0].call("note:add", {"client_id": "big", "text": "Tervetuloa kaikki"},
                                      timeout=30)
        assert reply["ok"]
        for _ in range(600):
            if len(received) == len(clients):
                break
            await asyncio.sleep(0.05)
        return connected, len(received)
    finally:
        await asyncio.gather(*(c.disconnect() for c in clients), return_exceptions=True)


def test_eleven_hundred_phones_connect_to_one_process_and_all_receive_a_note(live_server):
    tokens = create_participants(live_server, PHONES)
    assert len(tokens) == PHONES
    # Its own thread: the browser tests leave an event loop running in this one.
    with ThreadPoolExecutor(1) as worker:
        connected, reached = worker.submit(
            asyncio.run, one_note_reaches_everyone(live_server.url, tokens)).result()
    assert connected == PHONES
    assert reached == PHONES
