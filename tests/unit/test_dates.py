"""One date format per language, and times in Helsinki, wherever a date is shown."""
from datetime import date, datetime, timezone

import pytest

from facilitation.dates import format_date, format_datetime
from facilitation.summary import write_summary


@pytest.mark.parametrize("language, shown", [("fi", "20.5.2026"), ("sv", "20.5.2026"),
                                             ("en", "20 May 2026")])
def test_a_date_reads_one_way_per_language(language, shown):
    assert format_date(date(2026, 5, 20), language) == shown
    assert format_date("2026-05-20", language) == shown
    heading = write_summary({"workshop": {"title": "Kahvila", "date": "2026-05-20",
                                          "language": language}})
    assert heading.splitlines()[2] == shown


def test_times_are_shown_in_helsinki_summer_and_winter():
    summer = datetime(2026, 5, 20, 9, 5, tzinfo=timezone.utc)
    winter = datetime(2026, 12, 1, 9, 5)  # SQLite returns UTC without its zone
    assert format_datetime(summer, "fi") == "20.5.2026 klo 12.05"
    assert format_datetime(winter, "fi") == "1.12.2026 klo 11.05"
    assert format_datetime(summer, "sv") == "20.5.2026 kl. 12.05"
    assert format_datetime(summer, "en") == "20 May 2026, 12:05"
