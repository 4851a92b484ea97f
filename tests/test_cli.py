"""The command line: `flask --app app workshop open sessions/FILE.md`."""
import re

from facilitation.extensions import db
from facilitation.models import Workshop
from facilitation.services import accounts
from tests.support.cafe import ROOT

KAINUU = str(ROOT / "sessions" / "hankekahvi-kainuu.md")


def open_workshop(app, *args):
    """Run `workshop open` with the given arguments."""
    return app.test_cli_runner().invoke(args=["workshop", "open", *args])


def test_opening_a_shipped_plan_prints_the_join_code_and_the_console(app, facilitator):
    result = open_workshop(app, KAINUU)
    assert result.exit_code == 0, result.output
    code, console = result.output.splitlines()[:2]
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    with app.app_context():
        workshop = db.session.query(Workshop).one()
        assert (workshop.code, workshop.facilitator_id) == (code, facilitator["id"])
        assert console == f"/console/{workshop.id}"
        assert len(workshop.topics) == 6 and len(workshop.tables) == 6


def test_a_bad_plan_exits_1_naming_the_file_and_line(app, facilitator, tmp_path):
    plan = tmp_path / "x.md"
    plan.write_text("---\ntitle: X\n\ndate: 15.5.2026\n---\n\n## A\n", encoding="utf-8")
    result = open_workshop(app, str(plan))
    assert result.exit_code == 1
    assert f"{plan}, line 4: write the date as YYYY-MM-DD" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_missing_file_is_a_clear_error(app, facilitator, tmp_path):
    result = open_workshop(app, str(tmp_path / "ei-ole.md"))
    assert result.exit_code == 1 and "ei-ole.md: cannot read the file" in result.output


def test_without_a_facilitator_account_nothing_is_opened(app):
    result = open_workshop(app, KAINUU)
    assert result.exit_code == 1 and "no facilitator account" in result.output
    with app.app_context():
        assert db.session.query(Workshop).count() == 0


def test_with_several_accounts_the_facilitator_must_be_named(app, facilitator):
    with app.app_context():
        other = accounts.create_facilitator("toinen@example.fi", "toinen-salasana").id
    unnamed = open_workshop(app, KAINUU)
    assert unnamed.exit_code == 1 and "--facilitator" in unnamed.output
    unknown = open_workshop(app, KAINUU, "--facilitator", "kuka@example.fi")
    assert unknown.exit_code == 1 and "kuka@example.fi" in unknown.output
    named = open_workshop(app, KAINUU, "--facilitator", "Toinen@Example.fi")
    assert named.exit_code == 0, named.output
    with app.app_context():
        assert db.session.query(Workshop).one().facilitator_id == other
