"""Socket.IO events for "the same idea": suggestions while writing, linking, taking back."""
from ..extensions import socketio
from ..realtime.guard import event_handler, require_int
from ..services import links
from ..services.snapshots import note_dict

LINKERS = ("participant", "console")


@socketio.on("note:similar")
@event_handler("participant")
def on_note_similar(actor, data):
    """Up to three notes of the topic most like a draft `text` or a posted `note_id`.

    Ack `{notes: [Note]}`, most alike first; `[]` when nothing is alike enough.
    """
    note_id = require_int(data, "note_id") if "note_id" in data else None
    return {"notes": links.similar_notes(actor, data.get("text"), note_id)}


@socketio.on("note:link")
@event_handler(LINKERS)
def on_note_link(actor, data):
    """Link `note_id` to `target_id` as the same idea.

    Broadcast `note:linked {note}` to the note's table, board and console and
    `theme:changed` for the theme that gathers them; ack `{note, theme_id}`.
    """
    note = links.link_note(actor, require_int(data, "note_id"), require_int(data, "target_id"))
    return {"note": note_dict(note), "theme_id": links.theme_of_note(note.id)}


@socketio.on("note:unlink")
@event_handler(LINKERS)
def on_note_unlink(actor, data):
    """Take back a link; broadcast `note:linked {note}` (same_as null); ack `{note}`."""
    note = links.unlink_note(actor, require_int(data, "note_id"))
    return {"note": note_dict(note), "theme_id": links.theme_of_note(note.id)}


