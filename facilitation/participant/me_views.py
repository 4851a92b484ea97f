"""A participant's own pages: my details and consents, erasure, and feedback.

The pages are plain HTML; their scripts call the JSON endpoints with the
participant's token in `Authorization: Bearer …` and the CSRF header.
"""
from flask import render_template

from ..services import consent, feedback
from ..web import as_participant, workshop_or_404
from . import bp


@bp.get("/w/<code>/me")
def me_page(code):
    """My details: the email for the summary, the contact list, erasing my data."""
    return render_template("me.html", workshop=workshop_or_404(code))


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
    workshop = workshop_or_404(code)
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
