"""The workshop summary (kooste): Markdown written from plain data, HTML and text from that.

The summary reads like the networks' own memos ("tuleva yhteistyö hankkeissa – viisi (5)
mainintaa"). Every piece of user text is escaped as it goes in, and every rendering to HTML
is sanitised, because Markdown passes raw HTML and `javascript:` links straight through.
"""

import html
import re
import unicodedata

import markdown
import nh3

from . import dates

WORDS = {
    "fi": {
        "summary": "Kooste", "organiser": "Järjestäjä", "prompts": "Kysymykset",
        "themes": "Teemat", "crystallisations": "Kiteytykset",
        "top_notes": "Eniten ääniä saaneet laput",
        "top_themes": "Eniten ääniä saaneet teemat", "actions": "Sovitut toimenpiteet",
        "owner": "vastuu", "due": "määräaika", "topic": "aihe",
        "attendance": "Osallistujat", "in_room": "Paikan päällä", "remote": "Etänä",
        "total": "Yhteensä", "by_type": "Organisaatiotyypeittäin", "feedback": "Palaute",
        "responses": "Vastauksia", "mean": "Keskiarvo", "distribution": "Jakauma",
        "scale": ("heikko", "tyydyttävä", "hyvä", "kiitettävä"),
        "takeaways": "Tärkein anti", "wishes": "Toiveet seuraavaan kertaan",
        "contacts": "Yhteystiedot", "next_meeting": "Seuraava tapaaminen",
        "mention": ("maininta", "mainintaa"), "vote": ("ääni", "ääntä"),
        "numbers": ("yksi", "kaksi", "kolme", "neljä", "viisi", "kuusi", "seitsemän",
                    "kahdeksan", "yhdeksän", "kymmenen", "yksitoista", "kaksitoista",
                    "kolmetoista", "neljätoista", "viisitoista", "kuusitoista",
                    "seitsemäntoista", "kahdeksantoista", "yhdeksäntoista",
                    "kaksikymmentä"),
    },
    "sv": {
        "summary": "Sammandrag", "organiser": "Arrangör", "prompts": "Frågor",
        "themes": "Teman", "crystallisations": "Sammanfattningar",
        "top_notes": "Lappar med flest röster",
        "top_themes": "Teman med flest röster", "actions": "Överenskomna åtgärder",
        "owner": "ansvarig", "due": "senast", "topic": "ämne",
        "attendance": "Deltagare", "in_room": "På plats", "remote": "På distans",
        "total": "Totalt", "by_type": "Per organisationstyp", "feedback": "Respons",
        "responses": "Svar", "mean": "Medelvärde", "distribution": "Fördelning",
        "scale": ("svag", "nöjaktig", "god", "berömlig"),
        "takeaways": "Det viktigaste att ta med sig", "wishes": "Önskemål inför nästa gång",
        "contacts": "Kontaktuppgifter", "next_meeting": "Nästa möte",
        "mention": ("omnämnande", "omnämnanden"), "vote": ("röst", "röster"),
        "numbers": ("ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio",
                    "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton",
                    "arton", "nitton", "tjugo"),
    },
    "en": {
        "summary": "Summary", "organiser": "Organiser", "prompts": "Questions",
        "themes": "Themes", "crystallisations": "Crystallisations",
        "top_notes": "Notes with the most votes",
        "top_themes": "Themes with the most votes", "actions": "Agreed actions",
        "owner": "owner", "due": "due", "topic": "topic",
        "attendance": "Attendance", "in_room": "In the room", "remote": "Remote",
        "total": "Total", "by_type": "By organisation type", "feedback": "Feedback",
        "responses": "Responses", "mean": "Mean", "distribution": "Distribution",
        "scale": ("poor", "fair", "good", "excellent"),
        "takeaways": "Key takeaways", "wishes": "Wishes for next time",
        "contacts": "Contacts", "next_meeting": "Next meeting",
        "mention": ("mention", "mentions"), "vote": ("vote", "votes"),
        "numbers": ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                    "sixteen", "seventeen", "eighteen", "nineteen", "twenty"),
    },
}

HTML_TAGS = {"h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "em", "table", "thead",
             "tbody", "tr", "th", "td", "br", "hr", "a"}
URL_SCHEMES = {"http", "https", "mailto"}

# Bidirectional controls can make a note display as something other than what it says.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d"
                                        "\u202e\u2066\u2067\u2068\u2069"))
_PUNCTUATION = re.compile(r"([\\`*_\[\]#])")
_LEADING_MARKER = re.compile(r"^([-+>]|\d+(?=[.)]))")
# A scheme's colon or a "www." dot hidden behind an entity: no Markdown renderer autolinks it.
_URL = re.compile(r"(?i)\b(https?|ftp|mailto|javascript|data|vbscript|file):|\b(www)\.")


def escape_markdown(text):
    """Return `text` as one line of Markdown that shows it literally and creates no markup."""
    text = _clean(text).replace("&", "&amp;").replace("<", "&lt;")
    text = _PUNCTUATION.sub(r"\\\1", text)
    text = _URL.sub(_defuse_url, text)
    # List, quote and heading markers only count at the start of a line.
    match = _LEADING_MARKER.match(text)
    if match and match.group(1)[0].isdigit():
        return text[:match.end()] + "\\" + text[match.end():]
    return "\\" + text if match else text


def _defuse_url(match):
    """Hide a URL scheme's colon or a "www." dot behind an entity, so nothing autolinks it."""
    if match.group(1):
        return match.group(1) + "&#58;"
    return match.group(2) + "&#46;"


def _clean(text):
    """Return `text` as a single stripped line without control or bidi characters."""
    text = "" if text is None else str(text)
    text = re.sub(r"\s+", " ", text.translate(_BIDI_CONTROLS))
    return "".join(char for char in text
                   if unicodedata.category(char) != "Cc").strip()


def write_summary(data):
    """Write the workshop summary as Markdown from plain data."""
    workshop = data.get("workshop") or {}
    language = workshop.get("language") if workshop.get("language") in WORDS else "fi"
    words = WORDS[language]
    blocks = _heading_blocks(workshop, words, language)
    for topic in data.get("topics") or []:
        blocks += _topic_blocks(topic, words, language)
    blocks += _action_blocks(data.get("actions") or [], words, language)
    blocks += _attendance_blocks(data.get("attendance") or {}, words)
    blocks += _feedback_blocks(data.get("feedback"), words, language)
    blocks += _contact_blocks(data.get("contacts") or [], words)
    blocks += _next_meeting_blocks(workshop.get("next_meeting"), words, language)
    return "\n\n".join(blocks) + "\n"


def format_date(value, language):
    """Return an ISO date as 15.5.2026 (fi, sv) or 15 May 2026 (en); other text escaped."""
    return dates.format_date(value, language) or escape_markdown(value)


def count_phrase(count, language="fi", noun="mention"):
    """Return 'five (5) mentions' up to twenty, '21 mentions' beyond, singular for one."""
    words = WORDS[language]
    singular, plural = words[noun]
    if count == 1:
        return f"{words['numbers'][0]} (1) {singular}"
    if 1 < count <= len(words["numbers"]):
        return f"{words['numbers'][count - 1]} ({count}) {plural}"
    return f"{count} {plural}"


def _section(title, items, level=2):
    """Return a heading and a list as blocks, or nothing when the list is empty."""
    items = [item for item in items if item]
    return [f"{'#' * level} {title}", "\n".join(items)] if items else []


def _item(*parts):
    """Return a list item from already-escaped parts, or '' when it would be empty."""
    text = " ".join(part for part in parts if part)
    return f"- {text}" if text else ""


def _heading_blocks(workshop, words, language):
    """Return the title, the date-and-place line and the organiser."""
    blocks = [f"# {escape_markdown(workshop.get('title')) or words['summary']}"]
    when = format_date(workshop["date"], language) if workshop.get("date") else ""
    line = ", ".join(part for part in (when, escape_markdown(workshop.get("place"))) if part)
    if line:
        blocks.append(line)
    if _clean(workshop.get("organiser")):
        blocks.append(f"{words['organiser']}: {escape_markdown(workshop['organiser'])}")
    return blocks


def _topic_blocks(topic, words, language):
    """Return one topic's section: prompts, themes, crystallisations, top-voted notes and themes."""
    blocks = [f"## {escape_markdown(topic.get('title')) or '–'}"]
    blocks += _section(words["prompts"], [_item(escape_markdown(prompt))
                                          for prompt in topic.get("prompts") or []], 3)
    themes = sorted(topic.get("themes") or [], key=lambda theme: -int(theme.get("count", 0)))
    blocks += _section(words["themes"], [_theme_item(theme, language) for theme in themes], 3)
    blocks += _section(words["crystallisations"], [
        _crystallisation_item(item) for item in topic.get("crystallisations") or []], 3)
    for key in ("top_notes", "top_themes"):  # dots on notes and dots on themes apart
        blocks += _section(words[key], [
            _item(escape_markdown(item.get("text")), "–", _votes(int(item.get("votes", 0)), words))
            for item in topic.get(key) or [] if _clean(item.get("text"))], 3)
    return blocks if len(blocks) > 1 else []


def _votes(count, words):
    """Return '7 ääntä' or '1 ääni': votes read best as digits."""
    singular, plural = words["vote"]
    return f"{count} {singular if count == 1 else plural}"


def _crystallisation_item(item):
    """Return a host's crystallisation led by its table's name in bold."""
    table = escape_markdown(item.get("table"))
    text = escape_markdown(item.get("text"))
    return _item(f"**{table}:**" if table else "", text) if text else ""


def _theme_item(theme, language):
    """Return a memo line 'label – five (5) mentions' with its distinct notes under it."""
    label = escape_markdown(theme.get("label"))
    if not label:
        return ""
    line = f"- {label} – {count_phrase(int(theme.get('count', 0)), language)}"
    notes = [escape_markdown(note) for note in theme.get("notes") or []
             if _clean(note).casefold() != _clean(theme.get("label")).casefold()]
    # Four spaces nest a list in Markdown; fewer would continue the theme's line.
    return "\n".join([line] + [f"    - {note}" for note in notes if note])


def _action_blocks(actions, words, language):
    """Return the agreed actions, each with its owner, due date and topic."""
    items = []
    for action in actions:
        details = [f"{words[key]}: {value}" for key, value in (
            ("owner", escape_markdown(action.get("owner"))),
            ("due", format_date(action["due"], language) if action.get("due") else ""),
            ("topic", escape_markdown(action.get("topic")))) if value]
        text = escape_markdown(action.get("text"))
        if text:
            items.append(_item(text, f"({'; '.join(details)})" if details else ""))
    return _section(words["actions"], items)


def _attendance_blocks(attendance, words):
    """Return in-room, remote and total counts, then the counts by organisation type."""
    counts = [_item(f"{words[key]}: {int(attendance[key])}")
              for key in ("in_room", "remote", "total") if attendance.get(key) is not None]
    by_type = [_item(f"{escape_markdown(kind)}: {int(count)}")
               for kind, count in (attendance.get("by_type") or {}).items()
               if int(count or 0) > 0 and _clean(kind)]
    if not by_type and not any(attendance.get(key) for key in ("in_room", "remote", "total")):
        return []
    blocks = [f"## {words['attendance']}"] + (["\n".join(counts)] if counts else [])
    return blocks + _section(words["by_type"], by_type, 3)


def _feedback_blocks(feedback, words, language):
    """Return feedback figures, takeaways and wishes; nothing when there is no feedback."""
    if not feedback or not (feedback.get("count") or feedback.get("takeaways")
                            or feedback.get("wishes")):
        return []
    figures = [_item(f"{words['responses']}: {int(feedback.get('count') or 0)}")]
    if feedback.get("mean") is not None:
        mean = f"{float(feedback['mean']):.1f}"
        figures.append(_item(f"{words['mean']}: "
                             f"{mean if language == 'en' else mean.replace('.', ',')} / 4"))
    distribution = feedback.get("distribution") or {}
    if distribution:
        shares = [f"{word} {int(distribution.get(str(grade), distribution.get(grade, 0)))}"
                  for grade, word in enumerate(words["scale"], start=1)]
        figures.append(_item(f"{words['distribution']}: {', '.join(shares)}"))
    blocks = [f"## {words['feedback']}", "\n".join(figures)]
    for key in ("takeaways", "wishes"):
        blocks += _section(words[key], [_item(escape_markdown(text))
                                        for text in feedback.get(key) or []], 3)
    return blocks


def _contact_blocks(contacts, words):
    """Return the contact list of the people who agreed to share theirs."""
    items = [_item(", ".join(part for part in (escape_markdown(contact.get(key))
                                                for key in ("name", "organisation", "email"))
                             if part))
             for contact in contacts]
    return _section(words["contacts"], items)


def _next_meeting_blocks(next_meeting, words, language):
    """Return the next meeting, a date or a free text."""
    if not _clean(next_meeting):
        return []
    return [f"## {words['next_meeting']}", format_date(_clean(next_meeting), language)]


def render_html(markdown_text):
    """Render summary Markdown to HTML that keeps only the tags a summary needs."""
    raw = markdown.markdown(markdown_text, extensions=["tables", "sane_lists"])
    return nh3.clean(raw, tags=HTML_TAGS, attributes={"a": {"href", "title"}},
                     url_schemes=URL_SCHEMES, link_rel="noopener noreferrer")


_INLINE = re.compile(r"\\(?P<escaped>[\\`*_{}\[\]()#+\-.!>|])"
                     r"|!?\[(?P<label>[^\]\\]*)\]\((?P<url>[^)\s]*)\)"
                     r"|\*\*|__")


def markdown_to_text(markdown_text):
    """Return the plain-text version of summary Markdown, for the text part of an email."""
    lines = []
    for line in markdown_text.splitlines():
        heading = re.match(r"^(#{1,6})\s+(.*?)(?<!\\)#*\s*$", line)
        text = _inline_text(heading.group(2) if heading else line)
        lines.append(text)
        if heading and len(heading.group(1)) <= 2:
            lines.append(("=" if len(heading.group(1)) == 1 else "-") * len(text))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _inline_text(line):
    """Drop emphasis markers and escapes, show links as 'label (url)', decode entities."""
    def replace(match):
        if match.group("escaped"):
            return match.group("escaped")
        if match.group("url") is not None:
            label, url = match.group("label"), match.group("url")
            return f"{label} ({url})" if label and not match.group(0).startswith("!") else url
        return ""
    return html.unescape(_INLINE.sub(replace, line))


def inline_text(line):
    """Return one line of summary Markdown as plain text (for documents other than HTML)."""
    return _inline_text(line)
