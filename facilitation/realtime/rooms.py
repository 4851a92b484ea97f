"""The one place that spells Socket.IO room names; never from text a user typed."""


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


def audience_rooms(workshop_id, audience, table_id=None):
    """The rooms an event of this audience goes to."""
    if audience == "all":
        return [workshop_room(workshop_id)]
    if audience == "table":
        return [table_room(workshop_id, table_id), board_room(workshop_id),
                console_room(workshop_id)]
    if audience == "console":
        return [console_room(workshop_id)]
    if audience == "screens":
        return [board_room(workshop_id), console_room(workshop_id)]
    raise ValueError(f"unknown audience {audience!r}")
