"""Closed-form seatings: each traveller walks a line b + r*a through the tables, round by round."""
from math import gcd

from .gf import field, prime_power


def line_seating(tables, rounds, hosts, travellers):
    """Seat traveller (a, b) at table b + r*a in round r; nobody revisits a table.

    Over GF(q), for a prime power q of tables, two travellers on lines of different
    slopes a meet in exactly one round and those of one slope never: no pair meets twice
    while there are at most q*(q-1) travellers. For other table counts the slopes are the
    units modulo the table count, which still keeps every traveller off visited tables.
    """
    add, mul, slopes = _arithmetic(tables)
    plan = []
    for r in range(rounds):
        seating = [[h] for h in hosts]
        for i, person in enumerate(travellers):
            # Whole lines of one slope first, so any head count fills the tables evenly.
            line, b = divmod(i, tables)
            seating[add(b, mul(r, slopes[line % len(slopes)]))].append(person)
        plan.append(seating)
    return plan


def fits(tables, rounds):
    """Tell whether lines give every traveller a new table each round."""
    return 2 <= tables and rounds <= tables


def _arithmetic(tables):
    """Return addition, multiplication and the usable slopes for this many tables."""
    if prime_power(tables):
        gf = field(tables)
        return gf.add, gf.mul, list(range(1, tables))
    units = [a for a in range(1, tables) if gcd(a, tables) == 1]
    return (lambda x, y: (x + y) % tables), (lambda x, y: x * y % tables), units
