"""Presence in this process's memory: which sockets belong to whom, flushed every second.

A connect or disconnect only changes a dict here: no database write and no
sequence number, so a whole room reconnecting after a Wi-Fi drop costs
nothing on the note path. A background task (`start_presence`) writes the
changed counts and this process's heartbeat (`services/presence.py`),
expires dead processes, and tells each console of this process the set of
participants online, at most once a tick and only when it changed.
"""
import logging
import os
import socket
from collections import Counter

from flask import current_app

from ..extensions import socketio
from ..services import presence as stored

log = logging.getLogger(__name__)


class Tracker:
    """This process's sockets: participants' connection counts and the consoles to tell."""

    def __init__(self, process_id):
        self.process_id = process_id
        self.sockets = {}  # sid -> (workshop_id, participant_id)
        self.counts = Counter()  # (workshop_id, participant_id) -> open sockets here
        self.dirty = set()  # keys whose count changed since the last flush
        self.consoles = {}  # sid -> [workshop_id, the online set it was last told, or None]

    def opened(self, sid, identity):
        """Any socket opened with this identity (the socket's session at connect)."""
        if identity["role"] == "participant":
            self.connected(sid, identity["workshop_id"], identity["participant_id"])
        elif identity["role"] == "console":
            self.console_connected(sid, identity["workshop_id"])

    def connected(self, sid, workshop_id, participant_id):
        """A participant's socket opened in this process."""
        key = (workshop_id, participant_id)
        self.sockets[sid] = key
        self.counts[key] += 1
        self.dirty.add(key)

    def console_connected(self, sid, workshop_id):
        """A console socket opened: it is told of presence from now on."""
        self.consoles[sid] = [workshop_id, None]

    def told(self, sid, online):
        """The console was shown this online set (a snapshot), or None: tell it again."""
        if sid in self.consoles:
            self.consoles[sid][1] = online

    def disconnected(self, sid):
        """Any socket closed; a participant's count goes down."""
        self.consoles.pop(sid, None)
        key = self.sockets.pop(sid, None)
        if key is not None:
            self.counts[key] -= 1
            if self.counts[key] <= 0:
                del self.counts[key]
            self.dirty.add(key)

    def local_online(self, workshop_id):
        """The workshop's participants with a socket open in this process."""
        return {p for (w, p) in self.counts if w == workshop_id}

    def take_changes(self):
        """The changed counts since the last flush ({key: count}); forgets them."""
        changes = {key: self.counts.get(key, 0) for key in self.dirty}
        self.dirty = set()
        return changes

    def give_back(self, changes):
        """A flush failed: the keys stay to be written next time."""
        self.dirty |= set(changes)


def default_process_id():
    """This process's name in the presence table when no server set one."""
    return f"{socket.gethostname()}:pid{os.getpid()}"


def tracker(app=None):
    """This app's presence tracker (one per app, so that test apps never share counts)."""
    app = app or current_app
    if "kahvila.presence" not in app.extensions:
        process_id = app.config.get("PRESENCE_PROCESS_ID") or default_process_id()
        app.extensions["kahvila.presence"] = Tracker(process_id)
    return app.extensions["kahvila.presence"]


def online_ids(workshop_id):
    """Participants online now: this process's memory plus the other live processes' rows."""
    mine = tracker()
    others = stored.online_ids(workshop_id, current_app.config["PRESENCE_TIMEOUT_SECONDS"],
                               exclude_process=mine.process_id)
    return others | mine.local_online(workshop_id)


def tick(app):
    """One round of the background task: flush, expire the dead, tell the consoles."""
    with app.app_context():
        mine, timeout = tracker(app), app.config["PRESENCE_TIMEOUT_SECONDS"]
        changes = mine.take_changes()
        try:
            stored.flush(mine.process_id, changes)
        except Exception:
            mine.give_back(changes)
            raise
        stored.expire(timeout)
        _tell_consoles(mine)


def _tell_consoles(mine):
    """Send each console of this process the online set when it differs from what it has."""
    sets = {}
    for sid, entry in list(mine.consoles.items()):
        workshop_id, last = entry
        if workshop_id not in sets:
            sets[workshop_id] = online_ids(workshop_id)
        if last != sets[workshop_id]:
            socketio.emit("presence:changed", {"online": sorted(sets[workshop_id])}, to=sid)
            entry[1] = sets[workshop_id]


def start_presence(app):
    """Clear what a previous run of this process left, then flush every tick (once per app)."""
    if app.extensions.get("kahvila.presence_task"):
        return
    app.extensions["kahvila.presence_task"] = True
    with app.app_context():
        stored.clear_process(tracker(app).process_id)
    tick(app)  # the heartbeat at once: other processes see this one alive
    socketio.start_background_task(_run, app)


def _run(app):
    """Tick until the process ends; a failing database moment is logged and retried."""
    while True:
        socketio.sleep(app.config["PRESENCE_FLUSH_SECONDS"])
        try:
            tick(app)
        except Exception:  # the task must outlive a broken database moment
            log.exception("Presence could not be flushed; trying again at the next tick.")
