"""Socket.IO events that group notes into themes: from the console, or a table's host.

The facilitator may change any theme of their workshop; a host only the themes of
the table they host (the services check it). A table's theme is broadcast to that
table, the board and the console; a topic's theme to the console only.
"""
from ..extensions import socketio
from ..realtime.guard import event_handler, require_int
from ..services import theme_ranking, themes
from ..services.themes import theme_dict

THEMERS = ("console", "participant")


@socketio.on("theme:create")
@event_handler(THEMERS)
def on_theme_create(actor, data):
    """Console or host makes a theme of `note_ids`; `theme:changed` for it and each they left."""
    theme = themes.create_theme(actor, data.get("label"), data.get("topic_id"),
                                data.get("table_id"), data.get("note_ids"))
    return {"theme": theme_dict(theme)}


@socketio.on("theme:rename")
@event_handler(THEMERS)
def on_theme_rename(actor, data):
    """Console or host renames a theme; broadcast `theme:changed {theme}`; ack `{theme}`."""
    theme = themes.rename_theme(actor, require_int(data, "theme_id"), data.get("label"))
    return {"theme": theme_dict(theme)}


@socketio.on("theme:assign")
@event_handler(THEMERS)
def on_theme_assign(actor, data):
    """Console or host moves `note_ids` into a theme; `theme:changed` for it and each they left."""
    theme = themes.assign_notes(actor, require_int(data, "theme_id"), data.get("note_ids"))
    return {"theme": theme_dict(theme)}


@socketio.on("theme:unassign")
@event_handler(THEMERS)
def on_theme_unassign(actor, data):
    """Console or host takes `note_ids` out of their themes; `theme:changed` for each of those."""
    left = themes.unassign_notes(actor, data.get("note_ids"))
    return {"themes": [theme_dict(t) for t in left]}


@socketio.on("theme:merge")
@event_handler(THEMERS)
def on_theme_merge(actor, data):
    """Console or host merges `source_id` into `target_id`; `theme:changed`, `theme:deleted`."""
    theme = themes.merge_themes(actor, require_int(data, "source_id"),
                                require_int(data, "target_id"))
    return {"theme": theme_dict(theme)}


@socketio.on("theme:split")
@event_handler(THEMERS)
def on_theme_split(actor, data):
    """Console or host moves `note_ids` of a theme into a new one; `theme:changed` for both."""
    new = themes.split_theme(actor, require_int(data, "theme_id"), data.get("note_ids"),
                             data.get("label"))
    return {"theme": theme_dict(new)}


@socketio.on("theme:delete")
@event_handler(THEMERS)
def on_theme_delete(actor, data):
    """Console or host ungroups a theme (its notes stay); broadcast `theme:deleted {theme_id}`."""
    theme_id = require_int(data, "theme_id")
    themes.delete_theme(actor, theme_id)
    return {"theme_id": theme_id}


@socketio.on("theme:accept")
@event_handler(THEMERS)
def on_theme_accept(actor, data):
    """Console or host keeps a suggested theme; broadcast `theme:changed {theme}`; ack `{theme}`."""
    return {"theme": theme_dict(themes.accept_theme(actor, require_int(data, "theme_id")))}


@socketio.on("themes:suggest")
@event_handler(THEMERS)
def on_themes_suggest(actor, data):
    """Console or host asks for suggestions; `theme:changed` for each new one; ack `{themes}`."""
    found = themes.suggest_themes(actor, data.get("topic_id"), data.get("table_id"))
    return {"themes": [theme_dict(t) for t in found]}


@socketio.on("themes:rank")
@event_handler(THEMERS)
def on_themes_rank(actor, data):
    """Host (their table) or console (`topic_id` or all): what the machine offers to gather.

    Ack `{likely: {note id: [theme ids]}, labels: {theme id: label}, merges: [[a, b, score]]}`.
    """
    return theme_ranking.rank_themes(actor, data.get("topic_id"))
