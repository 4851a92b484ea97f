"""The HTTP edge's defences: 64-bit URL ids, safe redirect targets, security headers."""
import hmac
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix
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


SETUP_CODE_FILE = "setup_code"


def setup_code(app, announce=print):
    """The one-time code the first-run /setup asks for, made (and announced) once.

    Kept in the instance folder, so every process of one installation asks for the
    same code; whoever can read the server's console or that folder may create the
    first account, a passer-by who reaches /setup first may not.
    """
    path = Path(app.instance_path) / SETUP_CODE_FILE
    if not path.exists():
        path.write_text(secrets.token_hex(5).upper())
        path.chmod(0o600)
        announce(f"First run: open /setup and give the setup code {path.read_text()} "
                 f"(or run: flask --app app facilitator create EMAIL)", flush=True)
    return path.read_text().strip()


def setup_code_matches(app, given):
    """Whether `given` is the setup code (compared in constant time)."""
    given = (given or "").strip().upper().encode()
    return hmac.compare_digest(given, setup_code(app).encode())


def forget_setup_code(app):
    """The first account exists: the code is used up."""
    (Path(app.instance_path) / SETUP_CODE_FILE).unlink(missing_ok=True)


# No inline script or style anywhere (JSON data blocks are not run); nothing from
# another site; Socket.IO's websocket is same-origin, which 'self' covers. No page has a
# <base> or a plugin: `base-uri` and `object-src` do not fall back to default-src.
CSP = ("default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors {ancestors}")


def security_headers(response, frame_origins=()):
    """Add the headers every page carries; `frame_origins` may frame this page (the board)."""
    ancestors = " ".join(frame_origins) or "'none'"
    response.headers.setdefault("Content-Security-Policy", CSP.format(ancestors=ancestors))
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if not frame_origins:
        response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def _page_headers(response):
    """after_request: the headers, letting the configured origins frame the board only."""
    frames = current_app.config.get("BOARD_FRAME_ANCESTORS") or ()
    return security_headers(response, frames if request.blueprint == "board" else ())


def install(app):
    """Put the edge's defences on the app (before its blueprints register routes)."""
    app.url_map.converters["int"] = Int64Converter
    app.after_request(_page_headers)
    # Behind https the session cookie travels only encrypted, and its __Host- name makes
    # browsers refuse it unless it is Secure, for this host alone and the whole path: no
    # sibling subdomain or plain-http page can plant or overwrite it.
    if (app.config.get("PUBLIC_URL") or "").lower().startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["SESSION_COOKIE_NAME"] = "__Host-kahvila"
        app.config["SESSION_COOKIE_DOMAIN"] = None
    proxies = app.config.get("PROXY_COUNT") or 0
    if proxies:
        # The client's address and scheme as the proxies in front saw them (for the
        # throttles and the Origin check); never more hops than are really there.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies,
                                x_host=proxies, x_port=proxies)
