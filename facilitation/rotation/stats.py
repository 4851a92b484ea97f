"""Figures that tell how good a seating plan is."""
from collections import Counter
from itertools import combinations


def plan_stats(plan):
    """Count repeated meetings, returns to visited tables and table sizes in a plan."""
    hosts = set(plan["hosts"])
    met, visits, sizes, spread = Counter(), Counter(), [], 0
    for round_ in plan["rounds"]:
        tables = round_["tables"]
        for t, members in enumerate(tables):
            sizes.append(len(members))
            visits.update((x, t) for x in members if x not in hosts)
            met.update(combinations(sorted(members), 2))
        spread = max(spread, max(map(len, tables)) - min(map(len, tables)))
    return {
        "repeated_pairs": sum(m - 1 for m in met.values()),
        "cost": sum(m * m for m in met.values()),
        "returns": sum(v - 1 for v in visits.values()),
        "max_met": max(met.values(), default=0),
        "max_size": max(sizes, default=0),
        "min_size": min(sizes, default=0),
        "size_spread": spread,
    }
