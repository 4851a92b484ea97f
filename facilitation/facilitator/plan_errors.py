"""A plan's error in the reader's language: plans.py stays pure, the page translates."""
from flask_babel import gettext as _

from ..plans import PlanError


def plan_error_text(error: PlanError) -> str:
    """The error translated into the page's language, with its file and line."""
    message = _(error.template, **error.params)
    if error.line is None:
        return _("%(source)s: %(message)s", source=error.source, message=message)
    return _("%(source)s, line %(line)s: %(message)s", source=error.source, line=error.line,
             message=message)
