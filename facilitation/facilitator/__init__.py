"""The facilitator's console: account, workshop form, live moderation."""
from flask import Blueprint

bp = Blueprint("facilitator", __name__)

from . import (date_filters, events, export_views, mail_progress_views, mail_views,  # noqa: E402,F401
               plan_views, routes, summary_views)  # (register the views and handlers)
