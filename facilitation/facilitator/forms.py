"""Forms of the console (CSRF-protected by Flask-WTF)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, EqualTo, Length, NumberRange, Optional

from .. import rules
from ..services.accounts import MIN_PASSWORD_LENGTH

MODE_LABELS = {"people": _l("People move, each table keeps its topic and host"),
               "topics": _l("Topics move, people stay at their tables")}


def _range(key):
    """The NumberRange validator of one of the workshop's timing settings."""
    return NumberRange(*rules.TIMING_RANGES[key])


class SetupForm(FlaskForm):
    """The first facilitator account."""

    code = StringField(_l("Setup code"), validators=[DataRequired(), Length(max=40)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(), Length(min=MIN_PASSWORD_LENGTH)])
    confirm = PasswordField(_l("Password again"), validators=[
        DataRequired(), EqualTo("password", message=_l("The passwords differ."))])


class LoginForm(FlaskForm):
    """Sign in to the console."""

    email = EmailField(_l("Email"), validators=[DataRequired()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])


class TableForm(Form):
    """One café table row; a row left empty is ignored."""

    name = StringField(_l("Table name"), validators=[Optional(), Length(max=rules.TABLE_NAME_MAX)])
    remote = BooleanField(_l("Remote"))
    video_url = StringField(_l("Video-call link"), validators=[
        Optional(), URL(require_tld=False), Length(max=rules.VIDEO_URL_MAX)])


class TopicForm(Form):
    """One topic row: a title and prompt questions, one per line."""

    title = StringField(_l("Topic"), validators=[Optional(), Length(max=rules.TOPIC_TITLE_MAX)])
    prompts = TextAreaField(_l("Prompt questions (one per line)"),
                            validators=[Optional(), Length(max=rules.DESCRIPTION_MAX)])



class WorkshopForm(FlaskForm):
    """A new workshop with its tables and topics."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=rules.TITLE_MAX)])
    date = DateField(_l("Date"), validators=[Optional()])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=rules.PLACE_MAX)])
    language = SelectField(_l("Language"), choices=[
        SelectChoice(code, rules.LANGUAGE_NAMES[code]) for code in rules.LANGUAGES],
        default=rules.DEFAULTS["language"])
    mode = SelectField(_l("Rotation"), choices=[
        SelectChoice(mode, MODE_LABELS[mode]) for mode in rules.MODES],
        default=rules.DEFAULTS["mode"])
    rounds = IntegerField(_l("Rounds"), default=rules.DEFAULTS["rounds"],
                          validators=[DataRequired(), _range("rounds")])
    round_minutes = IntegerField(_l("Minutes per round"), default=rules.DEFAULTS["round_minutes"],
                                 validators=[DataRequired(), _range("round_minutes")])
    break_minutes = IntegerField(_l("Minutes to move between rounds"),
                                 default=rules.DEFAULTS["break_minutes"],
                                 validators=[Optional(), _range("break_minutes")])
    next_meeting = StringField(_l("Next meeting"), validators=[Optional(), Length(
        max=rules.NEXT_MEETING_MAX, message=_l(
            "The text is too long: at most %(limit)s characters.",
            limit=rules.NEXT_MEETING_MAX))])
    # Four rows to begin with; more are added (and removed) as needed, up to the rules' limits.
    tables = FieldList(FormField(TableForm), min_entries=4, max_entries=rules.MAX_TABLES)
    topics = FieldList(FormField(TopicForm), min_entries=4, max_entries=rules.MAX_TOPICS)

    def add_row(self, which):
        """Add an empty table or topic row (the form's "Add" buttons without a script)."""
        rows = {"tables": self.tables, "topics": self.topics}.get(which)
        if rows is None:
            return False
        if len(rows) < rows.max_entries:
            rows.append_entry()
        return True

    def timing(self):
        """The rotation mode and round timing as create_workshop takes them."""
        return {"mode": self.mode.data, "rounds": self.rounds.data,
                "round_minutes": self.round_minutes.data,
                "break_minutes": self.break_minutes.data or 0}

    def filled_tables(self):
        """The table rows that have a name."""
        return [row.data for row in self.tables if (row.data["name"] or "").strip()]

    def filled_topics(self):
        """The topic rows that have a title, prompts split into lines."""
        return [{"title": row.data["title"], "prompts": (row.data["prompts"] or "").splitlines()}
                for row in self.topics if (row.data["title"] or "").strip()]
