"""What arrived since the summary was edited by hand, and taking it in without losing edits.

`Summary.generated` is the text as last generated. Comparing it line by line with a
fresh generation says what is new (a consent, feedback, a note) and what is gone
(a withdrawn consent). Taking the news in applies those line changes to the
facilitator's text where their neighbouring lines still are, so the edits stay.
"""
import re
from difflib import SequenceMatcher

from .. import summary
from ..extensions import db
from ..models import utcnow
from .summaries import summary_of
from .summary_data import build_summary_data

_MARKER = re.compile(r"^\s*(?:[-*+]|#{1,6})\s+")


def news_since_edit(workshop):
    """{"added": [lines], "removed": [lines]} of the workshop since a hand edit; empty if none."""
    stored = summary_of(workshop)
    if stored is None or not stored.edited:
        return {"added": [], "removed": []}
    fresh = summary.write_summary(build_summary_data(workshop))
    added, removed = [], []
    for _tag, i1, i2, j1, j2 in _changes(stored.generated, fresh):
        removed += [_plain(line) for line in stored.generated.splitlines()[i1:i2] if line.strip()]
        added += [_plain(line) for line in fresh.splitlines()[j1:j2] if line.strip()]
    return {"added": added, "removed": removed}


def _plain(line):
    """A summary line as a person reads it: no list or heading marker, no escapes."""
    return summary.inline_text(_MARKER.sub("", line))


def insert_news(workshop):
    """Apply the news to the edited summary, keep the edits, and mark the news as taken in."""
    stored = summary_of(workshop)
    if stored is None or not stored.edited:
        return stored
    fresh = summary.write_summary(build_summary_data(workshop))
    stored.markdown = merge(stored.generated, fresh, stored.markdown)
    stored.generated = fresh
    stored.edited = stored.markdown != fresh
    stored.updated_at = utcnow()
    db.session.commit()
    return stored


def merge(old, new, edited):
    """Apply the line changes from `old` to `new` onto `edited`, where their places are found."""
    old_lines, new_lines, out = old.splitlines(), new.splitlines(), edited.splitlines()
    # From the end: a change lower down never moves the places of those above it.
    for tag, i1, i2, j1, j2 in reversed(_changes(old, new)):
        at = _find_block(out, old_lines, i1, i2)
        if at is not None:
            out[at:at + i2 - i1] = new_lines[j1:j2]
        elif tag != "delete":
            place = _after_anchor(out, old_lines, i1)
            out[place:place] = _with_blank_lines(out, place, new_lines[j1:j2])
    return "\n".join(out).rstrip() + "\n"


def _changes(old, new):
    """The opcodes that are not 'equal' between two texts' lines."""
    matcher = SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    return [op for op in matcher.get_opcodes() if op[0] != "equal"]


def _occurrence(lines, index):
    """How many times lines[index] appears in lines[:index] (its duplicates above it)."""
    return lines[:index].count(lines[index])


def _nth(lines, text, n):
    """The index of the n-th (from 0) occurrence of `text` in `lines`, or None."""
    seen = -1
    for index, line in enumerate(lines):
        if line == text:
            seen += 1
            if seen == n:
                return index
    return None


def _find_block(out, old_lines, i1, i2):
    """Where the old lines i1:i2 stand unchanged in the edited text, or None."""
    block = old_lines[i1:i2]
    if not any(line.strip() for line in block):
        return None  # blank lines alone could be anywhere
    first = next(k for k in range(i1, i2) if old_lines[k].strip())
    at = _nth(out, old_lines[first], _occurrence(old_lines, first))
    if at is None:
        return None
    start = at - (first - i1)
    return start if start >= 0 and out[start:start + len(block)] == block else None


def _after_anchor(out, old_lines, i1):
    """The index after the nearest non-blank old line above i1 that the edited text still has."""
    for k in range(i1 - 1, -1, -1):
        if old_lines[k].strip():
            at = _nth(out, old_lines[k], _occurrence(old_lines, k))
            if at is not None:
                return at + 1
    return 0 if i1 == 0 else len(out)


def _with_blank_lines(out, place, lines):
    """The lines to insert, with a blank line before a heading that would touch text above."""
    if lines and lines[0].startswith("#") and place > 0 and out[place - 1].strip():
        return [""] + lines
    return lines
