"""The shared timer as plain arithmetic: the server keeps when a phase ends.

A running timer is an end time; a paused one is the seconds that were left.
Clients count down from the end time and the server's clock, so phones, the
board and the console agree and survive reloads.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone


@dataclass(frozen=True)
class Timer:
    """When the phase ends (running), or the seconds left (paused), or neither (untimed)."""

    ends_at: datetime | None = None
    paused_remaining: float | None = None

    @property
    def paused(self):
        """True while paused."""
        return self.paused_remaining is not None

    @property
    def timed(self):
        """True when the phase has a timer at all."""
        return self.ends_at is not None or self.paused


def as_utc(moment):
    """A datetime in UTC; naive ones (as SQLite returns them) are taken as UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def start(seconds, now):
    """A timer running for `seconds` from now; none when seconds is 0."""
    return Timer(ends_at=now + timedelta(seconds=seconds)) if seconds > 0 else Timer()


def remaining(timer, now):
    """Seconds left, never below zero."""
    if timer.paused:
        return timer.paused_remaining
    if timer.ends_at is None:
        return 0.0
    return max(0.0, (as_utc(timer.ends_at) - now).total_seconds())


def pause(timer, now):
    """Stop the clock, keeping what was left."""
    if timer.paused or timer.ends_at is None:
        return timer
    return Timer(paused_remaining=remaining(timer, now))


def resume(timer, now):
    """Start the clock again from what was left."""
    if not timer.paused:
        return timer
    return Timer(ends_at=now + timedelta(seconds=timer.paused_remaining))


def extend(timer, seconds, now):
    """Add time; a timer that already ran out restarts from now."""
    if timer.paused:
        return Timer(paused_remaining=timer.paused_remaining + seconds)
    return Timer(ends_at=now + timedelta(seconds=remaining(timer, now) + seconds))


def describe(timer, now):
    """The timer as clients get it: end time, seconds left, paused, and the server's now."""
    return {"ends_at": as_utc(timer.ends_at).isoformat() if timer.ends_at else None,
            "remaining": round(remaining(timer, now), 3), "paused": timer.paused,
            "server_now": now.isoformat()}
