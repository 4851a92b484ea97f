"""Command line: condense a topic's notes into themes.

    python -m facilitation.condense NOTES.jsonl [--format json|markdown] [--language fi|sv|en]

With --neighbours K it prints instead one JSON object {"<id>": [id, ...]}: for every note,
up to K other notes most similar first.
"""

import argparse
import json
import sys

from . import condense, format_markdown, set_language
from .language import LANGUAGES
from .rank import neighbours

EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """A notes file the condenser cannot read; the message names the line."""


def _parse_line(number, line, seen):
    """Return one note from a JSONL line, or raise BadInput naming the line."""
    try:
        note = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadInput(f"line {number}: not JSON ({error.msg})") from None
    if not isinstance(note, dict):
        raise BadInput(f"line {number}: expected a JSON object")
    for field in ("id", "text"):
        if field not in note:
            raise BadInput(f"line {number}: missing {field!r}")
    if not isinstance(note["text"], str):
        raise BadInput(f"line {number}: 'text' must be a string")
    key = json.dumps(note["id"], sort_keys=True)
    if key in seen:
        raise BadInput(f"line {number}: duplicate id {note['id']!r} (first on line {seen[key]})")
    seen[key] = number
    return note


def read_notes(stream):
    """Read notes from JSON Lines, skipping blank lines; raise BadInput on the first bad one."""
    seen, notes = {}, []
    for number, line in enumerate(stream, 1):
        if line.strip():
            notes.append(_parse_line(number, line, seen))
    return notes


def _arguments(argv):
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m facilitation.condense",
        description="Condense sticky notes (JSON Lines with 'id' and 'text') into themes.")
    parser.add_argument("notes", help="JSONL file of notes, or - for standard input")
    parser.add_argument("--format", choices=("json", "markdown"), default="json")
    parser.add_argument("--neighbours", type=_positive, metavar="K",
                        help="print each note's K most similar notes instead of themes")
    parser.add_argument("--language", choices=LANGUAGES,
                        help="the notes' language (default: each note's own, else detected)")
    return parser.parse_args(argv)


def _positive(value):
    """A count of neighbours: a whole number of at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError("expected a whole number of at least 1")
    return int(value)


def _print_neighbours(notes, k, language):
    """Print {"<id>": [ids]} of each note's k nearest notes as one JSON object."""
    found = neighbours(notes, k, language=language)
    keys = [note["id"] if isinstance(note["id"], str) else json.dumps(note["id"])
            for note in notes]
    print(json.dumps(dict(zip(keys, found.values())), ensure_ascii=False, indent=2))


def _open(path):
    """Open the notes file as UTF-8 text (or standard input for '-')."""
    if path == "-":
        return sys.stdin
    return open(path, encoding="utf-8")


def main(argv=None):
    """Run the command; return the exit status (2 for input the condenser cannot read)."""
    args = _arguments(argv)
    try:
        with _open(args.notes) as stream:
            notes = read_notes(stream)
        if args.neighbours:
            _print_neighbours(notes, args.neighbours, args.language)
            return 0
        themes = condense(notes, language=args.language)
    except (BadInput, ValueError) as error:
        print(f"{args.notes}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.notes}: cannot read ({error})", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.format == "markdown":
        sys.stdout.write(format_markdown(themes, set_language(notes, args.language)))
    else:
        print(json.dumps(themes, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
