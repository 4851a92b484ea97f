"""Pairwise note similarity and average-linkage agglomerative clustering with a threshold."""

import heapq


def similarities(vectors):
    """Return {(i, j): cosine} for every pair i < j of unit vectors that share a feature."""
    postings = {}
    for index, vector in enumerate(vectors):
        for key, value in vector.items():
            postings.setdefault(key, []).append((index, value))
    sums = {}
    # Walking the postings touches only pairs that share a feature: sparse and fast.
    for entries in postings.values():
        for position, (i, left) in enumerate(entries):
            for j, right in entries[position + 1:]:
                pair = (i, j)
                sums[pair] = sums.get(pair, 0.0) + left * right
    return sums


def _average(totals, sizes, a, b):
    """Return the mean pairwise similarity between clusters a and b."""
    return totals[a].get(b, 0.0) / (sizes[a] * sizes[b])


def _merge(totals, sizes, a, b):
    """Fold cluster b into cluster a and return the clusters whose distance to a changed."""
    for c, total in totals.pop(b).items():
        if c == a:
            continue
        totals[c].pop(b, None)
        merged = totals[a].get(c, 0.0) + total
        totals[a][c] = merged
        totals[c][a] = merged
    totals[a].pop(b, None)
    sizes[a] += sizes.pop(b)
    return list(totals[a])


def agglomerate(count, pair_similarities, threshold):
    """Group items 0..count-1, merging the closest clusters while their mean similarity ≥ threshold."""
    totals = {index: {} for index in range(count)}
    for (i, j), value in pair_similarities.items():
        totals[i][j] = value
        totals[j][i] = value
    sizes = dict.fromkeys(range(count), 1)
    members = {index: [index] for index in range(count)}
    heap = [(-value, i, j) for (i, j), value in pair_similarities.items() if value >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        # Entries go stale when a cluster merges; skip any whose figure is no longer current.
        if a not in sizes or b not in sizes or _average(totals, sizes, a, b) != -negative:
            continue
        for c in _merge(totals, sizes, a, b):
            value = _average(totals, sizes, a, c)
            if value >= threshold:
                heapq.heappush(heap, (-value, min(a, c), max(a, c)))
        members[a].extend(members.pop(b))
    return [sorted(group) for group in members.values()]
