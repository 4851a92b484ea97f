"""Who speaks in a request: a participant's phone, the projected board or the console."""
from __future__ import annotations

from dataclasses import dataclass

from ..models import Participant, Workshop

ROLES = ("participant", "board", "console")


@dataclass(frozen=True)
class Actor:
    """The speaker of one request, as re-read from the database.

    `workshop` is always the workshop spoken to; `participant` is set for a
    phone, `facilitator_id` for the console (the facilitator who owns it).
    """

    role: str
    workshop: Workshop
    participant: Participant | None = None
    facilitator_id: int | None = None

    @classmethod
    def for_participant(cls, participant: Participant) -> Actor:
        """A participant speaking from their phone."""
        return cls("participant", participant.workshop, participant=participant)

    @classmethod
    def for_console(cls, workshop: Workshop, facilitator_id: int | None = None) -> Actor:
        """The facilitator at the console of their workshop."""
        return cls("console", workshop,
                   facilitator_id=workshop.facilitator_id if facilitator_id is None
                   else facilitator_id)

    @classmethod
    def for_board(cls, workshop: Workshop) -> Actor:
        """The projected board of a workshop."""
        return cls("board", workshop)
