"""A table host's themes page on the phone: group the table's notes into themes.

The page is the console's themes page for one table; its script reads the data with the
participant's token and changes themes over Socket.IO, where the services check that the
person hosts the table.
"""
from flask import render_template

from ..page_strings import theme_strings
from ..services.themes import host_themes_view
from ..web import as_participant, workshop_or_404
from . import bp


@bp.get("/w/<code>/themes")
def host_themes_page(code):
    """The host's themes page (its data comes from `themes.json` with the token)."""
    return render_template("themes.html", workshop=workshop_or_404(code), host=True,
                           strings=theme_strings())


@bp.get("/w/<code>/themes.json")
def host_themes_json(code):
    """The host's table: its topic, its notes and its themes; 403 for anyone not hosting."""
    return as_participant(code, lambda person, _data: host_themes_view(person))
