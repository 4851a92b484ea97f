"""The facilitator's console: account, workshop form, live moderation, themes, summary."""
from flask import Blueprint

bp = Blueprint("facilitator", __name__)

from . import (  # noqa: E402,F401  (register the views and handlers)
    date_filters,
    events,
    export_views,
    harvest_views,
    mail_progress_views,
    mail_views,
    plan_views,
    routes,
    summary_views,
    theme_events,
)
