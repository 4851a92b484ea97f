"""Write themes as a memo-style Markdown list: "- Label – viisi (5) mainintaa"."""

import re

_ONES = {
    "fi": ["", "yksi", "kaksi", "kolme", "neljä", "viisi", "kuusi", "seitsemän", "kahdeksan",
           "yhdeksän"],
    # "ett": the Swedish noun "omnämnande" is neuter.
    "sv": ["", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva",
           "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton"],
    "en": ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
           "eighteen", "nineteen"],
}
_TENS = {
    "sv": ["", "", "tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio"],
    "en": ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
}
_NOUNS = {"fi": ("maininta", "mainintaa"), "sv": ("omnämnande", "omnämnanden"),
          "en": ("mention", "mentions")}


def _finnish_number(number):
    """Spell 1–99 in Finnish ("kaksikymmentäyksi")."""
    ones = _ONES["fi"]
    if number < 10:
        return ones[number]
    if number == 10:
        return "kymmenen"
    if number < 20:
        return ones[number - 10] + "toista"
    tens, rest = divmod(number, 10)
    return ("kymmenen" if tens == 1 else ones[tens] + "kymmentä") + ones[rest]


def number_word(number, language):
    """Spell a count of 1–99 in words; larger counts stay in digits."""
    if not 0 < number < 100:
        return str(number)
    if language == "fi":
        return _finnish_number(number)
    if number < 20:
        return _ONES[language][number]
    tens, rest = divmod(number, 10)
    joiner = "-" if language == "en" and rest else ""
    return _TENS[language][tens] + joiner + _ONES[language][rest]


def mentions(count, language):
    """Return the memo's tally: "viisi (5) mainintaa", "ett (1) omnämnande", "one (1) mention"."""
    singular, plural = _NOUNS[language]
    noun = singular if count == 1 else plural
    word = number_word(count, language)
    return f"{word} ({count}) {noun}" if word != str(count) else f"{count} {noun}"


# Backslash escapes that CommonMark and Python-Markdown both honour; < > & become entities.
# Emphasis, code and link brackets work anywhere in a line; headings and lists only at its start.
_SPECIAL = re.compile(r"([\\`*_\[\]])")
_LEADING = re.compile(r"^([#+-])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_URL = re.compile(r"(?i)\b(https?|ftp|mailto|javascript|data|vbscript|file):|\b(www)\.")
_LIST_NUMBER = re.compile(r"^(\d+)([.)])")


def _defuse_url(match):
    """Hide a URL scheme's colon or a "www." dot behind an entity, so nothing autolinks it."""
    if match.group(1):
        return match.group(1) + "&#58;"
    return match.group(2) + "&#46;"


def escape_markdown(text):
    """Make user text inert in Markdown: no headings, lists, links, emphasis, HTML or autolinks."""
    text = " ".join(str(text).split())  # a line break could start a block of its own
    text = "".join(_ENTITIES.get(char, char) for char in text)
    text = _SPECIAL.sub(r"\\\1", text)
    text = _URL.sub(_defuse_url, text)
    text = _LEADING.sub(r"\\\1", text)
    return _LIST_NUMBER.sub(r"\1\\\2", text)


def format_markdown(themes, language="fi"):
    """Return the themes as a Markdown list, one "- label – tally" line each, in the given order."""
    lines = [f"- {escape_markdown(theme['label'])} – {mentions(theme['count'], language)}"
             for theme in themes]
    return "\n".join(lines) + ("\n" if lines else "")
