"""Fixtures: Playwright driving Debian's Chromium against a live server, and the six-table café."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.browser import CHROMIUM
from tests.support.six_tables import Desk, open_cafe

# A page's assertions wait as long as its actions: a loaded two-core machine can take more
# than Playwright's default 5 s to bring a broadcast to the screen.
expect.set_options(timeout=15000)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (Playwright's own download cannot be reached)."""
    from playwright.sync_api import sync_playwright
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Open browser contexts (separate cookies and storage) closed after the test."""
    contexts = []

    def make(viewport, **options):
        context = browser.new_context(viewport=viewport, **{"locale": "fi-FI", **options})
        context.set_default_timeout(15000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def cafe(live_server):
    """The café and its desk; the clients disconnect after the test."""
    cafe = open_cafe(live_server)
    desk = Desk(live_server, cafe)
    yield cafe, desk
    desk.close()
