"""Turn a note's text into weighted features: lemmas, compound parts, stems and synonym groups."""

import math
import re
from functools import lru_cache

import simplemma

from .language import STOP_WORDS
from .lexicon import BAD_TAILS, CONCEPTS, LEMMA_FIXES, SHORT_PARTS, WEAK_PARTS

# How much each kind of feature counts. Whole lemmas carry the meaning; compound parts
# and stems catch "hankehakemus"/"hanke" and typos; synonym groups catch other words.
WORD_WEIGHT = 1.0
PART_WEIGHT = 1.2
STEM_WEIGHT = 0.8
CONCEPT_WEIGHT = 2.5
STEM_LENGTH = 5
# A feature found in one note only links it to nothing but still dilutes its matches.
UNIQUE_WEIGHT = 0.5

_VOWELS = frozenset("aeiouyäöå")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def tokens(text):
    """Split a text into lower-case words; hyphens and digits separate words."""
    return _TOKEN.findall(text.lower())


# True while a server loads the dictionaries in the background (facilitation/serve.py):
# meanwhile a "same idea" suggestion answers nothing rather than stall every connection.
WARMING = {"busy": False}


def preload(languages=("fi", "sv", "en")):
    """Load the lemmatiser's dictionaries now, so the first condensing is not slowed by it."""
    for language in languages:
        lemma("a", language)


@lru_cache(maxsize=100_000)
def lemma(token, language):
    """Return the base form of a word (the memory-frugal dictionary keeps a server small)."""
    fixed = LEMMA_FIXES[language].get(token)
    if fixed:
        return fixed
    if language != "en" and not _known(token, language):
        # The lemmatiser cuts an unknown compound's five-letter last part off as if it were
        # an ending ("päivärytmi" -> "päivä"): inflect only the last part instead.
        compound = _compound_lemma(token, language)
        if compound:
            return compound
    return simplemma.lemmatize(token, lang=language, low_memory=True).lower()


def _compound_lemma(token, language):
    """Return an unknown compound's base form (its last part in base form), or None."""
    best = _best_split(token, language)
    return token[:best[0]] + best[1][-1] if best else None


@lru_cache(maxsize=100_000)
def _known(word, language):
    """Tell whether the lemmatiser's dictionary knows a word form."""
    return simplemma.is_known(word, lang=language, low_memory=True)


def _head_base(head, language):
    """Return the base form of a compound's first part, or None when it is no known word."""
    if (language == "fi" and head[-1] not in _VOWELS and _known(head + "i", language)
            and lemma(head + "i", language) == head + "i"):
        return head + "i"  # "pien-", "suur-", "uus-" are "pieni", "suuri", "uusi" shortened
    if _known(head, language):
        return lemma(head, language)
    if language == "fi" and head.endswith("is") and _known(head[:-2] + "inen", language):
        return head[:-2] + "inen"  # "osaamis-" and "vertais-" are bound forms of "-inen" words
    return None


def _tail_base(tail, language):
    """Return the base form of a compound's last part, or None when it is no plausible word."""
    if not _known(tail, language) or tail in BAD_TAILS[language]:
        return None
    base = lemma(tail, language)
    # A base form far from the tail ("seen" -> "see") or a short one is a chance match.
    if base[:3] != tail[:3] or base in BAD_TAILS[language]:
        return None
    # A short tail is more often an ending ("-esti" in "säännöllisesti") than a word.
    if base in SHORT_PARTS[language]:
        return base
    return base if len(base) >= 5 and len(tail) >= 5 else None


def _split_at(word, cut, language):
    """Return the parts of a word cut at one place, or () when either side is no word."""
    head, tail = word[:cut], word[cut:]
    if len(head) < 4 and head not in SHORT_PARTS[language]:
        return ()
    tail_base = _tail_base(tail, language)
    if not tail_base:
        return ()
    head_base = _head_base(head, language)
    head_parts = (head_base,) if head_base else split_compound(head, language)
    return head_parts + (tail_base,) if head_parts else ()


@lru_cache(maxsize=100_000)
def _best_split(word, language):
    """Return (cut, parts) of a word's best split, fewest and longest parts first; None if none."""
    if language == "en" or len(word) < 7:
        return None
    splits = [(cut, _split_at(word, cut, language)) for cut in range(3, len(word) - 2)]
    splits = [(cut, parts) for cut, parts in splits if parts]
    if not splits:
        return None
    return min(splits, key=lambda split: (len(split[1]), -min(len(part) for part in split[1])))


def split_compound(word, language):
    """Split a compound lemma into base-form parts; () if it is no compound."""
    best = _best_split(word, language)
    return best[1] if best else ()


@lru_cache(maxsize=8)
def _concept_index(language):
    """Index one language's synonym groups as exact words and prefixes."""
    exact, prefixes = {}, []
    for concept, words in CONCEPTS[language].items():
        for word in words:
            if word.endswith("*"):
                prefixes.append((word[:-1], concept))
            else:
                exact.setdefault(word, set()).add(concept)
    return exact, tuple(prefixes)


@lru_cache(maxsize=100_000)
def concepts_of(word, language):
    """Return the synonym groups a lemma or compound part belongs to."""
    exact, prefixes = _concept_index(language)
    found = set(exact.get(word, ()))
    found.update(concept for prefix, concept in prefixes if word.startswith(prefix))
    return frozenset(found)


def _add(features, key, weight):
    """Keep the strongest weight of a feature: repeating a word does not make a note about it."""
    if weight > features.get(key, 0.0):
        features[key] = weight


@lru_cache(maxsize=100_000)
def word_features(token, language):
    """Return the (feature, weight) pairs one word contributes."""
    stop = STOP_WORDS[language]
    if token in stop:
        return ()
    base = lemma(token, language)
    if base in stop or len(base) < 2:
        return ()
    found = {}
    _add(found, "w:" + base, WORD_WEIGHT)
    pieces = [base]
    for part in split_compound(base, language):
        if part not in stop and part not in WEAK_PARTS[language]:
            _add(found, "w:" + part, PART_WEIGHT)
            pieces.append(part)
    for piece in pieces:
        if len(piece) > STEM_LENGTH:
            _add(found, "s:" + piece[:STEM_LENGTH], STEM_WEIGHT)
        for concept in concepts_of(piece, language):
            _add(found, "c:" + concept, CONCEPT_WEIGHT)
    return tuple(found.items())


def clear_caches():
    """Forget the per-word caches (the lemmatiser's dictionaries stay loaded)."""
    for cached in (lemma, _known, _best_split, concepts_of, word_features, _concept_index):
        cached.cache_clear()


def note_features(text, language):
    """Return a note's features with raw weights."""
    features = {}
    for token in tokens(text):
        for key, weight in word_features(token, language):
            _add(features, key, weight)
    return features


def weigh(feature_sets):
    """Scale raw weights by inverse document frequency and normalise each vector to length 1."""
    count = len(feature_sets)
    frequency = {}
    for features in feature_sets:
        for key in features:
            frequency[key] = frequency.get(key, 0) + 1
    vectors = []
    for features in feature_sets:
        vector = {key: weight * math.log(1 + count / frequency[key])
                  * (UNIQUE_WEIGHT if frequency[key] == 1 else 1.0)
                  for key, weight in features.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        vectors.append({key: value / norm for key, value in vector.items()})
    return vectors
