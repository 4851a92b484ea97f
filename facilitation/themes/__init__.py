"""Themes and the summary (kooste): grouping notes live, and the summary editor."""
from flask import Blueprint

bp = Blueprint("themes", __name__)

from . import events, routes  # noqa: E402,F401  (register the views and handlers)
