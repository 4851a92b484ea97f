"""Plan the people-rotate rounds: closed form on lines through the tables, then search."""
import random

from .board import Board
from .lines import fits, line_seating
from .search import improve, settle, unreturn

# Rough counts of basic steps the search may spend, so that big workshops stay fast.
GREEDY_WORK = 120_000
SWAP_WORK = 800_000


def plan_people_rotation(tables, people, rounds, seed=0, hosts=None, history=None, present=None):
    """Seat everyone present for the rounds still to come; `rounds` counts played rounds too."""
    hosts = list(range(tables)) if hosts is None else list(hosts)
    present = set(range(people)) if present is None else set(present)
    played = [list(map(list, r["tables"])) for r in history or []]
    _check(tables, people, rounds, hosts, played, present)
    board = Board(tables, people, hosts, played, most=rounds)
    seatings = _search(board, tables, rounds, hosts, played, present, random.Random(seed))
    return {"hosts": hosts, "rounds": [{"tables": _tidy(s, hosts)} for s in seatings]}


def _check(tables, people, rounds, hosts, played, present):
    """Raise ValueError for a request no seating can satisfy."""
    if tables < 1 or rounds < 1:
        raise ValueError("need at least one table and one round")
    if people < tables:
        raise ValueError(f"{people} people cannot host {tables} tables")
    if len(hosts) != tables or len(set(hosts)) != tables:
        raise ValueError("need one distinct host per table")
    if len(played) > rounds:
        raise ValueError(f"{len(played)} rounds played but only {rounds} planned")
    everyone = set(range(people))
    if not set(hosts) <= everyone or not present <= everyone:
        raise ValueError(f"people are numbered 0..{people - 1}")
    for seating in played:
        seated = [x for members in seating for x in members]
        if len(seating) != tables or len(set(seated)) < len(seated) or set(seated) - everyone:
            raise ValueError(f"each played round must seat people 0..{people - 1} "
                             f"once, at {tables} tables")


def _search(board, tables, rounds, hosts, played, present, rng):
    """Return the best seatings found for the remaining rounds."""
    todo = rounds - len(played)
    if todo == 0:
        return []
    home = {h: t for t, h in enumerate(hosts)}
    candidates = [settle(board.copy(), proposal, present, home, rng)
                  for proposal in _line_proposals(tables, rounds, hosts, played, present)]
    # No conflict left means every planned meeting is a first one: nothing can do better.
    done = [c for c in candidates if not c.conflicts()]
    if done:
        return done[0].rounds
    # Placing one person costs about a table's size in steps, for every table.
    work = max(1, len(present)) * (len(present) / tables + 1)
    for _ in range(max(2, min(30, int(GREEDY_WORK // (todo * work))))):
        candidates.append(settle(board.copy(), [[]] * todo, present, home, rng))
    best = unreturn(min(candidates, key=Board.objective))
    return improve(best, rng, max(50, min(20_000, int(SWAP_WORK // (2 * work)))))


def _line_proposals(tables, rounds, hosts, played, present):
    """Closed-form seatings of the remaining rounds, when they keep everyone off visited tables."""
    if not fits(tables, rounds):
        return []
    home = set(hosts)
    groups = [sorted(present - home)]
    if played:
        # The people of the original plan too, so that a re-plan can keep to it.
        known = present | {x for seating in played for members in seating for x in members}
        groups.append(sorted(known - home))
    return [line_seating(tables, rounds, hosts, travellers)[len(played):] for travellers in groups]


def _tidy(seating, hosts):
    """Order each table as its host first, then travellers by number."""
    return [sorted(members, key=lambda x: (x != hosts[t], x)) for t, members in enumerate(seating)]
