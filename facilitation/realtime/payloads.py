"""The shape of every Socket.IO payload, checked once at the edge before a handler runs.

Field names mean the same in every event (docs/protocol.md), so one table of field
kinds checks them all: a wrong type, an integer outside 64 bits, text that is not
valid UTF-8 or holds a NUL is refused as `bad_payload` before any service sees it.
Fields no event reads are dropped.
"""
from ..errors import DomainError
from ..validation import InvalidValue, is_int, valid_text

#: At most this many ids in one list (a theme of every note of a big workshop).
IDS_MAX = 1000

INTEGERS = ("last_seq", "table_id", "note_id", "participant_id", "target_id", "scope_id",
            "topic_id", "theme_id", "source_id", "minutes", "dots", "workshop_id")
TEXTS = ("client_id", "text", "kind", "owner", "due", "label", "target_type", "scope",
         "role", "token", "code", "key", "lang")
BOOLEANS = ("hidden", "concealed", "locked")
ID_LISTS = ("note_ids",)


class BadPayload(DomainError):
    """A payload refused at the edge; `detail` says why, for the log (never for clients)."""

    def __init__(self, detail):
        super().__init__("bad_payload")
        self.detail = detail


def _field(key, value):
    """One field's value, checked (and text normalised); InvalidValue when wrong."""
    if value is None:
        return None
    if key in INTEGERS:
        if not is_int(value):
            raise InvalidValue(f"{key} is not a 64-bit integer")
        return value
    if key in TEXTS:
        return valid_text(value)
    if key in BOOLEANS:
        if not isinstance(value, bool):
            raise InvalidValue(f"{key} is not a boolean")
        return value
    if not isinstance(value, list) or len(value) > IDS_MAX or not all(map(is_int, value)):
        raise InvalidValue(f"{key} is not a list of at most {IDS_MAX} integers")
    return value


def checked(data):
    """The payload with every known field checked; raise `bad_payload` on the first wrong one."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BadPayload("the payload is not an object")
    known = INTEGERS + TEXTS + BOOLEANS + ID_LISTS
    try:
        return {key: _field(key, value) for key, value in data.items() if key in known}
    except InvalidValue as error:
        raise BadPayload(str(error)) from None
