"""The rotation planner: valid seatings, few repeated meetings, re-planning, the command line."""
import copy
import json
import subprocess
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitation.rotation import plan_people_rotation, plan_stats, topic_rotation
from facilitation.rotation.gf import field, prime_power

ROOT = Path(__file__).resolve().parents[2]


def meetings(rounds):
    """Count how often each pair shared a table, independently of plan_stats."""
    met = Counter()
    for round_ in rounds:
        for members in round_["tables"]:
            for pair in combinations(sorted(members), 2):
                met[pair] += 1
    return met


def repeated_pairs(rounds):
    """Sum over pairs of the meetings beyond the first."""
    return sum(m - 1 for m in meetings(rounds).values())


def returns(hosts, rounds):
    """Count the times a traveller sat at a table they had already visited."""
    seen = Counter((x, t) for r in rounds for t, members in enumerate(r["tables"])
                   for x in members if x not in hosts)
    return sum(v - 1 for v in seen.values())


def assert_valid(plan, tables, present):
    """Everyone present seated once per round, hosts at home, sizes within one."""
    for round_ in plan["rounds"]:
        seating = round_["tables"]
        seated = [x for members in seating for x in members]
        assert len(seating) == tables
        assert sorted(seated) == sorted(present)
        for t, host in enumerate(plan["hosts"]):
            if host in present:
                assert host in seating[t]
        sizes = [len(members) for members in seating]
        assert max(sizes) - min(sizes) <= 1


@pytest.mark.parametrize("tables, people, rounds, most_repeats", [
    (5, 25, 3, 0),
    (7, 42, 3, 0),
    (4, 16, 4, 0),
    (4, 24, 3, 24),
    (6, 30, 3, 12),
])
def test_a_target_workshop_stays_within_its_repeated_pairs(tables, people, rounds, most_repeats):
    plan = plan_people_rotation(tables, people, rounds)
    assert_valid(plan, tables, range(people))
    assert len(plan["rounds"]) == rounds
    assert repeated_pairs(plan["rounds"]) <= most_repeats
    assert returns(plan["hosts"], plan["rounds"]) == 0


@pytest.mark.parametrize("tables", [2, 3, 4, 5, 7, 8, 9])
def test_a_prime_power_table_count_gives_no_repeated_pairs(tables):
    people = tables * tables
    plan = plan_people_rotation(tables, people, tables)
    assert_valid(plan, tables, range(people))
    assert repeated_pairs(plan["rounds"]) == 0
    assert returns(plan["hosts"], plan["rounds"]) == 0


@pytest.mark.parametrize("tables, people, rounds", [
    (4, 17, 3), (3, 7, 2), (2, 3, 1), (5, 11, 4), (1, 4, 3),
])
def test_an_odd_head_count_still_gives_a_valid_plan(tables, people, rounds):
    plan = plan_people_rotation(tables, people, rounds)
    assert_valid(plan, tables, range(people))
    if rounds <= tables:
        assert returns(plan["hosts"], plan["rounds"]) == 0


def test_a_large_workshop_gives_a_valid_plan():
    plan = plan_people_rotation(10, 200, 4)
    assert_valid(plan, 10, range(200))
    assert returns(plan["hosts"], plan["rounds"]) == 0


def test_plan_stats_agrees_with_an_independent_count():
    plan = plan_people_rotation(4, 24, 3, seed=3)
    stats = plan_stats(plan)
    met = meetings(plan["rounds"])
    sizes = [len(m) for r in plan["rounds"] for m in r["tables"]]
    assert stats["repeated_pairs"] == repeated_pairs(plan["rounds"])
    assert stats["cost"] == sum(m * m for m in met.values())
    assert stats["returns"] == returns(plan["hosts"], plan["rounds"])
    assert (stats["max_size"], stats["min_size"]) == (max(sizes), min(sizes))


def test_plan_stats_counts_a_hand_made_plan():
    plan = {"hosts": [0, 1], "rounds": [{"tables": [[0, 2, 3], [1, 4]]},
                                        {"tables": [[0, 2, 3], [1, 4]]}]}
    stats = plan_stats(plan)
    assert stats["repeated_pairs"] == 4
    assert stats["cost"] == 16
    assert stats["returns"] == 3
    assert (stats["max_size"], stats["min_size"]) == (3, 2)


def test_the_same_seed_gives_the_same_plan():
    assert plan_people_rotation(6, 31, 3, seed=7) == plan_people_rotation(6, 31, 3, seed=7)


def test_chosen_hosts_stay_at_their_tables():
    hosts = [10, 3, 7]
    plan = plan_people_rotation(3, 14, 3, hosts=hosts)
    assert plan["hosts"] == hosts
    assert_valid(plan, 3, range(14))


@given(st.data())
@settings(max_examples=30, deadline=None)
def test_every_present_person_is_seated_once_with_hosts_fixed_and_sizes_within_one(data):
    tables = data.draw(st.integers(2, 10), label="tables")
    people = data.draw(st.integers(tables, 120), label="people")
    rounds = data.draw(st.integers(1, 5), label="rounds")
    present = data.draw(st.sets(st.integers(0, people - 1), min_size=1), label="present")
    plan = plan_people_rotation(tables, people, rounds, seed=data.draw(st.integers(0, 9)),
                                present=present)
    assert len(plan["rounds"]) == rounds
    assert_valid(plan, tables, present)
    if rounds <= tables and set(plan["hosts"]) <= present:
        assert returns(plan["hosts"], plan["rounds"]) == 0


@given(st.data())
@settings(max_examples=15, deadline=None)
def test_re_planning_seats_whoever_is_present_and_leaves_played_rounds_alone(data):
    tables = data.draw(st.integers(2, 8), label="tables")
    people = data.draw(st.integers(tables, 60), label="people")
    rounds = data.draw(st.integers(2, 5), label="rounds")
    played = data.draw(st.integers(1, rounds - 1), label="played")
    history = plan_people_rotation(tables, people, rounds)["rounds"][:played]
    kept = copy.deepcopy(history)
    arrived = data.draw(st.integers(0, 3), label="arrived")
    gone = data.draw(st.sets(st.integers(0, people - 1), max_size=5), label="gone")
    present = set(range(people + arrived)) - gone
    later = plan_people_rotation(tables, people + arrived, rounds,
                                 history=history, present=present)
    assert history == kept
    assert len(later["rounds"]) == rounds - played
    assert_valid(later, tables, present)


def test_a_person_who_leaves_after_round_one_is_absent_from_later_rounds():
    first = plan_people_rotation(5, 25, 3)
    history = first["rounds"][:1]
    kept = copy.deepcopy(history)
    later = plan_people_rotation(5, 25, 3, history=history, present=set(range(25)) - {7})
    assert history == kept
    assert len(later["rounds"]) == 2
    assert_valid(later, 5, set(range(25)) - {7})
    assert repeated_pairs(history + later["rounds"]) == 0
    assert returns(later["hosts"], history + later["rounds"]) == 0


def test_a_late_arrival_is_seated_in_later_rounds():
    first = plan_people_rotation(6, 30, 3)
    history = first["rounds"][:1]
    kept = copy.deepcopy(history)
    later = plan_people_rotation(6, 31, 3, history=history, present=set(range(31)))
    assert history == kept
    assert len(later["rounds"]) == 2
    assert_valid(later, 6, range(31))
    assert returns(later["hosts"], history + later["rounds"]) == 0


def test_re_planning_counts_meetings_already_played():
    history = [{"tables": [[0, 3, 4], [1, 5, 6], [2, 7, 8]]}]
    later = plan_people_rotation(3, 9, 2, history=history)
    assert_valid(later, 3, range(9))
    assert repeated_pairs(history + later["rounds"]) == 0


def test_re_planning_after_the_last_round_plans_nothing():
    played = plan_people_rotation(3, 9, 2)["rounds"]
    assert plan_people_rotation(3, 9, 2, history=played)["rounds"] == []


@pytest.mark.parametrize("kwargs", [
    {"tables": 5, "people": 4, "rounds": 2},
    {"tables": 3, "people": 9, "rounds": 0},
    {"tables": 0, "people": 9, "rounds": 2},
    {"tables": 3, "people": 9, "rounds": 2, "hosts": [0, 0, 1]},
    {"tables": 3, "people": 9, "rounds": 2, "present": {12}},
    {"tables": 2, "people": 4, "rounds": 1, "history": [{"tables": [[0], [1]]}] * 2},
])
def test_an_impossible_request_is_refused(kwargs):
    with pytest.raises(ValueError):
        plan_people_rotation(**kwargs)


@pytest.mark.parametrize("q", [2, 3, 4, 5, 8, 9, 16, 25, 27])
def test_a_finite_field_has_inverses_and_distributes(q):
    gf = field(q)
    for a in range(1, q):
        assert sorted(gf.mul(a, b) for b in range(q)) == list(range(q))
    for a, b, c in combinations(range(q), 3):
        assert gf.mul(a, gf.add(b, c)) == gf.add(gf.mul(a, b), gf.mul(a, c))


@pytest.mark.parametrize("n, expected", [(1, None), (2, (2, 1)), (8, (2, 3)), (9, (3, 2)),
                                         (6, None), (12, None), (49, (7, 2))])
def test_prime_powers_are_recognised(n, expected):
    assert prime_power(n) == expected


def test_topics_move_one_table_each_round():
    order = topic_rotation(5, 5, 5)
    for r in range(4):
        for t in range(5):
            assert order[r + 1][(t + 1) % 5] == order[r][t]
    for t in range(5):
        assert sorted(order[r][t] for r in range(5)) == list(range(5))


def test_topics_rotate_with_fewer_topics_than_tables():
    order = topic_rotation(4, 2, 3)
    assert len(order) == 3
    assert all(len(row) == 4 and set(row) <= {0, 1} for row in order)


def run_cli(*args):
    """Run the planner's command line from the repository root."""
    return subprocess.run([sys.executable, "-m", "facilitation.rotation", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_the_command_line_prints_one_json_plan():
    done = run_cli("--tables", "4", "--people", "17", "--rounds", "3", "--seed", "2")
    assert done.returncode == 0
    plan = json.loads(done.stdout)
    assert set(plan) == {"hosts", "rounds"}
    assert_valid(plan, 4, range(17))


@pytest.mark.parametrize("args", [
    ("--tables", "5", "--people", "3", "--rounds", "2"),
    ("--tables", "3", "--people", "9", "--rounds", "0"),
    ("--tables", "x", "--people", "9", "--rounds", "2"),
    ("--tables", "3", "--people", "9"),
])
def test_the_command_line_refuses_bad_arguments_on_one_line(args):
    done = run_cli(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
