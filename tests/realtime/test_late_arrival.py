"""A late arrival at a table nobody hosts becomes its host, and the console is told."""
from tests.support.sockets import ack, console, join, phone, received


def test_a_late_arrival_at_an_empty_table_hosts_it_and_the_console_hears(app, signed_in,
                                                                         workshop):
    join(app, workshop, "Aino Työllisyyspalveluiden", 0)
    desk = console(app, signed_in, workshop)
    ack(desk, "phase:next")  # round 1: table A's first arrival hosts it; table B is empty
    desk.get_received()
    late_id, token = join(app, workshop, "Björn Åkerlund", 1)
    [updated] = received(desk, "table:updated")
    assert updated["table"]["id"] == workshop["tables"][1]
    assert updated["table"]["host_id"] == late_id
    snapshot = ack(phone(app, token), "sync", {"last_seq": 0})["snapshot"]
    assert snapshot["me"]["host"] is True
    # A second late arrival at that table does not take over.
    join(app, workshop, "Pekka Opinnollistaminen", 1)
    assert received(desk, "table:updated") == []


def test_choosing_an_empty_table_late_makes_one_its_host(app, signed_in, workshop):
    join(app, workshop, "Aino", 0)
    desk = console(app, signed_in, workshop)
    ack(desk, "phase:next")
    late_id, token = join(app, workshop, "Selma", 0)  # table A is hosted already
    late = phone(app, token)
    desk.get_received()
    chosen = ack(late, "table:choose", {"table_id": workshop["tables"][1]})
    assert chosen["ok"] and chosen["snapshot"]["me"]["host"] is True
    [updated] = received(desk, "table:updated")
    assert updated["table"]["host_id"] == late_id


def test_in_the_lobby_nobody_hosts_yet(app, signed_in, workshop):
    desk = console(app, signed_in, workshop)
    desk.get_received()
    join(app, workshop, "Aino", 1)
    assert received(desk, "table:updated") == []
