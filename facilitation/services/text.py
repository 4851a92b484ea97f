"""Checks for the text people type."""
from __future__ import annotations

from typing import Any

from ..errors import DomainError
from ..validation import InvalidValue, valid_text


def clean_text(value: Any, limit: int, empty_code: str, long_code: str = "text_too_long") -> str:
    """Return the text stripped and normalised, or raise a DomainError."""
    # NFC so that "ä" typed on any keyboard is one character and compares equal;
    # no lone surrogates, NUL or bidi overrides (facilitation/validation.py).
    try:
        text = valid_text(value).strip()
    except InvalidValue:
        raise DomainError("bad_payload") from None
    if not text:
        raise DomainError(empty_code)
    if len(text) > limit:
        raise DomainError(long_code, limit=limit)
    return text


def optional_text(value: Any, limit: int) -> str:
    """Return optional text stripped (empty when missing), or raise when too long."""
    if value in (None, ""):
        return ""
    return clean_text(value, limit, "bad_payload")
