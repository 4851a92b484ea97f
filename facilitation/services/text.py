"""Checks for the text people type."""
from __future__ import annotations

import unicodedata
from typing import Any

from ..errors import DomainError


def clean_text(value: Any, limit: int, empty_code: str, long_code: str = "text_too_long") -> str:
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


def optional_text(value: Any, limit: int) -> str:
    """Return optional text stripped (empty when missing), or raise when too long."""
    if value in (None, ""):
        return ""
    return clean_text(value, limit, "bad_payload")
