"""Template filters for dates and times, in the page's language (see facilitation/dates.py)."""
from flask_babel import get_locale

from .. import dates
from . import bp


def _page_language():
    """The language the page is rendered in."""
    locale = get_locale()
    return locale.language if locale else "fi"


@bp.app_template_filter("day")
def day_filter(value):
    """{{ workshop.date|day }}: 20.5.2026, or 20 May 2026 in English."""
    return dates.format_date(value, _page_language())


@bp.app_template_filter("moment")
def moment_filter(value):
    """{{ mail.sent_at|moment }}: the date and time in Helsinki."""
    return dates.format_datetime(value, _page_language())
