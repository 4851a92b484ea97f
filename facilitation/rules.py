"""The rules a workshop keeps, in one place: the form, the plan parser, the services and the
import all read them, so none of them can accept what another refuses.

Pure: imports nothing, so `plans.py` stays free of Flask and the database.
"""

#: Languages with a complete catalogue, the default first; named in their own language.
LANGUAGES = ("fi", "sv", "en")
LANGUAGE_NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}

#: How a workshop rotates: people move between tables, or topics move between them.
MODES = ("people", "topics")

#: The organisation types a participant can pick when joining (shown translated).
ORGANISATION_TYPES = (
    "ngo", "municipality", "wellbeing_area", "vitality_centre", "college", "company", "other",
)

#: Settable ranges, both ends included: rounds, minutes per round, minutes per move break.
TIMING_RANGES = {"rounds": (1, 12), "round_minutes": (1, 180), "break_minutes": (0, 60)}
DEFAULTS = {"language": "fi", "mode": "people", "rounds": 3, "round_minutes": 20,
            "break_minutes": 5}

#: At most this many tables, and as many topics, in one workshop.
MAX_TABLES = 40
MAX_TOPICS = 40

#: The longest texts, in characters.
TITLE_MAX = 200
PLACE_MAX = 200
NEXT_MEETING_MAX = 200
TOPIC_TITLE_MAX = 200
PROMPT_MAX = 300
DESCRIPTION_MAX = 2000
TABLE_NAME_MAX = 100
VIDEO_URL_MAX = 500
NAME_MAX = 60
MESSAGE_MAX = 300
