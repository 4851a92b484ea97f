"""Socket.IO events sent by the facilitator's console."""
from ..errors import DomainError
from ..extensions import socketio
from ..realtime.guard import event_handler, require_int
from ..services import moderation, notes, rounds, snapshots, tables, votes


@socketio.on("note:hide")
@event_handler("console")
def on_note_hide(actor, data):
    """Facilitator hides a note (`hidden: true`) or shows it again (`hidden: false`).

    Broadcast `note:hidden {note_id}` or `note:shown {note}` to the note's
    table, the board and the console; ack `{note}`.
    """
    hidden = data.get("hidden", True)
    if not isinstance(hidden, bool):
        raise DomainError("bad_payload")
    note = notes.set_hidden(actor.workshop, require_int(data, "note_id"), hidden)
    return {"note": snapshots.note_dict(note)}


@socketio.on("phase:next")
@event_handler("console")
def on_phase_next(actor, _data):
    """Facilitator moves the café on (lobby → round → break → … → closed).

    Broadcast `phase:changed {phase, tables}` to every screen; ack `{phase}`.
    """
    rounds.advance(actor.workshop)
    return {"phase": snapshots.phase_dict(actor.workshop)}


@socketio.on("workshop:close")
@event_handler("console")
def on_workshop_close(actor, _data):
    """Facilitator ends the workshop at once; broadcast `phase:changed`; ack `{phase}`."""
    rounds.close(actor.workshop)
    return {"phase": snapshots.phase_dict(actor.workshop)}


@socketio.on("workshop:reopen")
@event_handler("console")
def on_workshop_reopen(actor, _data):
    """Facilitator opens a closed workshop again at feedback; broadcast `phase:changed`; ack `{phase}`."""
    rounds.reopen(actor.workshop)
    return {"phase": snapshots.phase_dict(actor.workshop)}


@socketio.on("timer:pause")
@event_handler("console")
def on_timer_pause(actor, _data):
    """Facilitator pauses the timer; broadcast `timer:changed {phase}` to every screen; ack `{phase}`."""
    rounds.change_timer(actor.workshop, "pause")
    return {"phase": snapshots.phase_dict(actor.workshop)}


@socketio.on("timer:resume")
@event_handler("console")
def on_timer_resume(actor, _data):
    """Facilitator resumes the timer; broadcast `timer:changed {phase}` to every screen; ack `{phase}`."""
    rounds.change_timer(actor.workshop, "resume")
    return {"phase": snapshots.phase_dict(actor.workshop)}


@socketio.on("timer:extend")
@event_handler("console")
def on_timer_extend(actor, data):
    """Facilitator adds `minutes` (1–60); broadcast `timer:changed {phase}`; ack `{phase}`."""
    rounds.change_timer(actor.workshop, "extend", data.get("minutes"))
    return {"phase": snapshots.phase_dict(actor.workshop)}


@socketio.on("message:send")
@event_handler("console")
def on_message_send(actor, data):
    """Facilitator shows a short message on every screen (empty text clears it).

    Broadcast `message:sent {text}` to every screen; ack `{}`.
    """
    rounds.send_message(actor.workshop, data.get("text"))
    return {}


@socketio.on("table:host")
@event_handler("console")
def on_table_host(actor, data):
    """Facilitator names a table's host (`participant_id` null: none).

    Broadcast `table:updated {table}` to the table, board and console; ack `{table}`.
    """
    table = tables.set_host(actor.workshop, require_int(data, "table_id"),
                            data.get("participant_id"))
    return {"table": snapshots.table_dict(table)}


@socketio.on("notes:conceal")
@event_handler("console")
def on_notes_conceal(actor, data):
    """Facilitator hides new notes until reveal (`concealed: true`) or reveals them all.

    Broadcast `notes:concealed {concealed}` to every screen; ack `{concealed}`.
    """
    concealed = data.get("concealed")
    if not isinstance(concealed, bool):
        raise DomainError("bad_payload")
    notes.set_concealed(actor.workshop, concealed)
    return {"concealed": concealed}


@socketio.on("board:lock")
@event_handler("console")
def on_board_lock(actor, data):
    """Facilitator locks the board (no new notes) or opens it; broadcast `board:locked`."""
    moderation.set_locked(actor.workshop, data.get("locked"))
    return {"locked": actor.workshop.locked}


@socketio.on("joining:lock")
@event_handler("console")
def on_joining_lock(actor, data):
    """Facilitator stops new people joining with the code, or lets them in again.

    Broadcast `joining:locked {locked}` to the board and the console; ack `{locked}`.
    """
    moderation.set_joining_locked(actor.workshop, data.get("locked"))
    return {"locked": actor.workshop.joining_locked}


@socketio.on("participant:remove")
@event_handler("console")
def on_participant_remove(actor, data):
    """Facilitator removes a participant: their token stops working, their sockets close.

    Broadcast `participant:removed {participant_id}` to the console and
    `session:ended` to the participant's own sockets; ack `{participant_id}`.
    """
    person = moderation.remove_participant(actor.workshop, require_int(data, "participant_id"))
    return {"participant_id": person.id}


@socketio.on("ballot:open")
@event_handler("console")
def on_ballot_open(actor, data):
    """Facilitator opens a dot vote: `scope` notes | table (`scope_id`) | themes, `dots` 1–10.

    Broadcast `ballot:opened {ballot}` to every screen; ack `{ballot}`.
    """
    ballot = votes.open_ballot(actor.workshop, data.get("scope"), data.get("scope_id"),
                               data.get("dots", 3))
    return {"ballot": votes.ballot_dict(ballot)}


@socketio.on("ballot:close")
@event_handler("console")
def on_ballot_close(actor, _data):
    """Facilitator closes the vote; broadcast `ballot:closed {ballot, totals}`; ack the same."""
    ballot = votes.close_ballot(actor.workshop)
    return {"ballot": votes.ballot_dict(ballot), "totals": votes.totals(ballot)}
