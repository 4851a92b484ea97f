"""What a person does in Chromium, for the browser tests: sign in, join, open the board,
check a page with axe-core, keep a screenshot."""
import os

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.cafe import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"width": 360, "height": 640}
BOARD = {"width": 1920, "height": 1080}
LAPTOP = {"width": 1366, "height": 900}
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def screenshot(page, name):
    """Keep a screenshot in test-artifacts/ to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def assert_accessible(page, state):
    """axe-core (served from the test package, not a CDN) finds no WCAG 2.1 A/AA violation;
    else fail with its report."""
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{state}:\n{results.generate_report()}"


def sign_in(page, server):
    """Sign in as the live server's facilitator."""
    page.goto(server.url + "/login")
    page.get_by_label("Sähköposti").fill("live@example.fi")
    page.get_by_label("Salasana").fill("kahvia-ja-pullaa")
    page.get_by_role("button", name="Kirjaudu").click()
    expect(page.get_by_role("heading", name="Työpajat")).to_be_visible()


def open_console(new_context, server):
    """The signed-in console of the live server's workshop on a laptop, connected."""
    laptop = new_context(LAPTOP).new_page()
    sign_in(laptop, server)
    laptop.goto(f"{server.url}/console/{server.workshop['id']}")
    expect(laptop.locator("#status")).to_have_attribute("data-state", "connected")
    return laptop


def join_at(context, server, name, table_index, cafe=None):
    """A phone joins at a table through the table's QR link (of the live server's workshop,
    or of `cafe`); returns the page once connected."""
    cafe = cafe or server.workshop
    page = context.new_page()
    page.goto(f"{server.url}/w/{cafe['code']}/t/{cafe['tables'][table_index]}")
    page.locator("#name").fill(name)
    page.locator("#join-button").click()
    expect(page.locator("#status")).to_have_attribute("data-state", "connected")
    return page


def join_cafe(new_context, server, cafe, name, table_index, **options):
    """A phone of its own (360×640, touch) joins the café at a table."""
    context = new_context(PHONE, has_touch=True, is_mobile=True, **options)
    return join_at(context, server, name, table_index, cafe)


def open_board(context, server):
    """The projected board of the live server's workshop, connected."""
    page = context.new_page()
    w = server.workshop
    page.goto(f"{server.url}/board/{w['code']}?key={w['board_key']}")
    expect(page.locator("#status")).to_have_attribute("data-state", "connected")
    return page
