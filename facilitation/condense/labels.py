"""A short, readable label for a theme: its most central note, trimmed."""

import re

MAX_LABEL = 70
# A note whose centrality is this close to the best may win by being shorter.
_NEAR_BEST = 0.95


def tidy(text, limit=MAX_LABEL):
    """Collapse whitespace, cut at a word boundary, drop trailing commas and dashes, capitalise."""
    text = " ".join(text.split())
    if len(text) > limit:
        cut = text.rfind(" ", 0, limit - 1)
        text = text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:–-") + "…"
    text = text.rstrip(" .,;:–-")
    return text[:1].upper() + text[1:]


def _centrality(member, members, similarity):
    """Return a note's mean similarity to the other notes of its theme."""
    others = [other for other in members if other != member]
    if not others:
        return 1.0
    return sum(similarity(member, other) for other in others) / len(others)


def label(members, texts, similarity):
    """Return the label of a theme from the indices of its notes and a pairwise similarity."""
    scores = {member: _centrality(member, members, similarity) for member in members}
    best = max(scores.values())
    near = [member for member in members if scores[member] >= best * _NEAR_BEST]
    chosen = min(near, key=lambda member: (len(_words(texts[member])), -scores[member], member))
    return tidy(texts[chosen])


def _words(text):
    """Return the words of a text (for preferring short labels)."""
    return re.findall(r"\w+", text)
