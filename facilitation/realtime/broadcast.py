"""The single place through which every announcement leaves the server."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..extensions import socketio
from ..services.events import Broadcast
from .rooms import audience_rooms, facilitator_room, participant_room


def announce(*broadcasts: Broadcast) -> None:
    """Emit committed events to their rooms, each carrying its sequence number.

    Call only after the commit: a client must never see a change that a
    crash could still undo.
    """
    for event in broadcasts:
        rooms = audience_rooms(event.workshop_id, event.audience, event.table_id)
        socketio.emit(event.name, event.data, to=rooms)


def notify_participant(workshop_id: int, participant_id: int, name: str,
                       payload: dict[str, Any]) -> None:
    """A notice for one participant's own sockets (not recorded: it is about them alone)."""
    socketio.emit(name, payload, to=participant_room(workshop_id, participant_id))


def disconnect_participant(workshop_id: int, participant_id: int) -> None:
    """Close the sockets this process holds for one participant."""
    _disconnect_room(participant_room(workshop_id, participant_id))


def _disconnect_room(room: str) -> None:
    """Close the sockets this process holds in a room."""
    for sid, _ in list(socketio.server.manager.get_participants("/", room)):
        socketio.server.disconnect(sid, namespace="/")


class SocketIOPublisher:
    """The publisher the factory registers: services' committed events go out over Socket.IO."""

    def publish(self, broadcasts: Sequence[Broadcast]) -> None:
        """Emit the committed events to their rooms."""
        announce(*broadcasts)

    def notify(self, workshop_id: int, participant_id: int, name: str,
               payload: dict[str, Any]) -> None:
        """Emit a notice to one participant's sockets."""
        notify_participant(workshop_id, participant_id, name, payload)

    def disconnect(self, workshop_id: int, participant_id: int) -> None:
        """Close one participant's sockets."""
        disconnect_participant(workshop_id, participant_id)

    def disconnect_facilitator(self, facilitator_id: int) -> None:
        """Close one facilitator's console sockets."""
        _disconnect_room(facilitator_room(facilitator_id))
