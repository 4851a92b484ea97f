"""Keeping personal data no longer than needed: addresses after sending, whole workshops."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select, update

from ..errors import DomainError
from ..extensions import db
from ..models import Mail, Participant, Summary, Workshop, utcnow
from .consent import blank_recipient


def expired_workshops(now: datetime | None = None) -> Sequence[int]:
    """Ids of workshops whose summary was sent more than MAIL_RETENTION_DAYS ago."""
    days = current_app.config["MAIL_RETENTION_DAYS"]
    cutoff = (now or utcnow()) - timedelta(days=days)
    return db.session.scalars(select(Summary.workshop_id).where(
        Summary.sent_at.is_not(None), Summary.sent_at < cutoff)).all()


def clean_up(now: datetime | None = None) -> dict[str, int]:
    """Delete the addresses and email consents of expired workshops; return the counts."""
    ids = expired_workshops(now)
    if not ids:
        return {"workshops": 0, "addresses": 0, "mails": 0}
    addresses = db.session.execute(
        update(Participant).where(Participant.workshop_id.in_(ids),
                                  Participant.email.is_not(None))
        .values(email=None, email_consent=False)).rowcount
    mails = db.session.scalars(select(Mail).where(
        Mail.workshop_id.in_(ids), Mail.recipient.contains("@"))).all()
    for mail in mails:
        mail.recipient = blank_recipient(mail.id)
        if mail.status in ("pending", "failed"):
            # Too late to send: the address is gone.
            mail.status, mail.next_attempt_at = "failed", None
            mail.last_error = "The address was deleted at the end of the retention period."
    db.session.commit()
    return {"workshops": len(ids), "addresses": addresses, "mails": len(mails)}


def delete_workshop(workshop_id: int) -> int:
    """Delete a workshop and every row that belongs to it; return the rows deleted."""
    if db.session.get(Workshop, workshop_id) is None:
        raise DomainError("not_found")
    db.session.expunge_all()
    deleted = 0
    # Children before parents: the reverse of the order the tables are created in.
    for table in reversed(db.metadata.sorted_tables):
        condition = _belongs_to(table, workshop_id)
        if condition is not None:
            deleted += db.session.execute(delete(table).where(condition)).rowcount
    db.session.commit()
    return deleted


def _belongs_to(table, workshop_id):
    """The rows of a table that are the workshop's: by workshop_id, or through a parent."""
    if table.name == Workshop.__tablename__:
        return table.c.id == workshop_id
    if "workshop_id" in table.c:
        return table.c.workshop_id == workshop_id
    for key in table.foreign_keys:
        parent = key.column.table
        if "workshop_id" in parent.c:
            return key.parent.in_(select(key.column).where(parent.c.workshop_id == workshop_id))
    return None
