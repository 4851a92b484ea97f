"""Presence in the database: each process's connection counts and its heartbeat.

A process keeps its sockets in memory (`realtime/presence.py`) and writes its
counts here every second or so, one row per (process, participant). A process
whose heartbeat is older than the timeout has died: its rows no longer count
and are deleted by whichever process notices first. So the console's figures
are the sum over live processes, right across restarts, crashes and a second
process starting.
"""
import time

from sqlalchemy import delete, select, update

from ..extensions import db
from ..models import Presence, PresenceProcess


def clear_process(process_id):
    """Forget the rows a previous run of this same process left (at start-up)."""
    db.session.execute(delete(Presence).where(Presence.process_id == process_id))
    db.session.execute(delete(PresenceProcess).where(PresenceProcess.id == process_id))
    db.session.commit()


def flush(process_id, counts, now=None):
    """Write this process's changed counts ({(workshop, participant): n}) and its heartbeat.

    Only this process writes its own rows, so update-then-insert needs no lock.
    """
    now = time.time() if now is None else now
    _upsert(PresenceProcess, {"id": process_id}, {"heartbeat": now})
    for (workshop_id, participant_id), count in counts.items():
        key = {"process_id": process_id, "participant_id": participant_id}
        if count > 0:
            _upsert(Presence, key, {"workshop_id": workshop_id, "connections": count})
        else:
            db.session.execute(delete(Presence).filter_by(**key))
    db.session.commit()


def _upsert(model, key, values):
    """Update the row with this key, or insert it when there is none."""
    done = db.session.execute(update(model).filter_by(**key).values(**values))
    if done.rowcount == 0:
        db.session.execute(model.__table__.insert().values(**key, **values))


def expire(timeout, now=None):
    """Delete the rows of processes whose heartbeat is older than `timeout` seconds.

    Returns how many processes were found dead.
    """
    cutoff = (time.time() if now is None else now) - timeout
    dead = list(db.session.scalars(select(PresenceProcess.id)
                                   .where(PresenceProcess.heartbeat < cutoff)))
    if dead:
        db.session.execute(delete(Presence).where(Presence.process_id.in_(dead)))
        db.session.execute(delete(PresenceProcess).where(PresenceProcess.id.in_(dead)))
    db.session.commit()
    return len(dead)


def online_ids(workshop_id, timeout, exclude_process=None, now=None):
    """Participants of the workshop with a connection in a live process.

    `exclude_process` leaves out a process whose own counts the caller has
    fresher in memory.
    """
    cutoff = (time.time() if now is None else now) - timeout
    query = (select(Presence.participant_id).distinct()
             .join(PresenceProcess, PresenceProcess.id == Presence.process_id)
             .where(Presence.workshop_id == workshop_id, Presence.connections > 0,
                    PresenceProcess.heartbeat >= cutoff))
    if exclude_process is not None:
        query = query.where(Presence.process_id != exclude_process)
    return set(db.session.scalars(query))
