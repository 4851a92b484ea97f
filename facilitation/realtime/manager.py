"""The Socket.IO client manager: python-socketio's, with each socket's rooms indexed.

python-socketio keeps rooms as `rooms[namespace][room] -> {sid: eio_sid}` and finds the
rooms of one socket by looking through every room of the namespace. Every socket has a
room of its own and every participant one more, so with 2,000 phones a disconnect
looks through over 4,000 rooms, and a Wi-Fi drop of the whole room costs the square of
that. `IndexedRooms` keeps `(namespace, sid) -> rooms` beside python-socketio's rooms,
updated where python-socketio changes them (`basic_enter_room`, `basic_leave_room`),
so a disconnect leaves exactly the socket's own rooms and `rooms()` reads one set.
Written against python-socketio 5.18 (requirements.txt pins the minor);
tests/realtime/test_manager.py checks it against python-socketio's own manager.
"""
import socketio

from ..startup import QUEUE_MODULES

#: python-socketio's queue manager by the driver module a queue URL needs (startup.py
#: knows the module of each scheme, as Flask-SocketIO chooses them); else a Kombu URL.
QUEUES = {"redis": socketio.RedisManager, "valkey": socketio.RedisManager,
          "kafka": socketio.KafkaManager, "zmq": socketio.ZmqManager}


class IndexedRooms:
    """A mixin for a python-socketio manager: each socket's rooms, without a search."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rooms_of_sid = {}  # (namespace, sid) -> the rooms it is in, None included

    def basic_enter_room(self, sid, namespace, room, eio_sid=None):
        """Enter the room (python-socketio), then remember it."""
        super().basic_enter_room(sid, namespace, room, eio_sid=eio_sid)
        self.rooms_of_sid.setdefault((namespace, sid), set()).add(room)

    def basic_leave_room(self, sid, namespace, room):
        """Leave the room (python-socketio), then forget it."""
        super().basic_leave_room(sid, namespace, room)
        joined = self.rooms_of_sid.get((namespace, sid))
        if joined is not None:
            joined.discard(room)
            if not joined:
                del self.rooms_of_sid[(namespace, sid)]

    def get_rooms(self, sid, namespace):
        """The named rooms the socket is in."""
        return [room for room in self.rooms_of_sid.get((namespace, sid), ()) if room is not None]

    def basic_disconnect(self, sid, namespace, **kwargs):
        """Forget a socket: its rooms, its pending acks, its place in the pending lists.

        python-socketio's own does the same after looking through every room.
        """
        if namespace not in self.rooms:
            return
        for room in list(self.rooms_of_sid.get((namespace, sid), ())):
            self.basic_leave_room(sid, namespace, room)
        self.callbacks.pop(sid, None)
        for pending in (self.pending_connect, self.pending_disconnect):
            if sid in pending.get(namespace, ()):
                pending[namespace].remove(sid)
                if not pending[namespace]:
                    del pending[namespace]


def client_manager(url=None, channel="flask-socketio"):
    """The manager for one process (no URL) or for processes joined by a message queue."""
    if not url:
        return type("IndexedManager", (IndexedRooms, socketio.Manager), {})()
    queue = QUEUES.get(QUEUE_MODULES.get(url.split("://", 1)[0]), socketio.KombuManager)
    return type("Indexed" + queue.__name__, (IndexedRooms, queue), {})(url, channel=channel)
