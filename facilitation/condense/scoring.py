"""Score a produced grouping against a hand-made one: adjusted Rand index and exact counts."""

from collections import Counter


def _pairs(count):
    """Return the number of unordered pairs among count items."""
    return count * (count - 1) / 2


def adjusted_rand_index(truth, produced):
    """Return the adjusted Rand index of two labelings of the same items (1.0 = identical)."""
    if len(truth) != len(produced):
        raise ValueError("both labelings must cover the same items")
    together = sum(_pairs(n) for n in Counter(zip(truth, produced)).values())
    rows = sum(_pairs(n) for n in Counter(truth).values())
    columns = sum(_pairs(n) for n in Counter(produced).values())
    total = _pairs(len(truth))
    if total == 0:
        return 1.0
    expected = rows * columns / total
    best = (rows + columns) / 2
    if best == expected:
        return 1.0  # both are all singletons or both one group: nothing to tell apart
    return (together - expected) / (best - expected)


def themes_to_labels(themes, ids):
    """Return, for each id in order, the index of the produced theme that holds it."""
    where = {note_id: index for index, theme in enumerate(themes) for note_id in theme["note_ids"]}
    return [where[note_id] for note_id in ids]


def exact_count_accuracy(truth, produced):
    """Share of hand-made themes of 2+ notes whose best-matching produced theme has their count."""
    hand = {}
    for index, theme in enumerate(truth):
        hand.setdefault(theme, set()).add(index)
    made = {}
    for index, theme in enumerate(produced):
        made.setdefault(theme, set()).add(index)
    multi = [members for members in hand.values() if len(members) > 1]
    if not multi:
        return 1.0
    right = 0
    for members in multi:
        best = max(made.values(), key=lambda group: (len(group & members),
                                                      len(group & members) / len(group | members)))
        right += len(best) == len(members)
    return right / len(multi)


def pair_precision_recall(truth, produced):
    """Return (precision, recall) of the note pairs put together: low precision = over-merging."""
    together = sum(_pairs(n) for n in Counter(zip(truth, produced)).values())
    made = sum(_pairs(n) for n in Counter(produced).values())
    hand = sum(_pairs(n) for n in Counter(truth).values())
    return (together / made if made else 1.0), (together / hand if hand else 1.0)


def hit_at_k(truth, suggestions, k=3):
    """Share of items with a hand-made theme-mate whose first k suggestions hold such a mate.

    `truth` maps each id to its hand-made theme, `suggestions` each id to ranked ids.
    """
    sizes = Counter(truth.values())
    mated = [item for item, theme in truth.items() if sizes[theme] > 1]
    if not mated:
        return 1.0
    hits = sum(any(truth.get(other) == truth[item] for other in suggestions.get(item, [])[:k])
               for item in mated)
    return hits / len(mated)
