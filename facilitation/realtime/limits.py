"""Per-person rate limits for Socket.IO events, kept in this process's memory."""
import time

from flask import current_app

from ..errors import DomainError


class RateLimiter:
    """Token buckets: `burst` at once, refilled at `per_second`."""

    def __init__(self):
        self._buckets = {}

    def allow(self, key, per_second, burst):
        """Take one token for key; False when its bucket is empty."""
        now = time.monotonic()
        tokens, last = self._buckets.get(key, (burst, now))
        tokens = min(burst, tokens + (now - last) * per_second)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1, now)
        return True

    def wait(self, key, per_second, burst):
        """Seconds until key's bucket holds a token again (0 when it holds one now)."""
        tokens, last = self._buckets.get(key, (burst, time.monotonic()))
        tokens = min(burst, tokens + (time.monotonic() - last) * per_second)
        return 0 if tokens >= 1 else (1 - tokens) / per_second

    def forget(self, key):
        """Drop a key's bucket (when its socket goes away)."""
        self._buckets.pop(key, None)


def limiter():
    """This app's rate limiter (one per app, so that apps never share counts)."""
    return current_app.extensions.setdefault("kahvila.limiter", RateLimiter())


def check_rate(kind, key):
    """Raise `rate_limited` when this person sends more `kind` than the settings allow."""
    config = current_app.config
    per_minute, burst = config[f"{kind.upper()}_RATE_PER_MINUTE"], config[f"{kind.upper()}_BURST"]
    if not limiter().allow((kind, key), per_minute / 60, burst):
        raise DomainError("rate_limited")
