"""The café's phases, the shared timer and who sits where each round."""
from datetime import timedelta
from itertools import combinations

import pytest

from facilitation import timer
from facilitation.errors import DomainError
from facilitation.extensions import db
from facilitation.models import Participant, Seat, Workshop
from facilitation.services import rounds, tables
from tests.support.cafe import make_workshop, numbered
from tests.support.sockets import board, join, received


def cafe(app, facilitator_id, table_count=4, mode="people", remote_tables=0, rounds_=3):
    """The suite's café of numbered in-room (and remote) tables with one topic each."""
    tables_, topics = numbered(table_count, remote_tables)
    return make_workshop(app, facilitator_id, "Kahvila", tables=tables_, topics=topics, mode=mode,
                         rounds=rounds_, round_minutes=20, break_minutes=5)


def seat_everyone(app, workshop, per_table, remote_tables=0):
    """Join `per_table` people at each table; returns participant ids by table index."""
    seated = {}
    for index, _ in enumerate(workshop["tables"]):
        seated[index] = [join(app, workshop, f"P{index}-{n}", index)[0] for n in range(per_table)]
    return seated


def step(app, workshop, times=1):
    """Press 'next' on the console `times` times; return the workshop's state."""
    with app.app_context():
        w = db.session.get(Workshop, workshop["id"])
        for _ in range(times):
            rounds.advance(w)
        return w.state, w.round_no


def seats(app, workshop, round_no):
    """participant id → table id for a round."""
    with app.app_context():
        return {s.participant_id: s.table_id for s in db.session.query(Seat).filter_by(
            workshop_id=workshop["id"], round_no=round_no)}


def test_the_phases_run_from_lobby_to_closed(app, facilitator):
    w = cafe(app, facilitator["id"], rounds_=2)
    seat_everyone(app, w, 2)
    visited = [step(app, w) for _ in range(6)]
    assert visited == [("round", 1), ("break", 1), ("round", 2), ("harvest", 2),
                       ("feedback", 2), ("closed", 2)]
    with app.app_context(), pytest.raises(DomainError) as refused:
        rounds.advance(db.session.get(Workshop, w["id"]))
    assert refused.value.code == "workshop_closed"


def test_hosts_stay_and_nobody_returns_to_a_table_or_meets_anyone_twice(app, facilitator):
    w = cafe(app, facilitator["id"], table_count=5)
    seated = seat_everyone(app, w, 5)  # 25 people at 5 tables
    step(app, w)  # round 1
    with app.app_context():
        hosts = {t.id: t.host_id for t in db.session.get(Workshop, w["id"]).tables}
    assert [hosts[t] for t in w["tables"]] == [seated[i][0] for i in range(5)]
    plan = {1: seats(app, w, 1)}
    for r in (2, 3):
        step(app, w, 2)  # break, then the round
        plan[r] = seats(app, w, r)
    for table_id, host in hosts.items():
        assert all(plan[r][host] == table_id for r in plan)
    for person in plan[1]:
        if person not in hosts.values():
            assert len({plan[r][person] for r in plan}) == 3, "a traveller returned to a table"
    met = {}
    for r in plan:
        for table_id in w["tables"]:
            members = sorted(p for p, t in plan[r].items() if t == table_id)
            for pair in combinations(members, 2):
                met[pair] = met.get(pair, 0) + 1
    assert max(met.values()) == 1
    with app.app_context():
        where = {p.id: p.table_id for p in db.session.query(Participant)}
    assert where == plan[3]


def test_a_late_arrival_is_seated_in_the_rounds_to_come(app, facilitator):
    w = cafe(app, facilitator["id"], table_count=3)
    seat_everyone(app, w, 3)
    step(app, w)  # round 1 running
    late, _ = join(app, w, "Myöhäinen", 2)
    step(app, w)  # break: round 2 planned
    assert late in seats(app, w, 2)
    assert late not in seats(app, w, 1)


def test_remote_people_are_seated_only_at_remote_tables(app, facilitator):
    w = cafe(app, facilitator["id"], table_count=3, remote_tables=2)
    seated = seat_everyone(app, w, 3)
    step(app, w, 2)  # round 1, then the break with round 2 planned
    planned = seats(app, w, 2)
    remote_tables = set(w["tables"][3:])
    for index, people in seated.items():
        for person in people:
            assert (planned[person] in remote_tables) == (index >= 3)


def test_in_topics_mode_people_stay_and_topics_move_one_table(app, facilitator):
    w = cafe(app, facilitator["id"], table_count=3, mode="topics")
    seat_everyone(app, w, 2)
    step(app, w)
    with app.app_context():
        first = [t.topic.title for t in db.session.get(Workshop, w["id"]).tables]
    before = seats(app, w, 1)
    step(app, w, 2)
    with app.app_context():
        second = [t.topic.title for t in db.session.get(Workshop, w["id"]).tables]
    assert seats(app, w, 2) == before
    assert sorted(second) == sorted(first) and second != first
    assert second[1:] + second[:1] == first or second[-1:] + second[:-1] == first


def test_the_timer_pauses_resumes_and_extends(app, facilitator):
    w = cafe(app, facilitator["id"])
    seat_everyone(app, w, 1)
    step(app, w)
    with app.app_context():
        workshop = db.session.get(Workshop, w["id"])
        started = timer.as_utc(workshop.phase_ends_at)
        assert abs((started - rounds.now()).total_seconds() - 20 * 60) < 5
        rounds.change_timer(workshop, "pause")
        assert workshop.phase_ends_at is None and 1190 < workshop.paused_remaining <= 1200
        rounds.change_timer(workshop, "extend", 5)
        assert 1490 < workshop.paused_remaining <= 1500
        rounds.change_timer(workshop, "resume")
        assert timer.as_utc(workshop.phase_ends_at) - rounds.now() > timedelta(minutes=24)
        with pytest.raises(DomainError):
            rounds.change_timer(workshop, "extend", 0)


def test_phase_changes_are_broadcast_to_every_screen_with_the_timer(app, facilitator):
    w = cafe(app, facilitator["id"])
    seat_everyone(app, w, 1)
    projector = board(app, w)
    projector.get_received()
    step(app, w)
    [changed] = received(projector, "phase:changed")
    assert changed["phase"]["state"] == "round" and changed["phase"]["round"] == 1
    assert changed["phase"]["timer"]["ends_at"] and changed["phase"]["timer"]["server_now"]
    with app.app_context():
        rounds.send_message(db.session.get(Workshop, w["id"]), "Kahvi on valmis!")
    assert [m["text"] for m in received(projector, "message:sent")] == ["Kahvi on valmis!"]


def test_only_the_host_writes_the_tables_crystallisation(app, facilitator):
    w = cafe(app, facilitator["id"])
    seated = seat_everyone(app, w, 2)
    step(app, w)
    with app.app_context():
        host = db.session.get(Participant, seated[0][0])
        guest = db.session.get(Participant, seated[0][1])
        table = tables.crystallise_as_host(host, "Yhteistyö syntyy tekemällä yhdessä.")
        assert table.crystallisation == "Yhteistyö syntyy tekemällä yhdessä."
        with pytest.raises(DomainError) as refused:
            tables.crystallise_as_host(guest, "Minä kirjoitan")
        assert refused.value.code == "forbidden"


def test_naming_a_host_elsewhere_ends_their_hosting_here(app, facilitator):
    w = cafe(app, facilitator["id"])
    seated = seat_everyone(app, w, 2)
    step(app, w)
    with app.app_context():
        workshop = db.session.get(Workshop, w["id"])
        tables.set_host(workshop, w["tables"][1], seated[0][0])
        hosts = {t.id: t.host_id for t in workshop.tables}
    assert hosts[w["tables"][1]] == seated[0][0] and hosts[w["tables"][0]] is None
