"""The HTTP edge's defences: 64-bit URL ids, safe redirect targets, security headers."""
from urllib.parse import urlsplit

from werkzeug.routing import IntegerConverter

from .validation import INT_MAX


class Int64Converter(IntegerConverter):
    """`<int:…>` in URLs, up to the largest id a database column holds: beyond it, 404."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", INT_MAX)
        super().__init__(map, *args, **kwargs)


def safe_next(target, fallback):
    """`target` when it is a path on this site, else `fallback`.

    Browsers drop tabs and newlines and read a backslash as a slash, so
    "/\\t/evil.example" would travel as "//evil.example": the target is normalised
    the way a browser reads it before it is judged, and control characters refuse it.
    """
    if not isinstance(target, str) or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return fallback
    seen = target.replace("\\", "/")
    parts = urlsplit(seen)
    if not seen.startswith("/") or seen.startswith("//") or parts.scheme or parts.netloc:
        return fallback
    return target


def install(app):
    """Put the edge's defences on the app (before its blueprints register routes)."""
    app.url_map.converters["int"] = Int64Converter
