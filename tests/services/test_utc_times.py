"""Times come back from the database aware and in UTC, whatever zone they were written in."""
from datetime import datetime, timedelta, timezone

from facilitation.extensions import db
from facilitation.models import Note, Workshop
from facilitation.services import notes
from facilitation.services.participants import active_participant
from tests.support.sockets import join

HELSINKI_SUMMER = timezone(timedelta(hours=3))


def test_a_time_written_in_helsinki_time_reads_back_as_the_same_instant_in_utc(app, workshop):
    with app.app_context():
        w = db.session.get(Workshop, workshop["id"])
        w.phase_ends_at = datetime(2026, 6, 11, 14, 30, tzinfo=HELSINKI_SUMMER)
        db.session.commit()
        db.session.expunge_all()
        stored = db.session.get(Workshop, workshop["id"]).phase_ends_at
    assert stored.tzinfo is timezone.utc
    assert stored == datetime(2026, 6, 11, 11, 30, tzinfo=timezone.utc)


def test_stamps_read_back_aware_so_they_compare_with_now(app, workshop):
    person_id, _ = join(app, workshop, "Åsa Lindström")
    with app.app_context():
        note_id = notes.add_note(active_participant(person_id), "c1",
                                 "Työllisyyspalveluiden yhteensovittaminen")[0].id
        db.session.expunge_all()
        stored = db.session.get(Note, note_id)
        assert stored.created_at.tzinfo is timezone.utc
        assert timedelta(0) <= datetime.now(timezone.utc) - stored.created_at


def test_a_naive_time_is_taken_as_utc(app, workshop):
    with app.app_context():
        w = db.session.get(Workshop, workshop["id"])
        w.phase_ends_at = datetime(2026, 6, 11, 11, 30)
        db.session.commit()
        db.session.expunge_all()
        stored = db.session.get(Workshop, workshop["id"]).phase_ends_at
    assert stored == datetime(2026, 6, 11, 11, 30, tzinfo=timezone.utc)
