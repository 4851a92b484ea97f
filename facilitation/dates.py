"""Dates and times as people read them: one format per language, times in Helsinki.

Every page, mail and summary shows dates through these two functions (Babel's
formatting with the language's locale), so a date never reads two ways.
"""
import datetime
import re
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_date
from babel.dates import format_datetime as babel_datetime

# The cafés are held in Finland; times are shown in the time of the room.
TIMEZONE = ZoneInfo("Europe/Helsinki")
DATE_PATTERNS = {"fi": "d.M.y", "sv": "d.M.y", "en": "d MMMM y"}
TIME_PATTERNS = {"fi": "'klo' H.mm", "sv": "'kl.' HH.mm", "en": "HH:mm"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _language(language):
    """A language with patterns of its own; Finnish for anything else."""
    return language if language in DATE_PATTERNS else "fi"


def parse_date(value):
    """A date from a date or an ISO 'YYYY-MM-DD' string; None for anything else."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    text = str(value or "")
    try:
        return datetime.date.fromisoformat(text) if _ISO_DATE.match(text) else None
    except ValueError:
        return None


def format_date(value, language):
    """20.5.2026 (fi, sv) or 20 May 2026 (en); '' for something that is not a date."""
    day = parse_date(value)
    if day is None:
        return ""
    language = _language(language)
    return babel_date(day, DATE_PATTERNS[language], locale=language)


def format_datetime(moment, language):
    """A moment in Helsinki time: '20.5.2026 klo 12.05', '20 May 2026, 12:05'."""
    if moment is None:
        return ""
    if moment.tzinfo is None:  # SQLite hands times back without their zone: they are UTC
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    language = _language(language)
    separator = ", " if language == "en" else " "
    pattern = DATE_PATTERNS[language] + separator + TIME_PATTERNS[language]
    return babel_datetime(moment, pattern, tzinfo=TIMEZONE, locale=language)
