"""Checks for the text people type."""
import unicodedata

from ..errors import DomainError


def clean_text(value, limit, empty_code, long_code="text_too_long"):
    """Return the text stripped and normalised, or raise a DomainError."""
    if not isinstance(value, str):
        raise DomainError("bad_payload")
    # NFC so that "ä" typed on any keyboard is one character and compares equal.
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        raise DomainError(empty_code)
    if len(text) > limit:
        raise DomainError(long_code, limit=limit)
    return text


def optional_text(value, limit):
    """Return optional text stripped (empty when missing), or raise when too long."""
    if value in (None, ""):
        return ""
    return clean_text(value, limit, "bad_payload")
