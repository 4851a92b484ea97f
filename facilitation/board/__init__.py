"""The projected board: no controls, large type, live notes."""
from flask import Blueprint

bp = Blueprint("board", __name__)

from . import routes  # noqa: E402,F401  (register the views)
