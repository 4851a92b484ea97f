"""The summary by email: who gets it, queueing it once, resending, progress."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..errors import DomainError
from ..extensions import db
from ..mail import composing
from ..mail.worker import wake_mail_worker
from ..models import Mail, Participant, Summary, Workshop, utcnow

STATUSES = ("pending", "sending", "sent", "failed")
KIND = "summary"


def summary_of(workshop: Workshop) -> Summary | None:
    """The workshop's summary row, or None when none has been written yet."""
    return db.session.scalar(select(Summary).where(Summary.workshop_id == workshop.id))


def recipients(workshop: Workshop) -> Sequence[Participant]:
    """The people who consented to the summary by email and gave an address."""
    return db.session.scalars(select(Participant).where(
        Participant.workshop_id == workshop.id, Participant.email_consent.is_(True),
        Participant.email.is_not(None), Participant.removed_at.is_(None))
        .order_by(Participant.id)).all()


def new_message_id() -> str:
    """A Message-ID for a new mail (or a mail asked for again)."""
    return composing.new_message_id(current_app.config["MAIL_FROM"])


def queue_summary(workshop: Workshop) -> int:
    """Add one mail per consenting person not queued yet; return how many were added.

    Pressing Send again adds only people who consented since: one row per
    workshop, kind and address (a database constraint) and one per person.
    """
    summary = summary_of(workshop)
    if summary is None or not summary.markdown.strip():
        raise DomainError("summary_missing")
    queued = db.session.execute(select(Mail.participant_id, Mail.recipient).where(
        Mail.workshop_id == workshop.id, Mail.kind == KIND)).all()
    people = {row.participant_id for row in queued}
    addresses = {row.recipient.casefold() for row in queued}
    added = 0
    for person in recipients(workshop):
        if person.id in people or person.email.casefold() in addresses:
            continue
        try:
            with db.session.begin_nested():
                db.session.add(Mail(workshop_id=workshop.id, participant_id=person.id,
                                    kind=KIND, recipient=person.email,
                                    message_id=new_message_id()))
        except IntegrityError:
            continue  # queued at the same moment by another press of Send
        addresses.add(person.email.casefold())
        added += 1
    if added or summary.sent_at is None:
        summary.sent_at = utcnow()  # the retention period counts from the last send
    db.session.commit()
    wake_mail_worker()
    return added


def resend(workshop: Workshop, mail_id: Any) -> Mail:
    """Try one recipient again from the start; a mail already sent gets a new Message-ID."""
    mail = db.session.get(Mail, mail_id)
    if mail is None or mail.workshop_id != workshop.id or "@" not in mail.recipient:
        raise DomainError("not_found")
    if mail.status == "sending":
        return mail  # on its way right now
    if mail.status == "sent":
        # Asked for again on purpose: a new message, not a copy to be discarded.
        mail.message_id, mail.sent_at = new_message_id(), None
    mail.status, mail.attempts, mail.last_error, mail.next_attempt_at = "pending", 0, None, None
    summary = summary_of(workshop)
    if summary is not None:
        summary.sent_at = utcnow()
    db.session.commit()
    wake_mail_worker()
    return mail


def mail_progress(workshop: Workshop) -> dict[str, Any]:
    """Counts by status and every mail of the workshop, for the console."""
    counts = dict.fromkeys(STATUSES, 0)
    counts.update(db.session.execute(
        select(Mail.status, func.count()).where(Mail.workshop_id == workshop.id)
        .group_by(Mail.status)).all())
    mails = db.session.scalars(select(Mail).where(Mail.workshop_id == workshop.id)
                               .order_by(Mail.id)).all()
    return {"counts": counts, "total": sum(counts.values()), "mails": mails}
