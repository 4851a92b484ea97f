"""The mail page's progress as JSON, read again whenever its live connection (re)opens."""
from flask import jsonify
from flask_login import login_required
from sqlalchemy import select

from ..extensions import db
from ..mail.progress import mail_counts, mail_dict
from ..models import Mail
from . import bp
from .routes import own_or_404


@bp.get("/console/<int:workshop_id>/mail/progress.json")
@login_required
def mail_progress(workshop_id):
    """`{counts, mails}`: every mail of the workshop with its status, as `mail:changed` has it."""
    workshop = own_or_404(workshop_id)
    mails = db.session.scalars(select(Mail).where(Mail.workshop_id == workshop.id)
                               .order_by(Mail.id)).all()
    return jsonify(ok=True, counts=mail_counts(workshop.id), mails=[mail_dict(m) for m in mails])
