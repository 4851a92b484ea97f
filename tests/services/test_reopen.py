"""A closed workshop can be reopened by its facilitator while its data is kept."""
from datetime import timedelta

import pytest
from sqlalchemy import update

from facilitation.errors import DomainError
from facilitation.extensions import db
from facilitation.models import Event, Workshop
from facilitation.services import participants, rounds
from tests.support.sockets import board, received


def test_a_closed_workshop_reopens_at_feedback_and_every_screen_hears(app, workshop):
    projector = board(app, workshop)
    with app.app_context():
        w = db.session.get(Workshop, workshop["id"])
        with pytest.raises(DomainError) as running:
            rounds.reopen(w)
        assert running.value.code == "workshop_not_closed"
        rounds.close(w)
        with pytest.raises(DomainError):
            participants.join(w, "Myöhäinen")
        projector.get_received()
        rounds.reopen(w)
        assert w.state == "feedback"
        participants.join(w, "Myöhäinen Työllisyyspalveluiden")  # open again
    [changed] = received(projector, "phase:changed")
    assert changed["phase"]["state"] == "feedback"


def test_after_the_retention_period_it_stays_closed(app, workshop):
    with app.app_context():
        w = db.session.get(Workshop, workshop["id"])
        rounds.close(w)
        days = app.config["MAIL_RETENTION_DAYS"]
        db.session.execute(update(Event).where(Event.workshop_id == w.id).values(
            created_at=rounds.now() - timedelta(days=days + 1)))
        db.session.commit()
        with pytest.raises(DomainError) as late:
            rounds.reopen(w)
        assert late.value.code == "reopen_expired" and late.value.params == {"days": days}
        assert db.session.get(Workshop, workshop["id"]).state == "closed"
