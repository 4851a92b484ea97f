"""The facilitator's console: account, workshop form, live moderation."""
from flask import Blueprint

bp = Blueprint("facilitator", __name__)

from . import date_filters, events, export_views, mail_views, plan_views, routes, summary_views  # noqa: E402,F401  (register the views and handlers)
