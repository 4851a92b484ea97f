"""Import a workshop export as a new workshop of the importing facilitator.

Everything the export holds comes back with new ids, a new join code and a new board key.
Participants come back as records, with the hash of a token nobody holds: no one signs in as
them again. Each anonymous voter becomes a stand-in participant (no name, already removed,
never seated): the dots still count per person, and none is pinned on a real participant.
"""
from __future__ import annotations

import json
import math
import secrets
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy.exc import IntegrityError

from ..errors import DomainError
from ..extensions import db
from ..models import (
    Ballot,
    CafeTable,
    Feedback,
    Note,
    Participant,
    Seat,
    Summary,
    Theme,
    ThemeNote,
    Topic,
    Vote,
    Workshop,
    utcnow,
)
from ..rules import (
    LANGUAGES,
    MESSAGE_MAX,
    MODES,
    NAME_MAX,
    NEXT_MEETING_MAX,
    ORGANISATION_TYPES,
    PLACE_MAX,
    PROMPT_MAX,
    TABLE_NAME_MAX,
    TIMING_RANGES,
    TITLE_MAX,
    TOPIC_TITLE_MAX,
    VIDEO_URL_MAX,
)
from ..validation import is_int
from .consent import clean_email
from .export import ANONYMOUS_VOTER, FORMAT, VERSION
from .notes import KINDS
from .participants import hash_token
from .workshops import new_join_code

STATES = ("lobby", "round", "break", "harvest", "feedback", "closed")
SCOPES = {"notes": None, "table": "tables", "themes": "topics"}  # what scope_id points at
MAX_ROUND, MAX_DOTS = TIMING_RANGES["rounds"][1], 100
LONG_TEXT = 1_000_000  # more than anything typed here: another server may allow more


def import_bytes(facilitator_id: int, raw: bytes) -> Workshop:
    """Import an uploaded export file (UTF-8 JSON); return the new workshop."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested beyond reason
        raise DomainError("import_not_json") from None
    return import_json(facilitator_id, data)


def import_json(facilitator_id: int, data: Any) -> Workshop:
    """Create a new workshop from an export dict, remapping every id; return it."""
    doc = _header(data)
    try:
        workshop = _workshop(facilitator_id, _Fields(data.get("workshop"), "workshop"))
        ids = {"workshop": workshop.id}
        _add(ids, "topics", doc.items("topics", 1), _topic)
        _add(ids, "tables", doc.items("tables", 1), _table)
        _add(ids, "participants", doc.items("participants"), _participant)
        for item in doc.items("tables"):
            db.session.get(CafeTable, ids["tables"][item.value["id"]]).host_id = item.ref(
                "host", ids["participants"], null=True)
        _add(ids, "seats", doc.items("seats"), _seat, keyed=False)
        _add(ids, "notes", doc.items("notes"), _note)
        for item in doc.items("notes"):  # "the same idea as": once every note has its id
            if item.value.get("same_as") is not None:
                db.session.get(Note, ids["notes"][item.value["id"]]).same_as_id = item.ref(
                    "same_as", ids["notes"], null=True)
        _add(ids, "themes", doc.items("themes"), _theme)
        _add(ids, "theme notes", doc.items("themes"), _theme_notes, keyed=False)
        _add(ids, "ballots", doc.items("ballots"), _ballot)
        _add(ids, "votes", doc.items("ballots"), _votes, keyed=False)
        _add(ids, "feedback", doc.items("feedback"), _feedback, keyed=False)
        summary = [] if data.get("summary") is None else [_Fields(data["summary"], "summary")]
        _add(ids, "summary", summary, _summary, keyed=False)
        db.session.commit()
    except (DomainError, IntegrityError) as error:  # nothing of a refused file is kept
        db.session.rollback()
        raise error if isinstance(error, DomainError) else DomainError("bad_payload") from None
    return workshop


class _Fields:
    """One object of the export; every check names where in the file it failed."""

    def __init__(self, value, where):
        if not isinstance(value, dict):
            raise _invalid(where)
        self.value, self.where = value, where

    def get(self, key, types, null=False, ok=None):
        """The value of a key, of one of the types (a bool is never a number), passing `ok`."""
        value = self.value.get(key)
        if value is None and null:
            return None
        wrong = not is_int(value) if types is int else not isinstance(value, types) or (
            isinstance(value, bool) and types is not bool)
        return self.check(key, not wrong and (ok is None or ok(value)), value)

    def check(self, key, ok, value=None):
        """Return the value, or refuse the key when `ok` is false."""
        if not ok:
            raise _invalid(f"{self.where}.{key}" if self.where else key)
        return value

    def text(self, key, limit, required=False, null=False):
        """Text of at most `limit` characters, kept exactly as exported."""
        return self.get(key, str, null, lambda v: len(v) <= limit and (v.strip() or not required))

    def number(self, key, low, high, null=False, types=int):
        """A number from low to high."""
        return self.get(key, types, null, lambda v: math.isfinite(v) and low <= v <= high)

    def choice(self, key, allowed):
        """One of the allowed texts."""
        return self.get(key, str, ok=lambda v: v in allowed)

    def when(self, key, kind=datetime):
        """An ISO 8601 time (UTC when it names no zone) or date, or None."""
        value = self.get(key, str, null=True)
        try:
            parsed = None if value is None else kind.fromisoformat(value)
        except ValueError:
            parsed = self.check(key, False)
        naive = isinstance(parsed, datetime) and parsed.tzinfo is None
        return parsed.replace(tzinfo=timezone.utc) if naive else parsed

    def ref(self, key, known, null=False):
        """The new id of something the export refers to by its export id."""
        value = self.get(key, int, null, lambda v: v in known)
        return None if value is None else known[value]

    def items(self, key, least=0):
        """A list of at least `least` objects."""
        values = self.get(key, list, ok=lambda v: len(v) >= least)
        where = f"{self.where}.{key}" if self.where else key
        return [_Fields(value, f"{where}[{n}]") for n, value in enumerate(values)]


def _invalid(where):
    """The error for a file that is not a whole export, naming where it went wrong."""
    return DomainError("import_invalid", where=where or "(top)")


def _header(data):
    """The export as _Fields once its format and version are ones this server reads."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DomainError("import_not_export")
    version = data.get("version")
    if version != VERSION:
        newer = is_int(version, VERSION + 1)
        raise DomainError("import_version", version=version) if newer else _invalid("version")
    return _Fields(data, "")


def _add(ids, kind, items, build, keyed=True):
    """Build and store the rows of a section; keyed ones map their export id to the new id."""
    known, rows = {}, []
    for position, item in enumerate(items):
        built = build(item, ids, position)
        rows.extend(built if isinstance(built, list) else [built])
        if keyed:
            known[item.get("id", int, ok=lambda key: key not in known)] = built
    db.session.add_all(rows)
    try:
        db.session.flush()
    except IntegrityError:  # a row twice where one is allowed: a seat a round, a dot a slot
        raise _invalid(kind) from None
    if keyed:
        ids[kind] = {key: row.id for key, row in known.items()}


def _workshop(facilitator_id, item):
    """A new workshop with the exported settings and state, and a code and key of its own."""
    timing = {key: item.number(key, *TIMING_RANGES[key]) for key in TIMING_RANGES}
    workshop = Workshop(
        code=new_join_code(), board_key=secrets.token_urlsafe(16), facilitator_id=facilitator_id,
        title=item.text("title", TITLE_MAX, required=True), date=item.when("date", date),
        place=item.text("place", PLACE_MAX), language=item.choice("language", LANGUAGES),
        mode=item.choice("mode", MODES), state=item.choice("state", STATES),
        round_no=item.number("round", 0, timing["rounds"]),
        phase_ends_at=item.when("phase_ends_at"), message=item.text("message", MESSAGE_MAX, null=True),
        paused_remaining=item.number("paused_remaining", 0, 86_400, True, (int, float)),
        notes_hidden=item.get("notes_hidden", bool), locked=item.get("locked", bool),
        # Exports made before joining could be locked have no such key.
        joining_locked=bool(item.get("joining_locked", bool, null=True)),
        # Exports made before the next meeting existed have no such key.
        next_meeting=item.text("next_meeting", NEXT_MEETING_MAX, null=True) or "", **timing)
    db.session.add(workshop)
    db.session.flush()
    return workshop


def _topic(item, ids, position):
    """A topic with its description and prompt questions."""
    return Topic(workshop_id=ids["workshop"], position=position,
                 title=item.text("title", TOPIC_TITLE_MAX, required=True),
                 description=item.text("description", LONG_TEXT),
                 prompts=list(item.get("prompts", list, lambda prompts: all(
                     isinstance(p, str) and len(p) <= PROMPT_MAX for p in prompts))))


def _table(item, ids, position):
    """A table; its host is set once the participants exist."""
    video_url = item.text("video_url", VIDEO_URL_MAX, null=True)
    # A web address only, as the workshop form takes: phones show it as a link.
    item.check("video_url", video_url is None or video_url.startswith(("https://", "http://")))
    return CafeTable(
        workshop_id=ids["workshop"], position=position, name=item.text("name", TABLE_NAME_MAX, True),
        remote=item.get("remote", bool), video_url=video_url,
        topic_id=item.ref("topic", ids["topics"], null=True),
        crystallisation=item.text("crystallisation", LONG_TEXT))


def _participant(item, ids, _):
    """A participant as a record: a token nobody holds; an email only with a consent."""
    consents = {key: item.get(key, bool) if key in item.value else False
                for key in ("email_consent", "contact_consent")}
    email = item.get("email", str, True, lambda v: any(consents.values()) and _is_email(v))
    return Participant(
        workshop_id=ids["workshop"], token_hash=hash_token(secrets.token_urlsafe(24)),
        display_name=item.text("name", NAME_MAX, required=True),
        organisation=item.text("organisation", 120),
        organisation_type=item.choice("organisation_type", ("", *ORGANISATION_TYPES)),
        remote=item.get("remote", bool), table_id=item.ref("table", ids["tables"], null=True),
        email=email, joined_at=item.when("joined_at") or utcnow(),
        removed_at=item.when("removed_at"), **consents)


def _is_email(value):
    """Whether a text is an address as the consent form stores it."""
    try:
        return clean_email(value) == value
    except DomainError:
        return False


def _seat(item, ids, _):
    """Where a participant sits in a round; one seat a person and round."""
    return Seat(workshop_id=ids["workshop"], round_no=item.number("round", 0, MAX_ROUND),
                participant_id=item.ref("participant", ids["participants"]),
                table_id=item.ref("table", ids["tables"]))


def _note(item, ids, _):
    """A note with all its fields; one per author and client id."""
    return Note(
        workshop_id=ids["workshop"], table_id=item.ref("table", ids["tables"]),
        topic_id=item.ref("topic", ids["topics"], null=True),
        participant_id=item.ref("author", ids["participants"]),
        client_id=item.text("client_id", 64, required=True),
        text=item.text("text", LONG_TEXT, required=True),
        round_no=item.number("round", 0, MAX_ROUND), kind=item.choice("kind", KINDS),
        owner=item.text("owner", 120, null=True), due=item.when("due", date),
        hidden=item.get("hidden", bool), concealed=item.get("concealed", bool),
        created_at=item.when("created_at") or utcnow(), updated_at=item.when("updated_at"))


def _theme(item, ids, _):
    """A theme, made by hand or suggested; its notes follow once it has an id."""
    return Theme(
        workshop_id=ids["workshop"], topic_id=item.ref("topic", ids["topics"], null=True),
        table_id=item.ref("table", ids["tables"], null=True),
        label=item.text("label", 200, required=True), suggested=item.get("suggested", bool),
        position=item.number("position", 0, 1_000_000),
        created_at=item.when("created_at") or utcnow())


def _theme_notes(item, ids, _):
    """A theme's notes; a note is in one theme at most."""
    note_ids = [ids["notes"][n] for n in item.get("notes", list, ok=lambda notes: all(
        type(n) is int and n in ids["notes"] for n in notes))]
    return [ThemeNote(theme_id=ids["themes"][item.value["id"]], note_id=n) for n in note_ids]


def _ballot(item, ids, _):
    """A ballot on all notes, a table's notes, or a topic's (or all) themes."""
    scope = item.choice("scope", SCOPES)
    scope_id = item.ref("scope_id", ids[SCOPES[scope]], null=scope == "themes") if SCOPES[
        scope] else item.check("scope_id", item.value.get("scope_id") is None)
    return Ballot(workshop_id=ids["workshop"], scope=scope, scope_id=scope_id,
                  dots=item.number("dots", 1, MAX_DOTS), open=item.get("open", bool),
                  opened_at=item.when("opened_at") or utcnow())


def _votes(item, ids, _):
    """A ballot's dots; each voter pseudonym votes as one stand-in across the export."""
    ballot_id, votes = ids["ballots"][item.value["id"]], []
    stand_ins = ids.setdefault("stand-ins", {})
    for vote in item.items("votes"):
        voter = vote.text("voter", 64, required=True)
        slot = vote.number("slot", 1, item.value["dots"])
        target_type = vote.choice("target_type", ("note", "theme"))
        if voter not in stand_ins:  # no name, no table, already gone: never shown or seated
            stand_ins[voter] = Participant(workshop_id=ids["workshop"], display_name="",
                                           token_hash=ANONYMOUS_VOTER + secrets.token_hex(24),
                                           removed_at=utcnow())
            db.session.add(stand_ins[voter])
            db.session.flush()
        votes.append(Vote(ballot_id=ballot_id, participant_id=stand_ins[voter].id, slot=slot,
                          target_type=target_type,
                          target_id=vote.ref("target", ids[target_type + "s"])))
    return votes


def _feedback(item, ids, _):
    """A feedback answer: linked to a participant only when signed."""
    return Feedback(
        workshop_id=ids["workshop"], respondent=secrets.token_hex(32),
        participant_id=item.ref("participant", ids["participants"], null=True),
        rating=item.number("rating", 1, 4), takeaway=item.text("takeaway", LONG_TEXT),
        wishes=item.text("wishes", LONG_TEXT), created_at=item.when("created_at") or utcnow())


def _summary(item, ids, _):
    """The summary, as generated and as edited."""
    return Summary(workshop_id=ids["workshop"], edited=item.get("edited", bool),
                   **{key: item.text(key, LONG_TEXT) for key in ("generated", "markdown")},
                   **{key: item.when(key) for key in ("generated_at", "updated_at", "sent_at")})
