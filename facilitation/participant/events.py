"""Socket.IO events sent by participants' phones."""
from flask_socketio import join_room, leave_room

from ..extensions import socketio
from ..models import Participant
from ..realtime.guard import event_handler, require_int
from ..realtime.limits import check_rate
from ..realtime.rooms import table_room
from ..services import notes, participants, snapshots, tables
from ..services.workshops import table_of


@socketio.on("note:add")
@event_handler("participant")
def on_note_add(participant, data):
    """Participant posts a note at their table.

    Broadcast `note:added` to the table, the board and the console; ack
    `{note, duplicate}` (a repeated client id is stored once and acked again).
    """
    check_rate("notes", participant.id)
    note, created = notes.add_note(participant, data.get("client_id"), data.get("text"))
    return {"note": snapshots.note_dict(note), "duplicate": not created}


@socketio.on("table:choose")
@event_handler("participant")
def on_table_choose(participant, data):
    """Participant sits at another table; the console gets `participant:moved`.

    Ack `{snapshot}`: the phone's new view with the new table's notes.
    """
    old_table_id = participant.table_id
    participants.choose_table(participant, require_int(data, "table_id"))
    if old_table_id:
        leave_room(table_room(participant.workshop_id, old_table_id))
    join_room(table_room(participant.workshop_id, participant.table_id))
    return {"snapshot": snapshots.participant_view(participant)}


@socketio.on("table:crystallise")
@event_handler(("participant", "console"))
def on_table_crystallise(actor, data):
    """A table's host (for their own table) or the facilitator (`table_id`) writes its crystallisation.

    Broadcast `table:updated {table}` to the table, board and console; ack `{table}`.
    """
    if isinstance(actor, Participant):
        table = tables.crystallise_as_host(actor, data.get("text"))
    else:
        table = tables.crystallise(table_of(actor.id, require_int(data, "table_id")), data.get("text"))
    return {"table": snapshots.table_dict(table)}
