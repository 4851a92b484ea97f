"""Rank, rather than decide: a note's nearest notes, a lone note's likely themes, merge pairs.

    space = Space(notes, links=[(a, b), ...], language=None)
    neighbours(notes, k=3, links=())        -> {id: [id, ...]}   most similar first
    likely_themes(space, note_id, themes)   -> [theme id, ...]   most likely first
    merge_pairs(space, themes)              -> [(theme id, theme id, score), ...]
    proposed_label(space, note_ids)         -> the most central note's words

A theme here is {"id": ..., "note_ids": [...]}. Similarity is the lexical cosine of
`features` (lemmas, compound parts, stems, the domain thesaurus) plus what people said:
notes linked as "the same idea" are one idea, so a note near one of them is near all of
them. Pure: no Flask, nothing sent anywhere.
"""

from .cluster import agglomerate, similarities
from .core import THRESHOLD, _check, _hashable, _note_languages, set_language
from .features import note_features, weigh
from .labels import label

# Below this cosine two notes share too little to offer one as "the same idea" as the other.
MIN_SIMILARITY = 0.12
# How much of a linked idea's similarity a note inherits from its linked mates.
LINK_SHARE = 0.6
# Below this mean similarity a lone note is offered no theme and two themes no merge.
MIN_THEME_SIMILARITY = 0.08


class Space:
    """The notes of one topic with their pairwise similarities and the people's links."""

    def __init__(self, notes, links=(), language=None):
        """Weigh the notes' features and index the pairs that share any."""
        notes = list(notes)
        _check(notes)
        self.ids = [note["id"] for note in notes]
        self.texts = [note["text"] for note in notes]
        self.index = {_hashable(note_id): position for position, note_id in enumerate(self.ids)}
        fallback = set_language(notes, language) if notes else "fi"
        languages = _note_languages(notes, language, fallback)
        vectors = weigh([note_features(text, lang) for text, lang in zip(self.texts, languages)])
        self.pairs = similarities(vectors)
        self.near = {position: {} for position in range(len(notes))}
        for (i, j), value in self.pairs.items():
            self.near[i][j] = value
            self.near[j][i] = value
        self.idea = self._ideas(links)

    def _ideas(self, links):
        """{position: frozenset of positions} of the notes people linked into one idea."""
        parent = list(range(len(self.ids)))

        def root(i):
            """The representative of i's idea (path halving)."""
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for a, b in links:
            i, j = self.position(a), self.position(b)
            if i is not None and j is not None:
                parent[root(i)] = root(j)
        groups = {}
        for i in range(len(self.ids)):
            groups.setdefault(root(i), set()).add(i)
        return {i: frozenset(groups[root(i)]) for i in range(len(self.ids))}

    def position(self, note_id):
        """The position of a note id, or None when the space has no such note."""
        return self.index.get(_hashable(note_id))

    def similarity(self, i, j):
        """Similarity of notes at positions i and j: lexical, lifted by the links people made."""
        if i == j:
            return 1.0
        if j in self.idea[i]:
            return 1.0  # people said so
        direct = self.near[i].get(j, 0.0)
        if len(self.idea[i]) == 1 and len(self.idea[j]) == 1:
            return direct
        # Each side stands for its whole idea: how alike the two ideas are on average counts.
        alike = [self.near[a].get(b, 0.0) for a in self.idea[i] for b in self.idea[j]]
        inherited = sum(alike) / len(alike)
        return max(direct, direct + LINK_SHARE * inherited * (1 - direct))

    def ranked(self, i, k, minimum=MIN_SIMILARITY):
        """Positions of up to k other notes most similar to note i, at least `minimum` alike."""
        candidates = set()
        for mate in self.idea[i]:
            candidates |= self.idea[mate] | set(self.near[mate])
        for j in list(candidates):
            candidates |= self.idea[j]
        candidates.discard(i)
        scored = [(self.similarity(i, j), j) for j in candidates]
        scored = [(value, j) for value, j in scored if value >= minimum]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [j for _, j in scored[:k]]

    def to_theme(self, i, members):
        """Mean similarity of note i to a theme's notes (itself left out)."""
        others = [m for m in members if m != i]
        if not others:
            return 0.0
        return sum(self.similarity(i, m) for m in others) / len(others)

    def members(self, note_ids):
        """Positions of the note ids that the space knows."""
        found = (self.position(note_id) for note_id in note_ids)
        return [position for position in found if position is not None]


def neighbours(notes, k=3, links=(), language=None) -> dict:
    """{id: [up to k other ids most similar first]}; [] when nothing is similar enough."""
    space = Space(notes, links, language)
    return {_hashable(space.ids[i]): [space.ids[j] for j in space.ranked(i, k)]
            for i in range(len(space.ids))}


def similar_to(notes, text, k=3, links=(), language=None) -> list:
    """Ids of up to k notes most like a draft text that is not among the notes yet."""
    notes = list(notes)
    taken = {_hashable(note.get("id")) for note in notes if isinstance(note, dict)}
    draft_id = "\0draft"
    while draft_id in taken:
        draft_id += "\0"
    space = Space([*notes, {"id": draft_id, "text": text}], links, language)
    i = space.position(draft_id)
    return [space.ids[j] for j in space.ranked(i, k)]


def likely_themes(space, note_id, themes, k=3) -> list:
    """Ids of up to k themes a note most likely belongs to, the most likely first."""
    i = space.position(note_id)
    if i is None:
        return []
    scored = []
    for theme in themes:
        members = space.members(theme["note_ids"])
        if i in members or not members:
            continue
        value = space.to_theme(i, members)
        if value >= MIN_THEME_SIMILARITY:
            scored.append((value, theme["id"]))
    scored.sort(key=lambda pair: -pair[0])
    return [theme_id for _, theme_id in scored[:k]]


def merge_pairs(space, themes, minimum=MIN_THEME_SIMILARITY) -> list:
    """[(theme id, theme id, score)] of themes alike enough to merge, the most alike first."""
    members = [(theme["id"], space.members(theme["note_ids"])) for theme in themes]
    pairs = []
    for position, (a, left) in enumerate(members):
        for b, right in members[position + 1:]:
            if not left or not right:
                continue
            value = sum(space.similarity(i, j) for i in left for j in right) / (
                len(left) * len(right))
            if value >= minimum:
                pairs.append((a, b, round(value, 4)))
    pairs.sort(key=lambda pair: -pair[2])
    return pairs


def proposed_label(space, note_ids) -> str:
    """A theme's proposed name: the words of its most central note (short ones preferred)."""
    members = space.members(note_ids)
    if not members:
        return ""
    return label(members, space.texts, space.similarity)


def gather(space, threshold=THRESHOLD) -> list:
    """Suggested groups of ids: people's linked ideas kept whole, then joined where alike."""
    pairs = {}
    for i in range(len(space.ids)):
        for j in space.ranked(i, len(space.ids), minimum=1e-9):
            if i < j:
                pairs[(i, j)] = space.similarity(i, j)
    groups = agglomerate(len(space.ids), pairs, threshold)
    groups.sort(key=lambda group: (-len(group), group[0]))
    return [[space.ids[i] for i in group] for group in groups]
