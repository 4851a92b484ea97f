"""Languages: which one a page speaks, the switch, and the compiled catalogues."""
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import current_app, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .errors import error_message
from .security import safe_next

SOURCE_DIR = Path(__file__).parent / "translations"


def select_locale():
    """The switch if used, else the workshop's language, else the browser's, else Finnish."""
    languages = current_app.config["LANGUAGES"]
    if session.get("lang") in languages:
        return session["lang"]
    if g.get("workshop_language") in languages:
        return g.workshop_language
    return request.accept_languages.best_match(languages) or languages[0]


def switch_language(lang):
    """The language switch: remember the choice and go back where the person was."""
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    return redirect(safe_next(request.args.get("next"), url_for("participant.index")))


def compile_catalogues(target_dir):
    """Compile each .po catalogue to .mo under target_dir when it is missing or older.

    The .po files are the source in git; compiled files live in instance/ so
    that the repository holds no build products.
    """
    for po_path in SOURCE_DIR.glob("*/LC_MESSAGES/messages.po"):
        mo_path = Path(target_dir) / po_path.relative_to(SOURCE_DIR).with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as source:
            catalogue = read_po(source)
        tmp_path = mo_path.with_suffix(".tmp")
        with tmp_path.open("wb") as target:
            write_mo(target, catalogue)
        tmp_path.replace(mo_path)  # atomic: two processes may start at once


ORGANISATION_TYPE_LABELS = {
    "ngo": _l("NGO or association"),
    "municipality": _l("Municipality or employment area"),
    "wellbeing_area": _l("Wellbeing services county"),
    "vitality_centre": _l("Vitality centre"),
    "college": _l("Educational institution"),
    "company": _l("Company"),
    "other": _l("Other"),
}


def organisation_type_label(kind):
    """The translated name of an organisation type."""
    return str(ORGANISATION_TYPE_LABELS.get(kind, kind))


def client_strings():
    """The translated words the pages' scripts need, sent inside the page."""
    return {
        "connected": _("Connected"),
        "connecting": _("Connecting…"),
        "reconnecting": _("Connection lost – reconnecting…"),
        "offline": _("Offline – your notes are kept and sent later"),
        "waiting": _("%(count)s waiting to send"),
        "pending": _("Waiting to send"),
        "note_empty": error_message("note_empty"),
        "note_too_long": error_message("note_too_long", limit=current_app.config["NOTE_MAX_LENGTH"]),
        "characters_left": _("%(count)s characters left"),
        "same_idea_question": _("Is this the same idea?"),
        "same_idea_link": _("Same idea"),
        "same_idea_link_to": _("Same idea as “%(text)s”"),
        "same_idea_chosen": _("Your note will be linked to “%(text)s” when you post it."),
        "same_idea_linked": _("Linked as the same idea as “%(text)s”."),
        "same_idea_unlinked": _("Link taken back."),
        "same_idea_undo": _("Undo"),
        "same_idea_close": _("Close"),
        "new_note": _("New note: %(text)s"),
        "new_notes": _("%(count)s new notes"),
        "join_failed": _("Joining failed. Check the connection and try again."),
        "hide": _("Hide"),
        "show": _("Show"),
        "hidden": _("Hidden"),
        "online": _("online"),
        "offline_person": _("away"),
        "remote": _("remote"),
        "in_room": _("in the room"),
        "no_table": _("no table"),
        "sit_here": _("Sit at %(name)s"),
        "you_are_at": _("You are at %(name)s"),
        "notes_count": _("%(count)s notes"),
        "mine": _("your note"),
        "people": _("%(count)s people"),
        "session_ended": _("You are no longer in this workshop. Join again with the code."),
        "phase_lobby": _("Starting soon"),
        "phase_round": _("Round %(round)s/%(rounds)s"),
        "phase_break": _("Move break"),
        "phase_harvest": _("Harvest"),
        "phase_feedback": _("Feedback"),
        "phase_closed": _("Ended"),
        "paused": _("paused"),
        "time_up": _("Time is up"),
        "minutes_left": _("%(count)s minutes left"),
        "go_to": _("Go to %(name)s"),
        "stay": _("Stay at %(name)s"),
        "topic_is": _("Topic: %(title)s"),
        "earlier_round": _("round %(round)s"),
        "saved": _("Saved"),
        "next_lobby": _("Start round 1"),
        "next_round": _("End round %(round)s: move break"),
        "next_last_round": _("End the rounds: harvest"),
        "next_break": _("Start round %(round)s"),
        "next_harvest": _("Go to feedback"),
        "confirm_close": _("End the workshop now for everyone?"),
        "confirm_reopen": _("Open the workshop again? Everyone's screens return to the feedback phase."),
        "host": _("host"),
        "no_host": _("– no host –"),
        "moves_to": _("→ %(name)s"),
        "everyone_move": _("Move to your next table"),
        "kind_note": _("Note"),
        "kind_action": _("Action"),
        "kind_insight": _("Insight"),
        "edit": _("Edit"),
        "delete": _("Delete"),
        "save": _("Save"),
        "cancel": _("Cancel"),
        "deleted": _("Note deleted."),
        "undo": _("Undo"),
        "dot": _("Give a dot"),
        "undot": _("Take a dot back"),
        "dots_left": _("Dots left: %(count)s"),
        "dots": _("Your dots: %(count)s"),
        "dot_total": _("Dots: %(count)s"),
        "vote_open": _("Dot vote open: %(count)s dots each"),
        "vote_on_themes": _("Vote on the themes"),
        "themes_of": _("Themes: %(title)s"),
        "mention_one": _("1 mention"),
        "mention_many": _("%(count)s mentions"),
        "concealed": _("Notes stay hidden from others until the facilitator reveals them."),
        "locked": _("The board is locked: no new notes for now."),
        "removed": _("You were removed from this workshop."),
        "remove": _("Remove"),
        "confirm_remove": _("Remove %(name)s from the workshop?"),
        "lock": _("Lock the board"),
        "unlock": _("Open the board"),
        "lock_joining": _("Lock joining"),
        "unlock_joining": _("Open joining"),
        "joining_locked": _("Joining is closed"),
        "conceal": _("Hide new notes until reveal"),
        "reveal": _("Reveal the notes"),
        "open_vote": _("Open the vote"),
        "close_vote": _("Close the vote"),
        "all_notes": _("All notes"),
        "themes": _("Themes"),
        "feedback_count": _("Answers so far: %(count)s"),
        "next_meeting": _("Next meeting: %(text)s"),
        "theme_results": _("Results of the vote on themes"),
        "results_of": _("Results: %(title)s"),
        "no_dots": _("No dots were given."),
        "characters_over": _("%(count)s characters too many"),
        "note_hidden": _("The facilitator hid your note: “%(text)s”"),
        "no_dots_left": _("All your dots are placed. Take a dot back to move it."),
        "choose_rating": _("Choose a rating from 1 to 4."),
        "sending_failed": _("Sending failed. Check the connection and try again."),
    }
