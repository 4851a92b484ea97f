"""The summary as a Word document (.docx), read from the same Markdown as the HTML and mail.

The people who get the summary live in Word and Teams. The summary's Markdown is
small — headings, two levels of list and bold — so it is read line by line here
rather than through an HTML converter: `#` is the document's title, `##` and `###`
headings, `- ` and `    - ` bullets, `**bold**` bold runs.
"""
import io
import re

import docx

from .summary import inline_text

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_BOLD = re.compile(r"(?<!\\)\*\*")


def summary_docx(markdown_text, title, language):
    """Return the summary as the bytes of a .docx file."""
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.language = language
    for line in markdown_text.splitlines():
        _add_line(document, line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_line(document, line):
    """Add one Markdown line as a title, heading, bullet or paragraph; skip blank lines."""
    heading, bullet = _HEADING.match(line), _BULLET.match(line)
    if not line.strip():
        return
    if heading:
        level = len(heading.group(1)) - 1  # '#' is the title, '##' Heading 1 …
        if level == 0:
            document.add_heading(inline_text(heading.group(2)), 0)
        else:
            document.add_heading(inline_text(heading.group(2)), min(level, 9))
        return
    if bullet:
        depth = len(bullet.group(1).expandtabs(4)) // 4  # four spaces nest, as in Markdown
        style = "List Bullet" if depth == 0 else f"List Bullet {min(depth + 1, 3)}"
        _add_runs(document.add_paragraph(style=style), bullet.group(2))
        return
    _add_runs(document.add_paragraph(), line.strip())


def _add_runs(paragraph, text):
    """Add the text as runs, bold between unescaped '**' pairs."""
    for index, part in enumerate(_BOLD.split(text)):
        if part:
            paragraph.add_run(inline_text(part)).bold = index % 2 == 1 or None
