"""QR codes as SVG, and the absolute links they encode."""
import io

import segno
from flask import Response, current_app, url_for


def public_url(endpoint, **values):
    """An absolute link for phones: PUBLIC_URL when set (the address on the venue's Wi-Fi)."""
    base = current_app.config.get("PUBLIC_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def svg_response(link):
    """An SVG QR code for the link, dark on white so any phone camera reads it."""
    buffer = io.BytesIO()
    # A standalone SVG with its namespace: an <img> shows nothing without it.
    segno.make(link, error="m").save(buffer, kind="svg", scale=8, border=2, dark="#1d1b19",
                                     light="#ffffff", xmldecl=False, omitsize=True)
    response = Response(buffer.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
