"""Timer arithmetic: pause, resume and extend keep the time people were promised."""
from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from facilitation import timer

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)
seconds = st.floats(min_value=0, max_value=4 * 3600, allow_nan=False)


def at(offset):
    """A moment `offset` seconds after T0."""
    return T0 + timedelta(seconds=offset)


def test_a_started_round_counts_down_to_zero_and_no_further():
    running = timer.start(20 * 60, T0)
    assert timer.remaining(running, at(60)) == 19 * 60
    assert timer.remaining(running, at(21 * 60)) == 0


def test_a_phase_without_minutes_has_no_timer():
    untimed = timer.start(0, T0)
    assert not untimed.timed and timer.remaining(untimed, at(5)) == 0


@given(total=st.integers(min_value=1, max_value=7200), before=seconds, paused_for=seconds,
       after=seconds)
def test_time_spent_paused_is_not_counted(total, before, paused_for, after):
    running = timer.start(total, T0)
    paused = timer.pause(running, at(before))
    assert timer.remaining(paused, at(before + paused_for)) == timer.remaining(running, at(before))
    resumed = timer.resume(paused, at(before + paused_for))
    expected = max(0.0, total - before - after) if before < total else 0.0
    # Datetimes keep microseconds: each step may round by one.
    assert abs(timer.remaining(resumed, at(before + paused_for + after)) - expected) < 1e-5


@given(total=st.integers(min_value=1, max_value=7200), when=seconds,
       extra=st.integers(min_value=1, max_value=3600))
def test_extending_adds_exactly_the_extra_time(total, when, extra):
    running = timer.start(total, T0)
    extended = timer.extend(running, extra, at(when))
    assert abs(timer.remaining(extended, at(when)) - (timer.remaining(running, at(when)) + extra)) < 1e-5


def test_extending_a_paused_timer_keeps_it_paused():
    paused = timer.pause(timer.start(600, T0), at(100))
    extended = timer.extend(paused, 60, at(200))
    assert extended.paused and timer.remaining(extended, at(9999)) == 560


def test_clients_get_the_end_time_and_the_servers_clock():
    described = timer.describe(timer.start(90, T0), at(30))
    assert described == {"ends_at": "2026-11-25T09:01:30+00:00", "remaining": 60.0,
                         "paused": False, "server_now": "2026-11-25T09:00:30+00:00"}


def test_a_naive_time_from_the_database_is_read_as_utc():
    naive = timer.Timer(ends_at=datetime(2026, 11, 25, 9, 10))
    assert timer.remaining(naive, T0) == 600
