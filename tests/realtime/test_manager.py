"""The client manager's room index agrees with python-socketio's own search of the rooms.

A broadcast reaches the sockets of a room, so a socket left behind in a room after it
disconnected, or missing from one it joined, is a note lost or sent to the wrong table.
Both managers get the same sequence of joins, leaves, closed rooms and disconnects.
"""
import socketio
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitation.realtime.manager import client_manager

NAMESPACE = "/"
SIDS = [f"sid-{n}" for n in range(5)]
ROOMS = ["workshop:7", "workshop:7:table:1", "workshop:7:table:2",
         "workshop:7:participant:3", "workshop:7:board"]

operations = st.lists(st.one_of(
    st.tuples(st.just("enter"), st.sampled_from(SIDS), st.sampled_from(ROOMS)),
    st.tuples(st.just("leave"), st.sampled_from(SIDS), st.sampled_from(ROOMS)),
    st.tuples(st.just("close"), st.just(None), st.sampled_from(ROOMS)),
    st.tuples(st.just("disconnect"), st.sampled_from(SIDS), st.just(None)),
    st.tuples(st.just("connect"), st.sampled_from(SIDS), st.just(None)),
), max_size=60)


def connect(manager, sid):
    """A socket connects as python-socketio registers it: the namespace room and its own."""
    if manager.rooms.get(NAMESPACE, {}).get(None, {}).get(sid) is None:
        manager.basic_enter_room(sid, NAMESPACE, None, eio_sid="eio-" + sid)
        manager.basic_enter_room(sid, NAMESPACE, sid, eio_sid="eio-" + sid)


def apply(manager, operation):
    """One step on a manager; a socket enters rooms only while it is connected."""
    kind, sid, room = operation
    if kind == "connect":
        connect(manager, sid)
    elif kind == "enter" and manager.rooms.get(NAMESPACE, {}).get(None, {}).get(sid):
        manager.basic_enter_room(sid, NAMESPACE, room)
    elif kind == "leave":
        manager.basic_leave_room(sid, NAMESPACE, room)
    elif kind == "close":
        manager.basic_close_room(room, NAMESPACE)
    elif kind == "disconnect":
        manager.basic_disconnect(sid, NAMESPACE)


@settings(max_examples=300, deadline=None)
@given(operations)
def test_rooms_of_each_socket_agree_with_python_socketio(steps):
    ours, theirs = client_manager(), socketio.Manager()
    for step in steps:
        apply(ours, step)
        apply(theirs, step)
    assert ours.rooms == theirs.rooms
    for sid in SIDS:
        assert sorted(ours.get_rooms(sid, NAMESPACE)) == sorted(theirs.get_rooms(sid, NAMESPACE))


def test_a_disconnected_socket_is_in_no_room_and_the_others_stay():
    manager = client_manager()
    for sid in SIDS[:3]:
        connect(manager, sid)
        manager.basic_enter_room(sid, NAMESPACE, "workshop:7:table:1")
    manager.callbacks[SIDS[0]] = {1: print}  # an ack the server still waits for
    manager.basic_disconnect(SIDS[0], NAMESPACE)
    assert SIDS[0] not in manager.callbacks
    assert manager.get_rooms(SIDS[0], NAMESPACE) == []
    members = {sid for sid, _ in manager.get_participants(NAMESPACE, "workshop:7:table:1")}
    assert members == {SIDS[1], SIDS[2]}
    assert (NAMESPACE, SIDS[0]) not in manager.rooms_of_sid
