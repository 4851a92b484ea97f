"""HTTP views for participants: the front page, the phone page, joining, QR codes."""
from flask import abort, g, jsonify, redirect, render_template, request, url_for

from ..config import ORGANISATION_TYPES
from ..errors import DomainError, error_body, error_message
from ..qr import public_url, svg_response
from ..services import participants, snapshots
from ..services.workshops import table_of, workshop_by_code
from . import bp


def _workshop_or_404(code):
    """The workshop for a code in the URL, its language becoming the page's."""
    try:
        workshop = workshop_by_code(code)
    except DomainError:
        abort(404)
    g.workshop_language = workshop.language
    return workshop


@bp.get("/")
def index():
    """The front page: type the workshop's code (or arrive with ?code=)."""
    code = request.args.get("code")
    if code is None:
        return render_template("index.html", error=None, code="")
    try:
        workshop = workshop_by_code(code)
    except DomainError as error:
        return render_template("index.html", error=error_message(error.code), code=code), 404
    return redirect(url_for(".phone", code=workshop.code))


@bp.get("/w/<code>")
@bp.get("/w/<code>/t/<int:table_id>")
def phone(code, table_id=None):
    """The participant's phone page: join form, then the table view."""
    workshop = _workshop_or_404(code)
    if code != workshop.code:
        return redirect(url_for(".phone", code=workshop.code, table_id=table_id))
    if table_id is not None:
        try:
            table_of(workshop.id, table_id)
        except DomainError:
            abort(404)
    return render_template("participant.html", workshop=workshop, table_id=table_id,
                           tables=[snapshots.table_dict(t) for t in workshop.tables],
                           organisation_types=ORGANISATION_TYPES)


@bp.post("/w/<code>/join")
def join(code):
    """Join the workshop: JSON in, `{token, participant}` out (the token only once)."""
    workshop = _workshop_or_404(code)
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return jsonify(ok=False, error={"code": "bad_payload",
                                        "message": error_message("bad_payload")}), 400
    try:
        person, token = participants.join(
            workshop, data.get("name"), data.get("organisation", ""),
            data.get("organisation_type", ""), data.get("table_id"), bool(data.get("remote")))
    except DomainError as error:
        return jsonify(ok=False, error=error_body(error)), 400
    return jsonify(ok=True, token=token, participant=snapshots.participant_dict(person)), 201


@bp.get("/w/<code>/qr.svg")
@bp.get("/w/<code>/t/<int:table_id>/qr.svg")
def qr(code, table_id=None):
    """The join QR code (for a table's tent when a table is given)."""
    workshop = _workshop_or_404(code)
    if table_id is not None:
        try:
            table_of(workshop.id, table_id)
        except DomainError:
            abort(404)
    return svg_response(public_url(".phone", code=workshop.code, table_id=table_id))


@bp.get("/w/<code>/feedback/qr.svg")
def feedback_qr(code):
    """The QR code of the feedback page, for the board in the feedback phase."""
    workshop = _workshop_or_404(code)
    return svg_response(public_url(".feedback_page", code=workshop.code))
