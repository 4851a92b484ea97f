"""Write themes as a memo-style Markdown list: "- Label – viisi (5) mainintaa".

The tally and the escaping are the summary's own, so a theme reads the same in both.
"""

from ..summary import count_phrase, escape_markdown


def format_markdown(themes, language="fi"):
    """Return the themes as a Markdown list, one "- label – tally" line each, in the given order."""
    lines = [f"- {escape_markdown(theme['label'])} – {count_phrase(theme['count'], language)}"
             for theme in themes]
    return "\n".join(lines) + ("\n" if lines else "")
