"""Tell the console's mail page how the sending goes, as each mail changes state.

The notice `mail:changed` is not numbered or stored: it carries an address, which
must not outlive the retention period in the event log, and the mail page reads
the whole progress again over HTTP on every (re)connect anyway.
"""
import logging

from sqlalchemy import func, select

from ..extensions import db, socketio
from ..models import Mail
from ..realtime.rooms import console_room

log = logging.getLogger(__name__)
STATUSES = ("pending", "sending", "sent", "failed")


def mail_counts(workshop_id):
    """{status: count} of the workshop's mails, every status present."""
    counts = dict.fromkeys(STATUSES, 0)
    counts.update(db.session.execute(
        select(Mail.status, func.count()).where(Mail.workshop_id == workshop_id)
        .group_by(Mail.status)).all())
    return counts


def mail_dict(mail):
    """One mail as the mail page shows it; a deleted address is shown as such (None)."""
    return {"id": mail.id, "recipient": mail.recipient if "@" in mail.recipient else None,
            "status": mail.status, "attempts": mail.attempts, "last_error": mail.last_error}


def announce_mail(app, mail_id):
    """Send `mail:changed {mail, counts}` to the workshop's console (never fails the send)."""
    try:
        with app.app_context():
            mail = db.session.get(Mail, mail_id)
            if mail is None:
                return
            payload = {"mail": mail_dict(mail), "counts": mail_counts(mail.workshop_id)}
            room = console_room(mail.workshop_id)
            db.session.close()
        socketio.emit("mail:changed", payload, to=room)
    except Exception:  # the mail matters more than the notice about it
        log.exception("Could not tell the console about mail %s.", mail_id)
