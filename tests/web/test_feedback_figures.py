"""The feedback figures: the console's page and the summary show the same rounded mean."""
from facilitation.extensions import db
from facilitation.models import Participant, Workshop
from facilitation.services import feedback, summaries
from tests.support.sockets import join


def answer(app, workshop, ratings):
    """Each rating given by a participant of its own, in the feedback phase."""
    ids = [join(app, workshop, f"Osallistuja {i}")[0] for i in range(len(ratings))]
    with app.app_context():
        db.session.get(Workshop, workshop["id"]).state = "feedback"
        db.session.commit()
        for pid, rating in zip(ids, ratings):
            feedback.give_feedback(db.session.get(Participant, pid), rating, "  ", "")


def test_the_console_and_the_summary_round_the_mean_alike(app, signed_in, workshop):
    # 16 / 11 = 1.4545…: rounded once, to one decimal, it is 1.5 on both.
    answer(app, workshop, [2] * 5 + [1] * 6)
    page = signed_in.get(f"/console/{workshop['id']}/feedback").get_data(as_text=True)
    assert "keskiarvo 1,5 / 4" in page
    with app.app_context():
        markdown = summaries.current_summary(db.session.get(Workshop, workshop["id"])).markdown
    assert "- Keskiarvo: 1,5 / 4" in markdown
    assert "Tärkein anti" not in markdown  # blank takeaways are no takeaways


def test_halves_round_up_as_people_round():
    assert feedback.mean_rating([4, 3, 3, 3]) == 3.3
    assert feedback.mean_rating([2] * 5 + [1] * 6) == 1.5
    assert feedback.mean_rating([4, 3, 4, 1]) == 3.0
    assert feedback.mean_rating([]) is None
