"""Every screen is replayed after a reconnect exactly what it was sent live.

Broadcasts and replay both follow the one role → audience table in realtime/rooms.py:
a phone gets "all" and its own table's events, the board also "screens", the console
everything.
"""
from tests.support.sockets import board, console, join, phone


def numbered(client):
    """(name, seq) of the numbered events the client has received since last asked."""
    return [(m["name"], m["args"][0]["seq"]) for m in client.get_received()
            if m["args"] and isinstance(m["args"][0], dict) and "seq" in m["args"][0]]


def test_each_screen_is_replayed_what_it_was_sent_live(app, signed_in, workshop):
    _, maija = join(app, workshop, "Maija", 0)
    _, liisa = join(app, workshop, "Liisa", 1)
    at_a, at_b = phone(app, maija), phone(app, liisa)
    screens = {"phone at A": at_a, "phone at B": at_b, "board": board(app, workshop),
               "console": console(app, signed_in, workshop)}
    desk = screens["console"]
    start = desk.emit("sync", {"last_seq": 0}, callback=True)["seq"]
    for client in screens.values():
        client.get_received()
    desk.emit("phase:next", callback=True)  # every screen
    note = at_a.emit("note:add", {"client_id": "a",
                                  "text": "Työllisyyspalveluiden yhteensovittaminen"},
                     callback=True)["note"]  # table A, the board, the console
    at_b.emit("note:add", {"client_id": "b", "text": "Samverkan mellan projekten"},
              callback=True)  # table B, the board, the console
    desk.emit("ballot:open", {"scope": "notes", "dots": 3}, callback=True)
    at_b.emit("vote:add", {"target_type": "note", "target_id": note["id"]},
              callback=True)  # the board and the console
    desk.emit("notes:conceal", {"concealed": True}, callback=True)
    at_b.emit("note:add", {"client_id": "c", "text": "Piilossa paljastukseen asti"},
              callback=True)  # concealed: the console alone
    sent = {name: numbered(client) for name, client in screens.items()}
    assert {name for name, _ in sent["console"]} >= {
        "phase:changed", "note:added", "ballot:opened", "votes:changed", "notes:concealed"}
    assert ("votes:changed" in {n for n, _ in sent["board"]}
            and "votes:changed" not in {n for n, _ in sent["phone at A"]})
    assert len(sent["phone at A"]) < len(sent["board"]) < len(sent["console"])
    for name, client in screens.items():
        replay = client.emit("sync", {"last_seq": start}, callback=True)
        replayed = [(e["name"], e["data"]["seq"]) for e in replay["events"]
                    if e["data"]["seq"] > start]
        assert replayed == sent[name], name
