"""HTTP views for participants: the front page, the phone page, joining, QR codes."""
from flask import jsonify, redirect, render_template, request, url_for

from .. import throttle
from ..errors import DomainError, error_body, error_message
from ..qr import public_url, svg_response
from ..rules import ORGANISATION_TYPES
from ..services import participants, snapshots
from ..services.workshops import table_of
from ..validation import is_id
from ..web import workshop_or_404
from . import bp


@bp.get("/")
def index():
    """The front page: type the workshop's code (or arrive with ?code=)."""
    code = request.args.get("code")
    if code is None:
        return render_template("index.html", error=None, code="")
    try:
        workshop = throttle.workshop_by_guess(code)
    except throttle.Throttled as error:
        return throttle.throttled_page(error)
    except DomainError as error:
        return render_template("index.html", error=error_message(error.code), code=code), 404
    return redirect(url_for(".phone", code=workshop.code))


@bp.get("/w/<code>")
@bp.get("/w/<code>/t/<int:table_id>")
def phone(code, table_id=None):
    """The participant's phone page: join form, then the table view."""
    workshop = workshop_or_404(code)
    if code != workshop.code:
        return redirect(url_for(".phone", code=workshop.code, table_id=table_id))
    if table_id is not None:
        table_of(workshop.id, table_id)
    return render_template("participant.html", workshop=workshop, table_id=table_id,
                           tables=[snapshots.table_dict(t) for t in workshop.tables],
                           organisation_types=ORGANISATION_TYPES)


@bp.post("/w/<code>/join")
def join(code):
    """Join the workshop: JSON in, `{token, participant}` out (the token only once)."""
    workshop = workshop_or_404(code)
    data = request.get_json(silent=True)
    # `remote` is a boolean: "no" must not count as remote.
    if not isinstance(data, dict) or not isinstance(data.get("remote", False), bool) \
            or not (data.get("table_id") is None or is_id(data["table_id"])):
        return jsonify(ok=False, error={"code": "bad_payload",
                                        "message": error_message("bad_payload")}), 400
    try:
        person, token = participants.join(
            workshop, data.get("name"), data.get("organisation", ""),
            data.get("organisation_type", ""), data.get("table_id"), data.get("remote", False))
    except DomainError as error:
        return jsonify(ok=False, error=error_body(error)), 400
    return jsonify(ok=True, token=token, participant=snapshots.participant_dict(person)), 201


@bp.get("/w/<code>/qr.svg")
@bp.get("/w/<code>/t/<int:table_id>/qr.svg")
def qr(code, table_id=None):
    """The join QR code (for a table's tent when a table is given)."""
    workshop = workshop_or_404(code)
    if table_id is not None:
        table_of(workshop.id, table_id)
    return svg_response(public_url(".phone", code=workshop.code, table_id=table_id))


@bp.get("/w/<code>/feedback/qr.svg")
def feedback_qr(code):
    """The QR code of the feedback page, for the board in the feedback phase."""
    workshop = workshop_or_404(code)
    return svg_response(public_url(".feedback_page", code=workshop.code))
