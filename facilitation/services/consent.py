"""A participant's own data: email and its consents, withdrawal and erasure."""
from __future__ import annotations

import re
import secrets
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..errors import DomainError
from ..extensions import db
from ..models import Event, Feedback, Mail, Participant, Workshop, utcnow
from ..validation import is_clean_text
from .participants import hash_token, participant_by_token

EMAIL_MAX = 254
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"^(?P<local>{_LOCAL})@(?P<domain>{_LABEL}(?:\.{_LABEL})+)$")


def clean_email(value: Any) -> str:
    """Return the address with its domain in lower case (IDNA for ä, ö, å), or raise."""
    if not is_clean_text(value):
        raise DomainError("email_invalid")
    address = value.strip()
    local, _at, domain = address.rpartition("@")
    try:
        # Mail servers speak ASCII: pääkaupunki.fi travels as xn--pkaupunki-….
        domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise DomainError("email_invalid") from None
    address = f"{local}@{domain}"
    if len(address) > EMAIL_MAX or len(local) > 64 or not _EMAIL.match(address):
        raise DomainError("email_invalid")
    return address


def my_details(participant: Participant) -> dict[str, Any]:
    """What the person's own page shows: name, organisation, email and consents."""
    return {"name": participant.display_name, "organisation": participant.organisation,
            "email": participant.email, "email_consent": participant.email_consent,
            "contact_consent": participant.contact_consent}


def set_email(participant: Participant, email: Any, consent: Any) -> dict[str, Any]:
    """Store the address with the consent to receive the summary, or withdraw it.

    Without a ticked box no address is stored; withdrawing deletes the address
    unless the contact-list consent still needs it.
    """
    if not isinstance(consent, bool):
        raise DomainError("bad_payload")
    if consent:
        address = clean_email(email)
        if participant.email and participant.email != address:
            _forget_mail_to(participant)
        participant.email, participant.email_consent = address, True
    else:
        participant.email_consent = False
        _drop_unneeded_email(participant)
    db.session.commit()
    return my_details(participant)


def set_details(participant, email, email_consent, contact_consent):
    """Store the address and both consents at once, as the one form of My details sends them.

    The address is kept only when a ticked box needs it; the summary by email needs an
    address, the contact list shows one when given. An emptied field deletes the address.
    """
    if not isinstance(email_consent, bool) or not isinstance(contact_consent, bool):
        raise DomainError("bad_payload")
    typed = email.strip() if isinstance(email, str) else ""
    address = clean_email(typed) if typed and (email_consent or contact_consent) else None
    if email_consent and address is None:
        raise DomainError("email_invalid")
    if participant.email and participant.email != address:
        _forget_mail_to(participant)
        participant.email = None
    participant.email_consent, participant.contact_consent = email_consent, contact_consent
    if address is not None:
        participant.email = address
    db.session.commit()
    return my_details(participant)


def set_contact(participant: Participant, consent: Any) -> dict[str, Any]:
    """Give or withdraw the consent to appear in the networking contact list."""
    if not isinstance(consent, bool):
        raise DomainError("bad_payload")
    participant.contact_consent = consent
    _drop_unneeded_email(participant)
    db.session.commit()
    return my_details(participant)


def _drop_unneeded_email(participant):
    """Delete the address when no consent needs it any more."""
    if participant.email and not (participant.email_consent or participant.contact_consent):
        _forget_mail_to(participant)
        participant.email = None


def _forget_mail_to(participant):
    """Cancel unsent mail to the person and blank the address in the mail log."""
    mails = db.session.scalars(select(Mail).where(Mail.participant_id == participant.id))
    for mail in mails:
        if mail.status in ("pending", "failed"):
            db.session.delete(mail)
        else:
            # Sent (or being sent): keep the row for the counts, not the address.
            mail.recipient = blank_recipient(mail.id)


def blank_recipient(mail_id: int) -> str:
    """What replaces a deleted address in the mail log: unique per row, not an address."""
    return f"deleted:{mail_id}"


def erase(participant: Participant) -> None:
    """Erase a person's data: a neutral name, nothing else; their notes stay, anonymous."""
    with force_locale(participant.workshop.language):
        placeholder = _("Anonymous participant")
    _forget_mail_to(participant)
    participant.display_name = placeholder
    participant.organisation = ""
    participant.email = None
    participant.email_consent = participant.contact_consent = False
    # A hash of a token nobody holds: the old token opens nothing any more.
    participant.token_hash = hash_token(secrets.token_urlsafe(24))
    participant.removed_at = participant.removed_at or utcnow()
    for feedback in db.session.scalars(
            select(Feedback).where(Feedback.participant_id == participant.id)):
        feedback.participant_id = None
    _scrub_events(participant, placeholder)
    db.session.commit()


def _scrub_events(participant, placeholder):
    """Replace the name and organisation kept in recorded console events (for replay)."""
    rows = db.session.scalars(select(Event).where(
        Event.workshop_id == participant.workshop_id, Event.type.like("participant:%")))
    for event in rows:
        person = (event.payload or {}).get("participant")
        if isinstance(person, dict) and person.get("id") == participant.id:
            # A new dict: the JSON column only notices a replaced value.
            event.payload = {**event.payload, "participant": {
                **person, "name": placeholder, "organisation": ""}}


def participant_in(workshop: Workshop, token: Any) -> Participant:
    """The workshop's participant holding this token, or DomainError."""
    person = participant_by_token(token)
    if person is None or person.workshop_id != workshop.id:
        raise DomainError("unauthorised")
    return person


def find_participant(participant_id: int) -> Participant:
    """Any participant by id (for the command line), or DomainError."""
    person = db.session.get(Participant, participant_id)
    if person is None:
        raise DomainError("not_found")
    return person
