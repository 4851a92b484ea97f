"""Domain errors and the translated messages people read for them."""
from flask_babel import lazy_gettext as _l


class DomainError(Exception):
    """A request the domain refuses; `code` is stable, the message is translated later."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


MESSAGES = {
    "bad_payload": _l("The request was malformed. Reload the page and try again."),
    "unknown_event": _l("This action is not known to the server."),
    "unauthorised": _l("You are not signed in to this workshop. Join again with the code."),
    "forbidden": _l("You do not have the right to do that."),
    "not_found": _l("That item no longer exists."),
    "workshop_not_found": _l("No workshop has that code. Check the code and try again."),
    "workshop_closed": _l("This workshop has ended."),
    "table_not_found": _l("That table does not exist in this workshop."),
    "table_required": _l("Choose a table first."),
    "note_empty": _l("Write something before posting."),
    "note_too_long": _l("The note is too long: at most %(limit)s characters."),
    "name_required": _l("Tell us your name, please."),
    "name_too_long": _l("The name is too long: at most %(limit)s characters."),
    "text_too_long": _l("The text is too long: at most %(limit)s characters."),
    "organisation_type_unknown": _l("Choose an organisation type from the list."),
    "email_invalid": _l("Give a valid email address."),
    "email_taken": _l("An account with this email address already exists."),
    "password_too_short": _l("The password must have at least %(limit)s characters."),
    "table_wrong_kind_remote": _l("You take part remotely: choose a remote table."),
    "table_wrong_kind_room": _l("You are in the room: choose a table in the room."),
    "board_locked": _l("The board is locked: no new notes for now."),
    "joining_locked": _l("Joining this workshop is closed. Ask the facilitator to open it."),
    "undo_expired": _l("It is too late to undo this."),
    "no_ballot": _l("There is no vote open."),
    "no_dots_left": _l("You have used all your dots. Take one back to move it."),
    "not_in_vote": _l("This item is not part of the vote."),
    "no_timer": _l("There is no running round or break to time."),
    "rate_limited": _l("Too many messages in a short time. Wait a moment and try again."),
    "summary_edited": _l("The summary has been edited by hand. Regenerating would overwrite the "
                         "edits; tick “Overwrite my edits” to do it anyway."),
    "feedback_not_open": _l("Feedback opens at the end of the workshop."),
    "rating_required": _l("Choose a rating from 1 to 4."),
    "summary_missing": _l("There is no summary to send yet. Write it first."),
    "too_many_attempts": _l("Too many attempts. Wait %(minutes)s min and try again."),
    "workshop_not_closed": _l("The workshop is still running: there is nothing to reopen."),
    "reopen_expired": _l("The workshop ended more than %(days)s days ago: "
                         "its data is no longer kept for reopening."),
    "internal": _l("Something went wrong on the server. Your text is kept; try again."),
}


def error_message(code, **params):
    """The translated message for an error code, in the current locale."""
    template = str(MESSAGES.get(code, MESSAGES["internal"]))
    return template % params if params else template


def error_body(error):
    """The `{code, message}` object sent to clients for a DomainError."""
    return {"code": error.code, "message": error_message(error.code, **error.params)}


def failure(code, **params):
    """An error acknowledgement."""
    return {"ok": False, "error": {"code": code, "message": error_message(code, **params)}}

