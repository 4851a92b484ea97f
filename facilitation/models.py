"""The database models: one workshop and everything that happens in it."""
from datetime import date, datetime, timezone

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .extensions import db


def utcnow():
    """Now, timezone-aware, for created/updated stamps."""
    return datetime.now(timezone.utc)


class Facilitator(UserMixin, db.Model):
    """A person who prepares and runs workshops; the only kind of account."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Part of the id kept in the session cookie: signing out raises it, so that every
    # copy of an older cookie stops working (Flask-Login's alternative id).
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")

    def get_id(self):
        """Flask-Login: the session's id, `<id>:<generation>`."""
        return f"{self.id}:{self.session_generation}"


class Workshop(db.Model):
    """One café event: its join code, settings, state and event counter."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(6), unique=True)
    board_key: Mapped[str] = mapped_column(String(64))
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("facilitator.id"))
    title: Mapped[str] = mapped_column(String(200))
    date: Mapped[date | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(5), default="fi")
    mode: Mapped[str] = mapped_column(String(10), default="people")
    rounds: Mapped[int] = mapped_column(default=3)
    round_minutes: Mapped[int] = mapped_column(default=20)
    break_minutes: Mapped[int] = mapped_column(default=5)
    # Free text for the summary's last section: a date ("2027-03-04") or words.
    next_meeting: Mapped[str] = mapped_column(String(200), default="")
    # lobby → round → break → round … → harvest → feedback → closed
    state: Mapped[str] = mapped_column(String(20), default="lobby")
    round_no: Mapped[int] = mapped_column(default=0)
    # The timer: when the phase ends while running, or the seconds left while paused.
    phase_ends_at: Mapped[datetime | None]
    paused_remaining: Mapped[float | None]
    message: Mapped[str | None] = mapped_column(String(300))
    # Hide until reveal: each participant sees only their own notes until revealed.
    notes_hidden: Mapped[bool] = mapped_column(default=False)
    # Locked: no new notes (moderation).
    locked: Mapped[bool] = mapped_column(default=False)
    # Joining locked: the code no longer lets new people in (those in keep their place).
    joining_locked: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Every broadcast carries the next value of this counter (see services.events).
    seq: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    tables: Mapped[list["CafeTable"]] = relationship(
        back_populates="workshop", order_by="CafeTable.position", cascade="all, delete-orphan")
    topics: Mapped[list["Topic"]] = relationship(
        back_populates="workshop", order_by="Topic.position", cascade="all, delete-orphan")


class Topic(db.Model):
    """A theme discussed at a table, with its prompt questions."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    prompts: Mapped[list] = mapped_column(JSON, default=list)

    workshop: Mapped[Workshop] = relationship(back_populates="topics")


class CafeTable(db.Model):
    """A café table, in the room or remote (then with a video-call link)."""

    __tablename__ = "cafe_table"
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(100))
    remote: Mapped[bool] = mapped_column(default=False)
    video_url: Mapped[str | None] = mapped_column(String(500))
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"))
    # The participant who stays at this table; no foreign key, since participants
    # point at tables too (checked by the service instead).
    host_id: Mapped[int | None]
    crystallisation: Mapped[str] = mapped_column(Text, default="")

    workshop: Mapped[Workshop] = relationship(back_populates="tables")
    # Joined: every view of a table shows its topic, so loading tables is one query.
    topic: Mapped[Topic | None] = relationship(lazy="joined")


class Participant(db.Model):
    """Someone who joined with the code; known by a secret token, never an account."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id"), index=True)
    # SHA-256 of a 192-bit random token: high entropy, so a plain hash is enough.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    organisation: Mapped[str] = mapped_column(String(120), default="")
    organisation_type: Mapped[str] = mapped_column(String(30), default="")
    remote: Mapped[bool] = mapped_column(default=False)
    table_id: Mapped[int | None] = mapped_column(ForeignKey("cafe_table.id"))
    # Email only with consent (unticked by default), for the summary; deleted after sending.
    email: Mapped[str | None] = mapped_column(String(254))
    email_consent: Mapped[bool] = mapped_column(default=False)
    # A separate consent: name, organisation and email in the networking contact list.
    contact_consent: Mapped[bool] = mapped_column(default=False)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_at: Mapped[datetime | None]

    table: Mapped[CafeTable | None] = relationship()
    workshop: Mapped[Workshop] = relationship()


class Note(db.Model):
    """A sticky note posted at a table; stored once per (author, client id)."""

    __table_args__ = (
        UniqueConstraint("participant_id", "client_id", name="uq_note_client_id"),
        Index("ix_note_workshop_table", "workshop_id", "table_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id"))
    table_id: Mapped[int] = mapped_column(ForeignKey("cafe_table.id"))
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"))
    client_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    round_no: Mapped[int] = mapped_column(default=0)
    # note, action ("who does what next") or insight
    kind: Mapped[str] = mapped_column(String(10), default="note")
    owner: Mapped[str | None] = mapped_column(String(120))
    due: Mapped[date | None]
    hidden: Mapped[bool] = mapped_column(default=False)
    # Written while notes were hidden until reveal: only its author and the console see it.
    concealed: Mapped[bool] = mapped_column(default=False)
    # Deleted notes are kept a while so that a delete can be undone.
    deleted_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime | None]
    # "The same idea as that note": its writer (or the table's host, or the facilitator)
    # says so; both notes stay, each one mention of the idea.
    same_as_id: Mapped[int | None] = mapped_column(ForeignKey("note.id"), index=True)

    author: Mapped[Participant] = relationship()


class Seat(db.Model):
    """Where a participant sits in a round (planned at the break before it)."""

    __table_args__ = (UniqueConstraint("participant_id", "round_no", name="uq_seat_round"),
                      Index("ix_seat_workshop_round", "workshop_id", "round_no"))
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id"))
    round_no: Mapped[int]
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"))
    table_id: Mapped[int] = mapped_column(ForeignKey("cafe_table.id"))


class Ballot(db.Model):
    """A dot vote the facilitator opened: N dots a person, on a table's notes, a topic's themes or all."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id"), index=True)
    # "notes" (all notes), "table" (one table's notes) or "themes" (one topic's themes, or all)
    scope: Mapped[str] = mapped_column(String(10))
    scope_id: Mapped[int | None]
    dots: Mapped[int] = mapped_column(default=3)
    open: Mapped[bool] = mapped_column(default=True)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)


class Vote(db.Model):
    """One dot. Slots 1..dots per person and ballot: the database itself caps the dots."""

    __table_args__ = (UniqueConstraint("ballot_id", "participant_id", "slot", name="uq_vote_slot"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballot.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"))
    slot: Mapped[int]
    target_type: Mapped[str] = mapped_column(String(10))  # "note" or "theme"
    target_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Theme(db.Model):
    """A group of notes on one idea: made by hand, or suggested by condensing."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id"), index=True)
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"))
    table_id: Mapped[int | None] = mapped_column(ForeignKey("cafe_table.id"))
    label: Mapped[str] = mapped_column(String(200))
    suggested: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ThemeNote(db.Model):
    """A note in a theme; a note is in one theme at most."""

    __tablename__ = "theme_note"
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id"), primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("note.id"), primary_key=True, unique=True)


class Feedback(db.Model):
    """A participant's feedback: 1–4 and two texts; anonymous unless they sign it."""

    __table_args__ = (UniqueConstraint("workshop_id", "respondent", name="uq_feedback_once"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id"), index=True)
    # A keyed hash of the participant: one answer each, without storing who.
    respondent: Mapped[str] = mapped_column(String(64))
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id"))
    rating: Mapped[int]
    takeaway: Mapped[str] = mapped_column(Text, default="")
    wishes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Summary(db.Model):
    """The workshop's Markdown summary: as generated, and as the facilitator edited it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id"), unique=True)
    generated: Mapped[str] = mapped_column(Text, default="")
    markdown: Mapped[str] = mapped_column(Text, default="")
    edited: Mapped[bool] = mapped_column(default=False)
    generated_at: Mapped[datetime | None]
    updated_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]


class Mail(db.Model):
    """One email to one recipient: a durable job with status, attempts and the last error."""

    __table_args__ = (UniqueConstraint("workshop_id", "kind", "recipient", name="uq_mail_once"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id"), index=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id"))
    kind: Mapped[str] = mapped_column(String(20), default="summary")
    recipient: Mapped[str] = mapped_column(String(254))
    # pending → sending → sent, or failed after the last attempt
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None]
    message_id: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]


class Event(db.Model):
    """A change announced to clients, numbered per workshop for replay."""

    __table_args__ = (UniqueConstraint("workshop_id", "seq", name="uq_event_seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id"))
    seq: Mapped[int]
    type: Mapped[str] = mapped_column(String(40))
    # Who may see it: "table" (that table, board, console), "all", or "console".
    audience: Mapped[str] = mapped_column(String(10))
    table_id: Mapped[int | None]
    payload: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PresenceProcess(db.Model):
    """A server process that counts connections, with its latest heartbeat."""

    __tablename__ = "presence_process"
    # host:port of the process: a restart on the same port clears its own rows.
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    # Seconds since the epoch (time.time()): no time zones to get wrong across databases.
    heartbeat: Mapped[float]


class Presence(db.Model):
    """How many sockets one process holds open for one participant (rows only above 0).

    No foreign key to the participant: deleting a workshop need not know of
    presence, and a row of a deleted participant lists nobody.
    """

    __table_args__ = (Index("ix_presence_workshop", "workshop_id"),)
    process_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    participant_id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int]
    connections: Mapped[int]
