"""The participant's phone: join with the code, sit at a table, post notes."""
from flask import Blueprint

bp = Blueprint("participant", __name__)

from . import events, host_views, link_events, me_views, routes  # noqa: E402,F401  (register the views and handlers)
