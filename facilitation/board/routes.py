"""HTTP view of the projected board."""
from flask import abort, render_template, request
from flask_login import current_user

from ..qr import public_url
from ..web import workshop_or_404
from . import bp


@bp.get("/board/<code>")
def board(code):
    """The board: its link carries the board key, or the owner is signed in."""
    workshop = workshop_or_404(code)
    owner = current_user.is_authenticated and current_user.id == workshop.facilitator_id
    if not owner and request.args.get("key") != workshop.board_key:
        abort(403)
    return render_template("board.html", workshop=workshop,
                           join_url=public_url("participant.phone", code=workshop.code),
                           feedback_url=public_url("participant.feedback_page", code=workshop.code))
