"""Condense a topic's sticky notes into themes with mention counts."""

from .cluster import agglomerate, similarities
from .features import note_features, weigh
from .labels import label
from .language import detect_language, normalise_language

# Mean similarity two groups of notes need to become one theme. Below it a note stays on
# its own: a one-off idea is worth a line of its own rather than a place in a wrong theme.
THRESHOLD = 0.2


def _check(notes):
    """Raise ValueError unless every note has an id and a text and no id repeats."""
    seen = set()
    for position, note in enumerate(notes, 1):
        if not isinstance(note, dict) or "id" not in note or "text" not in note:
            raise ValueError(f"note {position}: needs an 'id' and a 'text'")
        if not isinstance(note["text"], str):
            raise ValueError(f"note {position}: 'text' must be a string")
        key = _hashable(note["id"])
        if key in seen:
            raise ValueError(f"note {position}: duplicate id {note['id']!r}")
        seen.add(key)


def _hashable(value):
    """Return a hashable stand-in for an id (ids are usually strings or numbers)."""
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


def set_language(notes, language=None):
    """Return the language of a set: the one asked for, else the notes' own, else a guess."""
    if language:
        return normalise_language(language)
    given = [normalise_language(note["language"]) for note in notes if note.get("language")]
    if given:
        return max(sorted(set(given)), key=given.count)
    return detect_language(note["text"] for note in notes)


def _note_languages(notes, language, fallback):
    """Return each note's language: the one asked for wins, then the note's own, then the set's."""
    if language:
        return [fallback] * len(notes)
    return [normalise_language(note["language"]) if note.get("language") else fallback
            for note in notes]


def _order(groups):
    """Sort groups largest first; equal sizes keep the order their first notes arrived in."""
    return sorted(groups, key=lambda group: (-len(group), group[0]))


def condense(notes, language=None) -> list[dict]:
    """Group notes into [{"label", "note_ids", "count"}], each id in one theme, largest first."""
    notes = list(notes)
    _check(notes)
    if not notes:
        return []
    fallback = set_language(notes, language)
    languages = _note_languages(notes, language, fallback)
    texts = [note["text"] for note in notes]
    vectors = weigh([note_features(text, lang) for text, lang in zip(texts, languages)])
    pairs = similarities(vectors)
    groups = _order(agglomerate(len(notes), pairs, THRESHOLD))

    def similarity(i, j):
        """Return the similarity of notes i and j (0 when they share nothing)."""
        return pairs.get((min(i, j), max(i, j)), 0.0)

    return [{"label": label(group, texts, similarity),
             "note_ids": [notes[index]["id"] for index in group],
             "count": len(group)} for group in groups]
