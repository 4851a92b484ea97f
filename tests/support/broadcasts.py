"""A publisher for the services that records what they publish, and checks it was committed."""
from sqlalchemy import select

from facilitation.extensions import db
from facilitation.models import Event


class Broadcasts:
    """A publisher that records what the services publish and passes it on to the real one.

    It also checks, on a connection of its own, that each event was committed
    before it was published.
    """

    def __init__(self, forward):
        self.forward = forward
        self.published, self.notices, self.disconnected = [], [], []

    def publish(self, broadcasts):
        """Record the events (after checking they are committed) and emit them."""
        with db.engine.connect() as connection:
            for event in broadcasts:
                stored = connection.scalar(select(Event.type).where(
                    Event.workshop_id == event.workshop_id, Event.seq == event.seq))
                assert stored == event.name, f"{event.name} published before its commit"
        self.published.extend(broadcasts)
        self.forward.publish(broadcasts)

    def notify(self, workshop_id, participant_id, name, payload):
        """Record a notice to one participant and send it."""
        self.notices.append((workshop_id, participant_id, name, payload))
        self.forward.notify(workshop_id, participant_id, name, payload)

    def disconnect(self, workshop_id, participant_id):
        """Record closing one participant's sockets and close them."""
        self.disconnected.append((workshop_id, participant_id))
        self.forward.disconnect(workshop_id, participant_id)

    def disconnect_facilitator(self, facilitator_id):
        """Record closing a facilitator's console sockets and close them."""
        self.disconnected.append(("facilitator", facilitator_id))
        self.forward.disconnect_facilitator(facilitator_id)

    def seen(self, *names):
        """The published events (of these names, or all) as (name, audience, table_id, payload)."""
        return [(b.name, b.audience, b.table_id, b.payload) for b in self.published
                if not names or b.name in names]
