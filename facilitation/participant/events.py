"""Socket.IO events sent by participants' phones."""
from ..extensions import socketio
from ..realtime.connection import seat_socket
from ..realtime.guard import event_handler, require_int
from ..realtime.limits import check_rate
from ..services import notes, participants, rights, snapshots, tables, votes


@socketio.on("note:add")
@event_handler("participant")
def on_note_add(actor, data):
    """Participant posts a note at their table.

    Broadcast `note:added` to the table, the board and the console; ack
    `{note, duplicate}` (a repeated client id is stored once and acked again).
    """
    participant = actor.participant
    check_rate("notes", participant.id)
    note, created = notes.add_note(participant, data.get("client_id"), data.get("text"),
                                   notes.note_fields(data))
    return {"note": snapshots.note_dict(note), "duplicate": not created}


@socketio.on("table:choose")
@event_handler("participant")
def on_table_choose(actor, data):
    """Participant sits at another table; the console gets `participant:moved`.

    Ack `{snapshot}`: the phone's new view with the new table's notes.
    """
    participant = actor.participant
    participants.choose_table(participant, require_int(data, "table_id"))
    seat_socket(participant.workshop_id, participant.table_id)
    return {"snapshot": snapshots.participant_view(participant)}


@socketio.on("table:crystallise")
@event_handler(("participant", "console"))
def on_table_crystallise(actor, data):
    """A table's host (for their own table) or the facilitator (`table_id`) writes its crystallisation.

    Broadcast `table:updated {table}` to the table, board and console; ack `{table}`.
    """
    table = tables.crystallise(rights.crystallisable_table(actor, data.get("table_id")),
                               data.get("text"))
    return {"table": snapshots.table_dict(table)}


def _own_note(actor, data):
    """The note a participant wrote, or any note of the console's workshop."""
    return rights.editable_note(actor, require_int(data, "note_id"))


@socketio.on("note:edit")
@event_handler(("participant", "console"))
def on_note_edit(actor, data):
    """The author (or the facilitator) changes a note's text and kind.

    Broadcast `note:edited {note}` to the note's table, board and console; ack `{note}`.
    """
    note = notes.edit_note(_own_note(actor, data), data.get("text"), notes.note_fields(data))
    return {"note": snapshots.note_dict(note)}


@socketio.on("note:delete")
@event_handler(("participant", "console"))
def on_note_delete(actor, data):
    """The author (or the facilitator) deletes a note; `note:restore` undoes it.

    Broadcast `note:deleted {note_id}` to the note's table, board and console; ack `{note_id}`.
    """
    note = notes.delete_note(_own_note(actor, data))
    return {"note_id": note.id}


@socketio.on("note:restore")
@event_handler(("participant", "console"))
def on_note_restore(actor, data):
    """Undo a delete (within 15 minutes); broadcast `note:shown {note}`; ack `{note}`."""
    note = notes.restore_note(_own_note(actor, data))
    return {"note": snapshots.note_dict(note)}


@socketio.on("vote:add")
@event_handler("participant")
def on_vote_add(actor, data):
    """Participant places a dot on a note or theme of the open vote.

    Broadcast `votes:changed` (the item's total) to the board and console; ack
    `{ballot, mine, dots_left}` — only the voter learns their own dots.
    """
    return votes.add_dot(actor.participant, data.get("target_type"), data.get("target_id"))


@socketio.on("vote:remove")
@event_handler("participant")
def on_vote_remove(actor, data):
    """Participant takes back a dot; broadcast `votes:changed`; ack `{ballot, mine, dots_left}`."""
    return votes.remove_dot(actor.participant, data.get("target_type"), data.get("target_id"))
