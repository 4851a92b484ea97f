"""What the machine offers people who gather themes: it ranks, they decide.

For a host's table or the console's topics: for each note in no theme the themes it most
likely belongs to, a proposed label per theme (its most central note's words) and, on the
console, pairs of themes of one topic to merge, the most alike first.
"""
from sqlalchemy import select

from ..condense.rank import Space, likely_themes, merge_pairs, proposed_label
from ..extensions import db
from ..models import Note
from .rights import LABEL_MAX, scope, topic_of
from .theme_reads import live, themes_of

MERGE_PAIRS_MAX = 20


def rank_themes(actor, topic_id=None) -> dict:
    """{likely: {note id: [theme ids]}, labels: {theme id: label}, merges: [[a, b, score]]}."""
    workshop, table = scope(actor)
    themes = themes_of(workshop.id)
    if table is not None:
        topics = [table.topic_id] if table.topic_id is not None else []
        themes = [t for t in themes if t["table_id"] == table.id]
    elif topic_id is not None:
        topics = [topic_of(workshop, topic_id)]
    else:
        topics = [t.id for t in workshop.topics]
    found = {"likely": {}, "labels": {}, "merges": []}
    for topic in topics:
        _rank_topic(workshop, topic, table, [t for t in themes if t["topic_id"] == topic],
                    found)
    found["merges"].sort(key=lambda pair: -pair[2])
    found["merges"] = found["merges"][:MERGE_PAIRS_MAX] if table is None else []
    return found


def _rank_topic(workshop, topic_id, table, themes, found):
    """Add one topic's likely themes, labels and merge pairs to `found`."""
    query = live(select(Note).where(Note.workshop_id == workshop.id, Note.topic_id == topic_id,
                                    Note.concealed.is_(False), Note.kind != "action"))
    if table is not None:
        query = query.where(Note.table_id == table.id)
    notes = db.session.scalars(query.order_by(Note.id)).all()
    ids = {n.id for n in notes}
    links = [(n.id, n.same_as_id) for n in notes if n.same_as_id in ids]
    space = Space([{"id": n.id, "text": n.text} for n in notes], links, workshop.language)
    themed = {i for t in themes for i in t["note_ids"]}
    for note in notes:
        if note.id not in themed:
            found["likely"][str(note.id)] = likely_themes(space, note.id, themes)
    for theme in themes:
        found["labels"][str(theme["id"])] = proposed_label(space, theme["note_ids"])[:LABEL_MAX]
    found["merges"] += [list(pair) for pair in merge_pairs(space, themes)]
