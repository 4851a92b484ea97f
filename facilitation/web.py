"""The HTTP edge: domain errors as responses, and the lookups and replies views share.

A view calls a service and lets a `DomainError` rise; the factory registers
`domain_error_response`, which answers it with a status from `STATUS`, as JSON
`{ok: false, error: {code, message}}` for scripts and as the translated error page
for people.
"""
from flask import Response, abort, g, jsonify, render_template, request
from flask_login import current_user

from . import throttle
from .errors import DomainError, error_body
from .extensions import db
from .services import consent
from .services.workshops import owned_workshop

# The HTTP status of a refused request, by error code; any other code is a 400.
STATUS = {"not_found": 404, "workshop_not_found": 404, "table_not_found": 404,
          "forbidden": 403, "unauthorised": 401}


def wants_json():
    """Whether the request is a script's: a JSON body or a `*.json` path."""
    return request.is_json or request.path.endswith(".json")


def error_response(status, body):
    """`body` ({code, message}) as JSON for scripts, else as the translated error page."""
    if wants_json():
        return jsonify(ok=False, error=body), status
    return render_template("error.html", status=status, message=body["message"]), status


def domain_error_response(error):
    """The factory's handler for a DomainError a view let rise: nothing of it is kept."""
    db.session.rollback()
    return error_response(STATUS.get(error.code, 400), error_body(error))


def own_or_404(workshop_id):
    """The signed-in facilitator's workshop; another's is not found either (a 404)."""
    try:
        return owned_workshop(current_user.id, workshop_id)
    except DomainError:
        raise DomainError("not_found") from None


def workshop_or_404(code):
    """The workshop for a code in the URL (else a 404), its language becoming the page's.

    Unknown codes count against the guesser: past the limit the answer is a 429 page.
    """
    try:
        workshop = throttle.workshop_by_guess(code)
    except throttle.Throttled as error:
        abort(throttle.throttled_page(error))
    g.workshop_language = workshop.language
    return workshop


def attachment(body, content_type, file_name):
    """A download the browser saves under the given (ASCII) file name."""
    return Response(body, content_type=content_type, headers={
        "Content-Disposition": f'attachment; filename="{file_name}"'})


def _bearer_token():
    """The token of an `Authorization: Bearer <token>` header, or ''."""
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def as_participant(code, action):
    """Run `action(person, data)` for the token's holder; answer JSON either way."""
    workshop = workshop_or_404(code)
    try:
        person = consent.participant_in(workshop, _bearer_token())
        data = request.get_json(silent=True) if request.method == "POST" else {}
        if not isinstance(data, dict):
            raise DomainError("bad_payload")
        return jsonify(ok=True, **action(person, data))
    except DomainError as error:
        db.session.rollback()
        return jsonify(ok=False, error=error_body(error)), STATUS.get(error.code, 400)
