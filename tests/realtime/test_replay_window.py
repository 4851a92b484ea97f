"""After a Wi-Fi drop a phone is replayed what it missed, as long as that is little for it.

Whether a `sync` replays or sends a snapshot is counted in the events the socket may see:
a phone sees its own table's notes, so a busy room writing 600 notes at other tables leaves
a phone at a quiet table three notes behind, not 600. The board sees every table's.
"""
from tests.support.sockets import ack, board, join, phone

WRITERS = 7
NOTES_EACH = 90  # under NOTES_BURST: 630 notes at table B in all


def test_a_phone_at_a_quiet_table_is_replayed_its_own_notes_after_a_busy_room(app, workshop):
    _, maija = join(app, workshop, "Maija", 0)
    _, pekka = join(app, workshop, "Pekka", 0)
    _, liisa = join(app, workshop, "Liisa", 1)
    at_a, at_b, projector = phone(app, maija), phone(app, liisa), board(app, workshop)
    start = ack(at_a, "sync", {"last_seq": 0})["seq"]
    writers = [phone(app, join(app, workshop, f"Kirjoittaja {n}", 1)[1]) for n in range(WRITERS)]
    pekka_phone = phone(app, pekka)
    mine = []
    for n in range(NOTES_EACH):
        for w, writer in enumerate(writers):
            assert ack(writer, "note:add", {
                "client_id": f"b-{w}-{n}", "text": f"Työllisyyspalveluiden yhteensovittaminen {n}"})["ok"]
        if n % 30 == 0:
            mine.append(ack(pekka_phone, "note:add", {
                "client_id": f"a-{n}", "text": f"Yhteistyö hankkeissa, maininta {n}"})["note"]["id"])

    replay = ack(at_a, "sync", {"last_seq": start})
    assert replay["ok"] and "snapshot" not in replay
    replayed = [e["data"]["note"]["id"] for e in replay["events"] if e["name"] == "note:added"]
    assert replayed == mine  # exactly table A's, none of table B's 630

    for screen in (at_b, projector):  # 630 notes they may see: rebuilt, not replayed
        reply = ack(screen, "sync", {"last_seq": start})
        assert reply["ok"] and "events" not in reply
        assert len([n for n in reply["snapshot"]["notes"] if n["table_id"] == workshop["tables"][1]]) \
            == WRITERS * NOTES_EACH
