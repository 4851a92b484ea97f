"""The one place that spells Socket.IO room names; never from text a user typed.

And the one table of which role sees which audience: broadcasts go to the rooms of
the roles that see an event's audience, a socket joins its role's rooms, replay after
a reconnect and the snapshot give a socket what its role sees.
"""

# "all": every screen; "table": that table's phones, the board and the console;
# "screens": the board and the console; "console": the console alone.
# A phone sees the "table" events of the table it sits at only.
AUDIENCES = {
    "participant": ("all", "table"),
    "board": ("all", "table", "screens"),
    "console": ("all", "table", "screens", "console"),
}


def workshop_room(workshop_id):
    """Every connected screen of a workshop: phones, board and console."""
    return f"workshop:{workshop_id}"


def table_room(workshop_id, table_id):
    """The phones seated at one table."""
    return f"workshop:{workshop_id}:table:{table_id}"


def board_room(workshop_id):
    """The projected boards."""
    return f"workshop:{workshop_id}:board"


def console_room(workshop_id):
    """The facilitator consoles."""
    return f"workshop:{workshop_id}:console"


def facilitator_room(facilitator_id):
    """Every console socket of one facilitator (closed when they sign out)."""
    return f"facilitator:{facilitator_id}"


def participant_room(workshop_id, participant_id):
    """Every socket of one participant (notices meant for them alone)."""
    return f"workshop:{workshop_id}:participant:{participant_id}"


def _role_room(role, workshop_id, table_id=None):
    """The room through which a role's sockets hear of the audiences it sees."""
    if role == "participant":
        return table_room(workshop_id, table_id)
    return board_room(workshop_id) if role == "board" else console_room(workshop_id)


def audience_rooms(workshop_id, audience, table_id=None):
    """The rooms an event of this audience goes to: those of every role that sees it."""
    roles = [role for role, seen in AUDIENCES.items() if audience in seen]
    if not roles:
        raise ValueError(f"unknown audience {audience!r}")
    # Seen by every role: one room; but a "table" event reaches that table's phones only.
    if len(roles) == len(AUDIENCES) and audience != "table":
        return [workshop_room(workshop_id)]
    return [_role_room(role, workshop_id, table_id) for role in roles]


def rooms_of(role, workshop_id, participant_id=None, table_id=None):
    """The rooms a socket of this role joins when it connects."""
    if role != "participant":
        return [workshop_room(workshop_id), _role_room(role, workshop_id)]
    rooms = [workshop_room(workshop_id), participant_room(workshop_id, participant_id)]
    if table_id:
        rooms.append(table_room(workshop_id, table_id))
    return rooms


def visible(role, table_id=None):
    """Which recorded events a socket of this role may be replayed (for `events_since`)."""
    if role != "participant":
        return {"audiences": AUDIENCES[role]}
    if table_id is None:  # seated nowhere: no table's events
        return {"audiences": tuple(a for a in AUDIENCES[role] if a != "table")}
    return {"audiences": AUDIENCES[role], "table_id": table_id}
