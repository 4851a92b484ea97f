"""Python's garbage collector tuned for one process holding thousands of connections.

A full collection looks at every tracked object; with 2,000 sockets that is
about half a million and takes 200–300 ms, during which eventlet's single
thread stores, broadcasts and acks nothing. Objects that live as long as the
server (modules, the app, connected sockets) are frozen out of the
collector's sight after start-up and again when the connections have
settled, and the young generation is collected less often, so fewer
short-lived objects are promoted to the old ones.
"""
import gc

# Young objects collected after this many allocations (Python's default: 700).
YOUNG_THRESHOLD = 10_000
SETTLE_SECONDS = 30


def refreeze():
    """Collect everything once (frozen objects that died since too), then freeze the survivors."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def tune_collector(socketio):
    """Freeze what start-up made, and refreeze from a background task as connections settle."""
    gc.set_threshold(YOUNG_THRESHOLD, 20, 20)
    refreeze()
    socketio.start_background_task(_settle, socketio)


def connection_count(socketio):
    """Engine.IO sockets open in this process now."""
    return len(socketio.server.eio.sockets)


def should_refreeze(frozen_at, before, now):
    """Whether the connections changed much since the last freeze and little in the last period."""
    settled = abs(now - before) <= max(20, now // 50)
    moved = abs(now - frozen_at) >= max(100, frozen_at // 5)
    return settled and moved


def _settle(socketio):
    """Every SETTLE_SECONDS: refreeze once the room has joined (or left) and is steady."""
    frozen_at = before = connection_count(socketio)
    while True:
        socketio.sleep(SETTLE_SECONDS)
        now = connection_count(socketio)
        if should_refreeze(frozen_at, before, now):
            refreeze()
            frozen_at = now
        before = now
