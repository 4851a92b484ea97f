"""The checks every value from a client passes at the edge: integers and text.

One definition of "an integer" (a Python int, never a bool, inside the signed 64-bit
range every database column holds) and of "text" (a str that encodes as UTF-8, with no
NUL and no bidirectional override controls), used by the Socket.IO payload check, the
HTTP views and the services alike. Pure: imports neither Flask nor SQLAlchemy.
"""
import re
import unicodedata

#: The range of a signed 64-bit integer: what SQLite and PostgreSQL's BIGINT hold.
INT_MIN, INT_MAX = -(2 ** 63), 2 ** 63 - 1

# Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): shown raw, they
# turn the rest of a line around on every screen that shows a name or a note.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


class InvalidValue(ValueError):
    """A value from a client that is not what the field holds."""


def is_int(value, low=INT_MIN, high=INT_MAX):
    """Whether value is an int (not a bool) with low <= value <= high."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def is_id(value):
    """Whether value can be a row's id: a positive integer within 64 bits."""
    return is_int(value, 1)


def valid_text(value):
    """The text normalised (NFC, bidi controls removed); InvalidValue when it is no text.

    Lone surrogates (which no UTF-8 encoder accepts) and NUL characters (which
    PostgreSQL refuses and terminals cut at) are refused rather than repaired, so that
    the writer learns of it.
    """
    if not isinstance(value, str):
        raise InvalidValue("not a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidValue("not valid UTF-8 (a lone surrogate)") from None
    if "\x00" in value:
        raise InvalidValue("a NUL character")
    return BIDI_CONTROLS.sub("", unicodedata.normalize("NFC", value))


def is_clean_text(value):
    """Whether value passes `valid_text`."""
    try:
        valid_text(value)
    except InvalidValue:
        return False
    return True
