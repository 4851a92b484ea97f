"""The console's form, the plan parser and the services accept exactly the same settings."""
import re

import pytest

from facilitation import rules
from facilitation.errors import DomainError
from facilitation.extensions import db
from facilitation.facilitator.forms import WorkshopForm
from facilitation.models import Workshop
from facilitation.plans import PlanError, parse_plan
from facilitation.services import participants, workshops

# Each setting with values inside, at and beyond its edges, and the plan's name for it.
CANDIDATES = {
    "language": ("language", ("fi", "sv", "en", "de", "no", "suomi", "")),
    "mode": ("mode", ("people", "topics", "tables", "ihmiset", "")),
    "rounds": ("rounds", (-1, 0, 1, 2, 11, 12, 13, 40)),
    "round_minutes": ("minutes", (0, 1, 20, 179, 180, 181, 600)),
    "break_minutes": ("break_minutes", (-1, 0, 1, 59, 60, 61, 120)),
}
VALID = {"language": "fi", "mode": "people", "rounds": 3, "round_minutes": 20,
         "break_minutes": 5}


def form_accepts(app, key, value):
    """Whether the new-workshop form takes this value for the setting."""
    data = {**VALID, key: value, "title": "Työllisyyspalveluiden yhteensovittaminen",
            "tables-0-name": "Pöytä 1", "topics-0-title": "Yhteistyö"}
    with app.test_request_context("/console/new", method="POST", data=data):
        form = WorkshopForm()
        form.validate()
        return key not in form.errors


def plan_accepts(key, value):
    """Whether a plan file with this setting in its front matter parses."""
    name = CANDIDATES[key][0]
    text = f"---\ntitle: Testi\n{name}: {value}\n---\n\n## Yhteistyö\n\n- Mitä sovimme?\n"
    try:
        parse_plan(text)
    except PlanError:
        return False
    return True


def service_accepts(app, facilitator, key, value):
    """Whether `create_workshop` makes a workshop with this setting."""
    with app.app_context():
        try:
            workshops.create_workshop(facilitator["id"], "Kahvila", [{"name": "Pöytä 1"}],
                                      [{"title": "Yhteistyö"}], **{
                                          **{k: v for k, v in VALID.items()}, key: value})
        except DomainError:
            return False
        return True


@pytest.mark.parametrize("key", CANDIDATES)
def test_the_form_the_plan_and_the_service_accept_the_same_values(app, facilitator, key):
    values = CANDIDATES[key][1]
    by_form = {v for v in values if form_accepts(app, key, v)}
    by_plan = {v for v in values if plan_accepts(key, v)}
    by_service = {v for v in values if service_accepts(app, facilitator, key, v)}
    assert by_form == by_plan == by_service
    if key in rules.TIMING_RANGES:
        low, high = rules.TIMING_RANGES[key]
        assert by_service == {v for v in values if low <= v <= high}
    else:
        assert by_service == set(getattr(rules, key.upper() + "S"))


def test_the_phone_offers_the_organisation_types_the_service_accepts(app, client, workshop):
    page = client.get(f"/w/{workshop['code']}").get_data(as_text=True)
    select = page.split('name="organisation_type"', 1)[1].split("</select>", 1)[0]
    offered = {v for v in re.findall(r'<option value="([^"]*)"', select) if v}
    with app.app_context():
        w = db.session.get(Workshop, workshop["id"])
        accepted = set()
        for kind in (*offered, "union", "kunta", "wellbeing area"):
            try:
                participants.join(w, "Åsa Lindström", organisation_type=kind)
            except DomainError:
                continue
            accepted.add(kind)
    assert offered == accepted == set(rules.ORGANISATION_TYPES)
