"""A participant's own pages: my details and consents, erasure, and feedback.

The pages are plain HTML; their scripts call the JSON endpoints with the
participant's token in `Authorization: Bearer …` and the CSRF header.
"""
from flask import jsonify, render_template, request

from ..errors import DomainError, error_body
from ..extensions import db
from ..services import consent, feedback
from . import bp
from .routes import _workshop_or_404


_STATUS = {"unauthorised": 401, "forbidden": 403}


def _bearer_token():
    """The token of an `Authorization: Bearer <token>` header, or ''."""
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def as_participant(code, action):
    """Run `action(person, data)` for the token's holder; answer JSON either way."""
    workshop = _workshop_or_404(code)
    try:
        person = consent.participant_in(workshop, _bearer_token())
        data = request.get_json(silent=True) if request.method == "POST" else {}
        if not isinstance(data, dict):
            raise DomainError("bad_payload")
        return jsonify(ok=True, **action(person, data))
    except DomainError as error:
        db.session.rollback()
        return jsonify(ok=False, error=error_body(error)), _STATUS.get(error.code, 400)


@bp.get("/w/<code>/me")
def me_page(code):
    """My details: the email for the summary, the contact list, erasing my data."""
    return render_template("me.html", workshop=_workshop_or_404(code))


@bp.get("/w/<code>/me.json")
def me_json(code):
    """My name, organisation, email and consents, and whether I gave feedback."""
    return as_participant(code, lambda person, _data: {
        "me": consent.my_details(person), "feedback_given": feedback.has_answered(person)})


@bp.post("/w/<code>/me/details")
def me_details(code):
    """Save the address and both consents together: the one form of My details."""
    return as_participant(code, lambda person, data: {"me": consent.set_details(
        person, data.get("email"), data.get("email_consent"), data.get("contact_consent"))})


@bp.post("/w/<code>/me/email")
def me_email(code):
    """Give the address with the consent to get the summary, or withdraw it."""
    return as_participant(code, lambda person, data: {"me": consent.set_email(
        person, data.get("email"), data.get("email_consent"))})


@bp.post("/w/<code>/me/contact")
def me_contact(code):
    """Give or withdraw the consent to appear in the contact list."""
    return as_participant(code, lambda person, data: {"me": consent.set_contact(
        person, data.get("contact_consent"))})


@bp.post("/w/<code>/me/erase")
def me_erase(code):
    """Erase my personal data; the token stops working."""
    def erase(person, _data):
        consent.erase(person)
        return {}
    return as_participant(code, erase)


@bp.get("/w/<code>/feedback")
def feedback_page(code):
    """The feedback form: 1–4, the main takeaway, wishes, optionally signed."""
    workshop = _workshop_or_404(code)
    return render_template("feedback.html", workshop=workshop,
                           feedback_open=workshop.state in feedback.OPEN_STATES)


@bp.post("/w/<code>/feedback.json")
def feedback_json(code):
    """Store my feedback (a second answer replaces the first)."""
    def give(person, data):
        feedback.give_feedback(person, data.get("rating"), data.get("takeaway", ""),
                               data.get("wishes", ""), data.get("signed", False))
        return {}
    return as_participant(code, give)
