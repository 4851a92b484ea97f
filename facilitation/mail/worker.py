"""The durable mail job: claim a due mail, send it with no transaction open, record it.

A claimed mail is `sending` with a lease (`next_attempt_at`) that a heartbeat
renews while the SMTP conversation lasts. A mail still `sending` after its lease
ran out was claimed by a process that died: it is sent again with the same
Message-ID. See "Email" in the README for the guarantee this gives.
"""
import logging
import time
from datetime import timedelta

from sqlalchemy import and_, func, or_, select, update

from ..extensions import db, socketio
from ..models import Mail, Summary, Workshop, utcnow
from .composing import compose_summary, new_message_id
from .progress import announce_mail
from .sending import SendError, send

log = logging.getLogger(__name__)

LEASE_SECONDS = 15      # how long a claimed mail stays reserved without a heartbeat
HEARTBEAT_SECONDS = 5   # how often the sender renews its lease
POLL_SECONDS = 30       # look for due mail at least this often
MAX_BACKOFF_SECONDS = 3600

_state = {"started": False, "woken": False}


def start_mail_worker(app):
    """Start the background task that sends due mail (once per process)."""
    if _state["started"]:
        return
    _state["started"] = True
    socketio.start_background_task(_run, app)


def wake_mail_worker():
    """Ask the worker to look for due mail now rather than at its next poll."""
    _state["woken"] = True


def _run(app):
    """Send what is due, then nap until woken or until the next mail is due."""
    while True:
        # Cleared before looking, so a wake-up during the sending is not lost.
        _state["woken"] = False
        wait = POLL_SECONDS
        try:
            send_due(app)
            wait = seconds_to_next(app)
        except Exception:  # the worker must outlive a broken database moment
            log.exception("The mail worker failed; it tries again shortly.")
        deadline = time.monotonic() + max(wait, 0.2)
        while not _state["woken"] and time.monotonic() < deadline:
            socketio.sleep(0.2)


def send_due(app):
    """Send every mail due now, one at a time; return how many were attempted."""
    count = 0
    while (mail_id := claim_next(app)) is not None:
        announce_mail(app, mail_id)  # sending
        deliver(app, mail_id)
        announce_mail(app, mail_id)  # sent, or waiting for another attempt, or failed
        count += 1
    return count


def _due(now):
    """Pending mail whose time has come, and `sending` mail whose lease ran out."""
    return or_(and_(Mail.status == "pending",
                    or_(Mail.next_attempt_at.is_(None), Mail.next_attempt_at <= now)),
               and_(Mail.status == "sending", Mail.next_attempt_at <= now))


def claim_next(app):
    """Mark one due mail `sending` under a fresh lease (committed); return its id."""
    with app.app_context():
        now = utcnow()
        limit = app.config["MAIL_MAX_ATTEMPTS"]
        db.session.execute(update(Mail).where(
            Mail.status == "sending", Mail.next_attempt_at <= now, Mail.attempts >= limit)
            .values(status="failed", next_attempt_at=None,
                    last_error="Interrupted: the server stopped during the last attempt."))
        db.session.commit()
        candidates = db.session.execute(
            select(Mail.id, Mail.status).where(_due(now)).order_by(Mail.id).limit(20)).all()
        for mail_id, status in candidates:
            # Compare-and-set: of several processes, one wins each mail.
            claimed = db.session.execute(
                update(Mail).where(Mail.id == mail_id, Mail.status == status, _due(now))
                .values(status="sending", attempts=Mail.attempts + 1,
                        next_attempt_at=now + timedelta(seconds=LEASE_SECONDS)))
            db.session.commit()
            if claimed.rowcount == 1:
                if status == "sending":
                    log.warning("Mail %s was interrupted by a stop; sending it again "
                                "with the same Message-ID.", mail_id)
                return mail_id
        return None


def deliver(app, mail_id):
    """Send one claimed mail and record the outcome."""
    with app.app_context():
        message, recipient = _message_for(app, mail_id)
        db.session.close()  # no transaction stays open while SMTP talks
    if message is None:
        return _record_failure(app, mail_id, SendError(
            "The address or the summary no longer exists.", permanent=True))
    lease = {"held": True}
    socketio.start_background_task(_renew_lease, app, mail_id, lease)
    try:
        send(app.config, app.instance_path, message, recipient)
    except SendError as error:
        return _record_failure(app, mail_id, error)
    finally:
        lease["held"] = False  # anything unforeseen: the lease runs out, the mail is retried
    with app.app_context():
        db.session.execute(update(Mail).where(Mail.id == mail_id).values(
            status="sent", sent_at=utcnow(), last_error=None, next_attempt_at=None))
        db.session.commit()


def _message_for(app, mail_id):
    """The message and address of a claimed mail; (None, None) when it cannot be sent."""
    mail = db.session.get(Mail, mail_id)
    if mail is None or "@" not in mail.recipient:
        return None, None
    workshop = db.session.get(Workshop, mail.workshop_id)
    summary = db.session.scalar(select(Summary).where(Summary.workshop_id == workshop.id))
    if summary is None or not summary.markdown.strip():
        return None, None
    if not mail.message_id:
        # A row made elsewhere without one: fix it before the first attempt, for good.
        mail.message_id = new_message_id(app.config["MAIL_FROM"])
        db.session.commit()
    message = compose_summary(
        title=workshop.title, language=workshop.language, markdown=summary.markdown,
        recipient=mail.recipient, sender=app.config["MAIL_FROM"], message_id=mail.message_id,
        retention_days=app.config["MAIL_RETENTION_DAYS"])
    return message, mail.recipient


def _renew_lease(app, mail_id, lease):
    """Heartbeat: keep the claim alive while this process is still sending."""
    last = time.monotonic()
    while lease["held"]:
        socketio.sleep(0.25)
        if lease["held"] and time.monotonic() - last >= HEARTBEAT_SECONDS:
            last = time.monotonic()
            try:
                with app.app_context():
                    db.session.execute(update(Mail).where(
                        Mail.id == mail_id, Mail.status == "sending").values(
                        next_attempt_at=utcnow() + timedelta(seconds=LEASE_SECONDS)))
                    db.session.commit()
            except Exception:  # a busy database: try again at the next beat
                log.exception("Could not renew the lease of mail %s.", mail_id)


def _record_failure(app, mail_id, error):
    """Schedule another attempt with backoff, or give up after the last one."""
    with app.app_context():
        mail = db.session.get(Mail, mail_id)
        if mail is None:
            return  # deleted meanwhile (its workshop was deleted)
        mail.last_error = str(error)[:1000]
        if error.permanent or mail.attempts >= app.config["MAIL_MAX_ATTEMPTS"]:
            mail.status, mail.next_attempt_at = "failed", None
        else:
            delay = min(app.config["MAIL_RETRY_SECONDS"] * 2 ** (mail.attempts - 1),
                        MAX_BACKOFF_SECONDS)
            mail.status, mail.next_attempt_at = "pending", utcnow() + timedelta(seconds=delay)
        db.session.commit()
        log.warning("Mail %s not sent (attempt %s): %s", mail_id, mail.attempts, error)


def seconds_to_next(app):
    """Seconds until the next mail falls due (pending, or a lease running out)."""
    with app.app_context():
        soonest = db.session.scalar(select(func.min(Mail.next_attempt_at)).where(
            Mail.status.in_(("pending", "sending"))))
        if db.session.scalar(select(Mail.id).where(
                Mail.status == "pending", Mail.next_attempt_at.is_(None)).limit(1)):
            return 0
    if soonest is None:
        return POLL_SECONDS
    return max(0.2, min(POLL_SECONDS, (soonest - utcnow()).total_seconds()))
