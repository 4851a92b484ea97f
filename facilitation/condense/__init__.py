"""Condense a topic's sticky notes into themes with mention counts, as network memos do.

    condense(notes, language=None) -> [{"label": str, "note_ids": [...], "count": int}, ...]

Pure: no Flask, database or Socket.IO; `python -m facilitation.condense NOTES.jsonl` runs it
from the command line.
"""

from .core import condense, set_language
from .features import preload
from .language import LANGUAGES, detect_language
from .memo import format_markdown

__all__ = ["LANGUAGES", "condense", "detect_language", "format_markdown", "preload",
           "set_language"]
