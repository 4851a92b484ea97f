"""Presence on the console: counted per socket in memory, flushed each tick, told once a tick.

`presence.tick(app)` is one round of the background task the server runs every second.
"""
import time

from facilitation.extensions import db
from facilitation.models import Presence
from facilitation.realtime import presence
from facilitation.services import events
from facilitation.services import presence as stored
from tests.support.sockets import console, join, phone, received


def online_people(desk):
    """The names the console's snapshot shows online."""
    people = desk.emit("sync", {"last_seq": 0}, callback=True)["snapshot"]["participants"]
    return sorted(p["name"] for p in people if p["online"])


def test_a_participant_stays_online_until_their_last_socket_closes(app, signed_in, workshop):
    maija_id, token = join(app, workshop, "Maija Työllisyyspalveluiden")
    desk = console(app, signed_in, workshop)
    on_phone, on_laptop = phone(app, token), phone(app, token)
    presence.tick(app)
    assert received(desk, "presence:changed")[-1]["online"] == [maija_id]
    on_phone.disconnect()
    presence.tick(app)
    assert received(desk, "presence:changed") == []  # nothing changed for the console
    assert online_people(desk) == ["Maija Työllisyyspalveluiden"]
    on_laptop.disconnect()
    presence.tick(app)
    assert received(desk, "presence:changed")[-1]["online"] == []
    assert online_people(desk) == []


def test_a_room_reconnecting_records_no_event_and_tells_the_console_once(app, signed_in, workshop):
    people = [join(app, workshop, name) for name in
              ("Aino", "Björn", "Carita", "Dávid", "Eeva", "Frans", "Göran", "Hilkka")]
    desk = console(app, signed_in, workshop)
    with app.app_context():
        seq_before = events.current_seq(workshop["id"])
    phones = [phone(app, token) for _, token in people]
    for p in phones:  # the Wi-Fi drops and every phone comes back
        p.disconnect()
    phones = [phone(app, token) for _, token in people]
    presence.tick(app)
    told = received(desk, "presence:changed")
    assert len(told) == 1 and told[0]["online"] == sorted(pid for pid, _ in people)
    assert "seq" not in told[0]
    presence.tick(app)
    assert received(desk, "presence:changed") == []  # unchanged: not told again
    with app.app_context():
        # No numbered event per socket: the replay window stays for the notes.
        assert events.current_seq(workshop["id"]) == seq_before
    replayed = desk.emit("sync", {"last_seq": seq_before}, callback=True)["events"]
    assert [e["name"] for e in replayed] == ["participant:joined"] * len(people)


def test_the_console_counts_another_live_processs_phones_until_it_dies(app, signed_in, workshop):
    maija_id, _ = join(app, workshop, "Maija")
    desk = console(app, signed_in, workshop)
    with app.app_context():
        # Another process serving the same database holds Maija's socket.
        stored.flush("toinen-palvelin:5001", {(workshop["id"], maija_id): 1})
    presence.tick(app)
    assert received(desk, "presence:changed")[-1]["online"] == [maija_id]
    assert online_people(desk) == ["Maija"]
    with app.app_context():
        # Its last heartbeat is older than the timeout: it was killed.
        stale = time.time() - app.config["PRESENCE_TIMEOUT_SECONDS"] - 1
        stored.flush("toinen-palvelin:5001", {}, now=stale)
    presence.tick(app)
    assert received(desk, "presence:changed")[-1]["online"] == []
    with app.app_context():
        assert db.session.query(Presence).filter_by(process_id="toinen-palvelin:5001").count() == 0


def test_a_process_starting_clears_only_its_own_rows(app, signed_in, workshop):
    maija_id, _ = join(app, workshop, "Maija")
    pekka_id, _ = join(app, workshop, "Pekka")
    with app.app_context():
        stored.flush("palvelin:5001", {(workshop["id"], maija_id): 2})
        stored.flush("palvelin:5002", {(workshop["id"], pekka_id): 1})
        stored.clear_process("palvelin:5002")  # 5002 restarted after a crash
    desk = console(app, signed_in, workshop)
    assert online_people(desk) == ["Maija"]


def test_a_console_that_replays_is_told_presence_again(app, signed_in, workshop):
    maija_id, token = join(app, workshop, "Maija")
    desk = console(app, signed_in, workshop)
    maija = phone(app, token)
    presence.tick(app)
    assert received(desk, "presence:changed")[-1]["online"] == [maija_id]
    # After a reconnect the console replays events, which carry no presence.
    last = desk.emit("sync", {"last_seq": 1}, callback=True)
    assert "events" in last
    presence.tick(app)
    assert received(desk, "presence:changed")[-1]["online"] == [maija_id]
    maija.disconnect()
