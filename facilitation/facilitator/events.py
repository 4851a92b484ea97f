"""Socket.IO events sent by the facilitator's console."""
from ..errors import DomainError
from ..extensions import socketio
from ..realtime.guard import event_handler, require_int
from ..services import notes, snapshots


@socketio.on("note:hide")
@event_handler("console")
def on_note_hide(workshop, data):
    """Facilitator hides a note (`hidden: true`) or shows it again (`hidden: false`).

    Broadcast `note:hidden {note_id}` or `note:shown {note}` to the note's
    table, the board and the console; ack `{note}`.
    """
    hidden = data.get("hidden", True)
    if not isinstance(hidden, bool):
        raise DomainError("bad_payload")
    note = notes.set_hidden(workshop, require_int(data, "note_id"), hidden)
    return {"note": snapshots.note_dict(note)}
