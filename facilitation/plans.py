"""Workshop plans: Markdown files with front matter and one `##` heading per topic.

A plan is read and written here as plain data, so a facilitator can prepare a workshop in
a text editor, open it live, and save a workshop back as a plan. The front matter is a small
strict `key: value` format (no YAML), so every error can name the line it is on.
"""

import datetime
import re
from urllib.parse import urlsplit

from . import rules
from .rules import LANGUAGES, MAX_TOPICS, MODES

KEYS = ("title", "date", "place", "next_meeting", "language", "mode", "rounds", "minutes",
        "break_minutes", "tables")
# A plan calls the minutes per round "minutes".
INTEGER_RANGES = {"rounds": rules.TIMING_RANGES["rounds"],
                  "minutes": rules.TIMING_RANGES["round_minutes"],
                  "break_minutes": rules.TIMING_RANGES["break_minutes"],
                  "tables": (1, rules.MAX_TABLES)}
DEFAULTS = {"language": rules.DEFAULTS["language"], "mode": rules.DEFAULTS["mode"],
            "rounds": rules.DEFAULTS["rounds"], "minutes": rules.DEFAULTS["round_minutes"],
            "break_minutes": rules.DEFAULTS["break_minutes"]}
MAX_LENGTHS = {"title": rules.TITLE_MAX, "place": rules.PLACE_MAX,
               "next_meeting": rules.NEXT_MEETING_MAX, "topic": rules.TOPIC_TITLE_MAX,
               "prompt": rules.PROMPT_MAX, "description": rules.DESCRIPTION_MAX,
               "table": rules.TABLE_NAME_MAX, "video_url": rules.VIDEO_URL_MAX}
TABLE_WORDS = {"fi": "Pöytä", "sv": "Bord", "en": "Table"}
REMOTE_WORDS = ("remote", "etä", "distans")

_KEY_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:(.*)$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FINNISH_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
def N_(message):
    """Mark a message for translation without translating it: the edge translates."""
    return message


# Each message names what it is about, so that it translates as a whole sentence.
TOO_LONG = {
    "title": N_("the title is too long (%(count)s characters; at most %(limit)s)"),
    "place": N_("the place is too long (%(count)s characters; at most %(limit)s)"),
    "next_meeting": N_("the next meeting is too long (%(count)s characters; at most "
                       "%(limit)s)"),
    "topic": N_("the topic is too long (%(count)s characters; at most %(limit)s)"),
    "prompt": N_("the prompt is too long (%(count)s characters; at most %(limit)s)"),
    "description": N_("the description is too long (%(count)s characters; at most "
                      "%(limit)s)"),
    "table": N_("the table is too long (%(count)s characters; at most %(limit)s)"),
    "video_url": N_("the video url is too long (%(count)s characters; at most %(limit)s)"),
}
UNKNOWN_CHOICE = {"language": N_("unknown language %(value)s (use fi, sv or en)"),
                  "mode": N_("unknown mode %(value)s (use people or topics)")}
# '#hashtag' is text, as in Markdown; '##Title' is taken as the heading it was meant to be.
_HEADING = re.compile(r"^(#{2,}|#(\s|$))")


class PlanError(ValueError):
    """A plan that cannot be used, with the line that is wrong.

    `template` is the English message with %(name)s placeholders and `params` their
    values, so a page translates it (`gettext(template, **params)`) and keeps the line;
    `message` is the English text, for the command line.
    """

    def __init__(self, template, line=None, source="<plan>", **params):
        self.template, self.params, self.line, self.source = template, params, line, source
        self.message = template % params if params else template
        super().__init__(str(self))

    def __str__(self):
        where = self.source if self.line is None else f"{self.source}, line {self.line}"
        return f"{where}: {self.message}"


def load_plan(path):
    """Read and parse the plan file at `path` (UTF-8)."""
    with open(path, encoding="utf-8-sig") as handle:
        return parse_plan(handle.read(), source=str(path))


def parse_plan(text, source="<plan>"):
    """Parse a plan's Markdown text into a plan dict, or raise PlanError."""
    try:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
        meta, body_start = _read_front_matter(lines)
        topics = _read_topics(lines, body_start)
        last_line = max([i + 1 for i, line in enumerate(lines) if line.strip()] or [1])
        return _build_plan(meta, topics, last_line)
    except PlanError as error:
        raise PlanError(error.template, error.line, source, **error.params) from None


def default_table_count(topic_count):
    """Return how many tables a plan gets when it names none: one a topic, else four."""
    return topic_count if 1 <= topic_count <= INTEGER_RANGES["tables"][1] else 4


def default_tables(count, language="fi"):
    """Return `count` numbered in-room tables named in the plan's language."""
    word = TABLE_WORDS.get(language, TABLE_WORDS["fi"])
    return [{"name": f"{word} {n}", "remote": False, "video_url": None}
            for n in range(1, count + 1)]


# Front matter
def _read_front_matter(lines):
    """Return ({key: (value, line)}, index of the first body line)."""
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() != "---":
        raise PlanError(N_("a plan starts with front matter between '---' lines "
                           "(title: …, date: …)"), (start or 0) + 1)
    meta, index = {}, start + 1
    while index < len(lines):
        line = lines[index]
        if line.strip() == "---":
            return meta, index + 1
        index = _read_meta_line(lines, index, meta)
    raise PlanError(N_("the front matter is not closed with a '---' line"), start + 1)


def _read_meta_line(lines, index, meta):
    """Read one front-matter entry into `meta` and return the next line's index."""
    line, number = lines[index], index + 1
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return index + 1
    if line[0].isspace():
        raise PlanError(N_("unexpected indented line %(text)s; only the tables list "
                           "is indented, under 'tables:'"), number, text=repr(stripped))
    match = _KEY_LINE.match(stripped)
    if not match:
        raise PlanError(N_("expected 'key: value', got %(text)s"), number, text=repr(stripped))
    key, value = match.group(1).lower(), _unquote(match.group(2).strip())
    if key not in KEYS:
        raise PlanError(N_("unknown key '%(key)s' (known keys: %(keys)s)"), number, key=key,
                        keys=", ".join(KEYS))
    if key in meta:
        raise PlanError(N_("'%(key)s' is given twice (first on line %(first)s)"), number,
                        key=key, first=meta[key][1])
    if key == "tables" and not value:
        items, index = _read_table_items(lines, index + 1)
        meta[key] = (items, number)
        return index
    meta[key] = (value, number)
    return index + 1


def _unquote(value):
    """Drop one pair of matching quotes, as YAML writers tend to add them."""
    if len(value) >= 2 and value[0] in "\"'" and value[-1] == value[0]:
        return value[1:-1]
    return value


def _read_table_items(lines, index):
    """Read the indented `- ` lines under `tables:`; return ([(text, line)], next index)."""
    items = []
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if stripped and not line[0].isspace():
            break
        if stripped and not stripped.startswith("- "):
            raise PlanError(N_("a table is written '- Name' or '- Name | remote | "
                               "https://…', got %(text)s"), index + 1, text=repr(stripped))
        if stripped:
            items.append((stripped[2:].strip(), index + 1))
        index += 1
    return items, index


# Topics
def _read_topics(lines, start):
    """Read the `##` topics of the body into a list of topic dicts with line numbers."""
    topics, topic = [], None
    for index in range(start, len(lines)):
        line, number = lines[index], index + 1
        stripped = line.strip()
        if _HEADING.match(stripped):
            topic = _start_topic(stripped, number, topics)
            topics.append(topic)
        elif topic is None:
            if stripped:
                raise PlanError(N_("text before the first topic; start each topic with "
                                   "a '## ' heading"), number)
        else:
            _add_topic_line(topic, line, number)
    return [_finish_topic(topic) for topic in topics]


def _start_topic(stripped, number, topics):
    """Open a new topic from a heading line, checking its level and title."""
    level = len(stripped) - len(stripped.lstrip("#"))
    if level != 2:
        raise PlanError(N_("a topic heading is '## Title', not %(marks)s; the plan's "
                           "title goes in the front matter"), number, marks=repr("#" * level))
    title = stripped[2:].strip()
    if not title:
        raise PlanError(N_("a topic heading has no title"), number)
    _check_length(title, "topic", number)
    for other in topics:
        if other["title"] == title:
            raise PlanError(N_("topic %(title)s appears twice (first on line %(first)s)"),
                            number, title=repr(title), first=other["line"])
    return {"title": title, "line": number, "paragraphs": [[]], "prompts": [],
            "last": "heading"}


def _add_topic_line(topic, line, number):
    """Add one body line under a topic: a prompt, a prompt's continuation or description."""
    stripped = line.strip()
    if stripped[:2] in ("- ", "* ") or stripped in ("-", "*"):
        if not stripped[1:].strip():
            raise PlanError(N_("an empty prompt question ('- ' with nothing after it)"), number)
        topic["prompts"].append([stripped[1:].strip(), number])
        topic["last"] = "prompt"
    elif not stripped:
        topic["last"] = "blank"
        if topic["paragraphs"][-1]:
            topic["paragraphs"].append([])
    elif topic["prompts"]:
        # An indented line right under a prompt continues it, as in Markdown.
        if not (line[0].isspace() and topic["last"] == "prompt"):
            raise PlanError(N_("text after the prompt questions; put the description right "
                               "under the heading, and each question on a '- ' line"), number)
        topic["prompts"][-1][0] += " " + stripped
    else:
        # A leading backslash keeps a line that looks like a list item or heading as text.
        topic["paragraphs"][-1].append(stripped[1:] if stripped[0] == "\\" else stripped)
        topic["last"] = "text"


def _finish_topic(topic):
    """Turn a topic being read into its plan form, checking lengths."""
    paragraphs = [" ".join(lines) for lines in topic["paragraphs"] if lines]
    description = "\n\n".join(paragraphs)
    _check_length(description, "description", topic["line"])
    for prompt, number in topic["prompts"]:
        _check_length(prompt, "prompt", number)
    return {"title": topic["title"], "description": description,
            "prompts": [prompt for prompt, _ in topic["prompts"]], "line": topic["line"]}


# The plan as a whole
def _build_plan(meta, topics, last_line):
    """Check the front matter against the topics and return the plan dict."""
    if "title" not in meta or not meta["title"][0]:
        line = meta["title"][1] if "title" in meta else 1
        raise PlanError(N_("the plan has no title (add 'title: …' to the front matter)"), line)
    if not topics:
        raise PlanError(N_("the plan has no topics; add a '## ' heading for each"), last_line)
    if len(topics) > MAX_TOPICS:
        raise PlanError(N_("too many topics (%(count)s; at most %(limit)s)"),
                        topics[MAX_TOPICS]["line"], count=len(topics), limit=MAX_TOPICS)
    plan = {"title": _text(meta, "title"), "date": _date(meta), "place": _text(meta, "place"),
            "language": _choice(meta, "language", LANGUAGES),
            "mode": _choice(meta, "mode", MODES), "rounds": _integer(meta, "rounds"),
            "minutes": _integer(meta, "minutes"),
            "break_minutes": _integer(meta, "break_minutes")}
    # Only when given: a plan without a next meeting reads to the same dict as before.
    next_meeting = _text(meta, "next_meeting")
    if next_meeting:
        plan["next_meeting"] = next_meeting
    plan["tables"] = _tables(meta, len(topics), plan["language"])
    plan["topics"] = [{key: topic[key] for key in ("title", "description", "prompts")}
                      for topic in topics]
    return plan


def _check_length(text, what, line):
    """Refuse a text longer than its limit."""
    limit = MAX_LENGTHS[what]
    if len(text) > limit:
        raise PlanError(TOO_LONG[what], line, count=len(text), limit=limit)


def _text(meta, key):
    """Return a free-text front-matter value, or None when it is absent or empty."""
    if key not in meta or not meta[key][0]:
        return None
    value, line = meta[key]
    _check_length(value, key, line)
    return value


def _choice(meta, key, allowed):
    """Return a value that must be one of `allowed`, or the default."""
    if key not in meta:
        return DEFAULTS[key]
    value, line = meta[key]
    if value.lower() not in allowed:
        raise PlanError(UNKNOWN_CHOICE[key], line, value=repr(value))
    return value.lower()


def _integer(meta, key):
    """Return a whole number within its range, or the default."""
    return _parse_integer(key, *meta[key]) if key in meta else DEFAULTS[key]


def _parse_integer(key, value, line):
    """Parse `value` as a whole number within the range allowed for `key`."""
    low, high = INTEGER_RANGES[key]
    if not re.fullmatch(r"[0-9]+", value):
        raise PlanError(N_("%(key)s must be a whole number, got %(value)s"), line, key=key,
                        value=repr(value))
    if not low <= int(value) <= high:
        raise PlanError(N_("%(key)s must be between %(low)s and %(high)s, got %(value)s"),
                        line, key=key, low=low, high=high, value=value)
    return int(value)


def _date(meta):
    """Return the ISO date, or None; a Finnish-style date gets a hint how to write it."""
    if "date" not in meta or not meta["date"][0]:
        return None
    value, line = meta["date"]
    finnish = _FINNISH_DATE.match(value)
    if finnish:
        day, month, year = finnish.groups()
        raise PlanError(N_("write the date as YYYY-MM-DD, e.g. %(iso)s for %(value)s"), line,
                        iso=f"{year}-{int(month):02d}-{int(day):02d}", value=value)
    try:
        datetime.date.fromisoformat(value if _ISO_DATE.match(value) else "")
    except ValueError:
        raise PlanError(N_("not a valid date %(value)s (write YYYY-MM-DD, e.g. 2026-05-15)"),
                        line, value=repr(value)) from None
    return value


def _tables(meta, topic_count, language):
    """Return the plan's tables from a count, a list, or the default."""
    if "tables" not in meta:
        return default_tables(default_table_count(topic_count), language)
    value, line = meta["tables"]
    if isinstance(value, str):
        return default_tables(_parse_integer("tables", value, line), language)
    if not value:
        raise PlanError(N_("'tables:' has no '- Name' lines under it"), line)
    high = INTEGER_RANGES["tables"][1]
    if len(value) > high:
        raise PlanError(N_("too many tables (%(count)s; at most %(limit)s)"), value[high][1],
                        count=len(value), limit=high)
    tables, first_seen = [], {}
    for text, number in value:
        tables.append(_parse_table(text, number))
        # People are sent to a table by its name, so two tables cannot share one.
        name = tables[-1]["name"]
        if name in first_seen:
            raise PlanError(N_("table %(name)s appears twice (first on line %(first)s)"),
                            number, name=repr(name), first=first_seen[name])
        first_seen[name] = number
    return tables


def _parse_table(text, line):
    """Parse 'Name', 'Name | remote' or 'Name | remote | https://…' into a table dict."""
    parts = [part.strip() for part in text.split("|")]
    name, remote, video_url = parts[0], False, None
    if not name:
        raise PlanError(N_("a table has no name"), line)
    _check_length(name, "table", line)
    for part in parts[1:]:
        if part.lower() in REMOTE_WORDS:
            remote = True
        elif ":" in part and video_url is None:
            video_url = _video_url(part, line)
            remote = True  # A video link only makes sense for a remote table.
        else:
            raise PlanError(N_("unexpected table option %(option)s (write 'Name | remote | "
                               "https://…')"), line, option=repr(part))
    return {"name": name, "remote": remote, "video_url": video_url}


def _video_url(url, line):
    """Return a video link if it is http(s) with a host, else raise PlanError."""
    _check_length(url, "video_url", line)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc \
            or any(char.isspace() for char in url):
        raise PlanError(N_("a video link must be an https:// (or http://) address, "
                           "got %(url)s"), line, url=repr(url))
    return url


# Writing a plan back
def dump_plan(plan):
    """Write a plan dict back as Markdown that parse_plan reads to the same dict."""
    lines = ["---", f"title: {_quote(plan['title'])}"]
    for key in ("date", "place", "next_meeting"):
        if plan.get(key):
            lines.append(f"{key}: {_quote(plan[key])}")
    for key in ("language", "mode", "rounds", "minutes", "break_minutes"):
        lines.append(f"{key}: {plan.get(key, DEFAULTS[key])}")
    lines += _dump_tables(plan) + ["---"]
    for topic in plan["topics"]:
        lines += [""] + _dump_topic(topic)
    return "\n".join(lines) + "\n"


def _quote(value):
    """Quote a value that starts with a quote, so reading it drops only the added pair."""
    return f'"{value}"' if value[:1] in "\"'" else value


def _dump_tables(plan):
    """Write tables as a count when they are the default numbered ones, else as a list."""
    tables = plan.get("tables")
    if not tables:
        return []
    if tables == default_tables(len(tables), plan.get("language", "fi")):
        return [f"tables: {len(tables)}"]
    lines = ["tables:"]
    for table in tables:
        parts = [table["name"]] + (["remote"] if table["remote"] else [])
        parts += [table["video_url"]] if table["video_url"] else []
        lines.append("  - " + " | ".join(parts))
    return lines


def _dump_topic(topic):
    """Write one topic: heading, description paragraphs, prompt list."""
    lines = [f"## {topic['title']}"]
    for paragraph in filter(None, (topic.get("description") or "").split("\n\n")):
        # A backslash keeps a paragraph that looks like a list item or heading as text.
        lines += ["", "\\" + paragraph if paragraph[:1] in "-*#\\" else paragraph]
    if topic["prompts"]:
        lines.append("")
    lines += [f"- {prompt}" for prompt in topic["prompts"]]
    return lines
