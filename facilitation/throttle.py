"""Throttles against guessing: sign-in attempts and join codes.

Counted in this process's memory (the rate limiter of realtime/limits.py), per client
address and per account or for the whole server; several processes each count their
own. Behind a proxy the address is the client's only with PROXY_COUNT set.
"""
import math

from flask import current_app, request

from .errors import DomainError
from .realtime.limits import limiter


class Throttled(DomainError):
    """Too many attempts; `retry_after` is how many seconds to wait."""

    def __init__(self, retry_after):
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__("too_many_attempts", minutes=minutes)
        self.retry_after = max(1, math.ceil(retry_after))


def _buckets(kind, keys):
    """The (bucket key, per second, burst) of each key for a kind of attempt."""
    config = current_app.config
    for scope, key in keys:
        name = f"{kind}_{scope}".upper()
        yield ((kind, scope, key), config[f"{name}_PER_MINUTE"] / 60, config[f"{name}_BURST"])


def refuse_when_throttled(kind, keys):
    """Raise Throttled when any bucket of these keys is empty."""
    wait = max((limiter().wait(*bucket) for bucket in _buckets(kind, keys)), default=0)
    if wait > 0:
        raise Throttled(wait)


def count_attempt(kind, keys):
    """Take one token from each bucket (a failed sign-in, an unknown code)."""
    for bucket in _buckets(kind, keys):
        limiter().allow(*bucket)


def address():
    """The client's address (the proxy's client with PROXY_COUNT set)."""
    return request.remote_addr or "unknown"


def login_keys(email):
    """Sign-in attempts count per address and per account."""
    return [("address", address()), ("account", (email or "").strip().lower())]


def code_keys():
    """Join-code look-ups count per address and for the whole server."""
    return [("address", address()), ("server", "all")]


def workshop_by_guess(code):
    """The workshop with this join code, counting unknown codes against the guesser.

    Raises Throttled (before looking) once the address or the server has had too many
    unknown codes, so that a right guess is refused too.
    """
    from .services.workshops import workshop_by_code

    keys = code_keys()
    refuse_when_throttled("code", keys)
    try:
        return workshop_by_code(code)
    except DomainError:
        count_attempt("code", keys)
        raise


def throttled_page(error):
    """The translated 429 page for a Throttled error, with Retry-After."""
    from flask import make_response, render_template

    from .errors import error_message

    response = make_response(render_template(
        "error.html", status=429, message=error_message(error.code, **error.params)), 429)
    response.headers["Retry-After"] = str(error.retry_after)
    return response
