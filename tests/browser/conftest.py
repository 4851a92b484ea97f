"""Playwright driving Debian's Chromium against a live server."""
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 360, "height": 640}
BOARD = {"width": 1920, "height": 1080}
LAPTOP = {"width": 1366, "height": 900}


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


def screenshot(page, name):
    """Keep a screenshot in test-artifacts/ to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
