"""Browser tests: Playwright for Python driving Debian's chromium against pytest-django's live server."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from test code
# are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _taxonomies(transactional_db):
    """Live-server tests run in real transactions and the database is flushed after each,
    which also removes the taxonomies that the data migration loaded: load them again."""
    from clusterbridge.taxonomy.models import (
        ClusterCategory,
        IndustrialEcosystem,
        NutsRegion,
        Technology,
    )
    from clusterbridge.taxonomy.reference import load_all

    if not ClusterCategory.objects.exists():
        load_all(NutsRegion, ClusterCategory, IndustrialEcosystem, Technology)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make install-browser` (apt package chromium)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context; fails the test on any console error (e.g. a CSP violation)."""
    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"Browser console errors: {errors}"


@pytest.fixture
def login(page):
    def _login(email: str, password: str) -> None:
        page.goto("/accounts/login/")
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", password)
        page.click("form button[type=submit]:not(.outline)")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    return _login
