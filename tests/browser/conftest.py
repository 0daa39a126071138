"""Browser tests: Playwright for Python driving Debian's chromium against pytest-django's
``live_server``.

``playwright install`` cannot download browsers on our machines, so the tests use the system
chromium (``apt-get install chromium``). Where it is missing the browser tests are skipped, with a
warning at the start of the run and the reason in the summary; with ``REQUIRE_BROWSER=1`` (set by
``.ci/run``) they fail instead, so CI never passes without having run them.

Fixtures: ``browser`` (one chromium per session), ``page`` (a new context per test, opened on the
live server, so ``page.goto("/")`` works), ``page_log`` (console errors, uncaught exceptions and
Content-Security-Policy violations seen by ``page``) and ``starter_data`` (the starter dataset).
"""

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Playwright, sync_playwright

# Playwright's sync API keeps an asyncio event loop running in the main thread for the rest of the
# session once it has started; Django would then refuse every ORM call from the tests and fixtures
# (SynchronousOnlyOperation), though no code of ours runs inside that loop.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking"]
STARTER_DATASET = "data/silk-routes-2014-2016.yaml"
TIMEOUT_MS = 10_000

_MISSING = f"{CHROMIUM} not found: browser tests need Debian's chromium (apt-get install chromium)"

# Reports every `securitypolicyviolation` event to Python. Playwright injects this script itself,
# so the page's own Content-Security-Policy does not apply to it.
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}`
      + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
  );
}, true);
"""


def _browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes", "on"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    browser_items = []
    for item in items:
        if item.get_closest_marker("browser") is None and {"browser", "page"} & set(
            getattr(item, "fixturenames", ())
        ):
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("browser") is not None:
            browser_items.append(item)
    if not browser_items or CHROMIUM.exists():
        return
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if _browser_required():
        message = f"REQUIRE_BROWSER=1 and {_MISSING}: {len(browser_items)} browser tests will fail"
    else:
        message = f"{_MISSING}: skipping {len(browser_items)} browser tests"
        for item in browser_items:
            item.add_marker(pytest.mark.skip(reason=_MISSING))
    if reporter is not None:
        reporter.write_line(f"WARNING: {message}", yellow=True, bold=True)


@pytest.fixture(scope="session")
def _playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        pytest.fail(f"REQUIRE_BROWSER=1 and {_MISSING}", pytrace=False)
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright: Playwright) -> Iterator[Browser]:
    browser = _playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@dataclass
class PageLog:
    """What went wrong in the page, as the browser saw it."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """Everything above in one list, so that ``assert page_log.problems == []`` shows it all."""
        return [
            *(f"console error: {text}" for text in self.console_errors),
            *(f"uncaught exception: {text}" for text in self.page_errors),
            *(f"CSP violation: {text}" for text in self.csp_violations),
        ]


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser: Browser, live_server, page_log: PageLog) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)

    def on_csp_violation(report: str) -> None:
        page_log.csp_violations.append(report)

    context.expose_function("__reportCspViolation", on_csp_violation)
    context.add_init_script(_CSP_LISTENER)
    page = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        location = message.location
        # The icon counts too: every page names one, and /favicon.ico leads to it.
        if message.type == "error":
            page_log.console_errors.append(
                f"{message.text} ({location.get('url', '')}:{location.get('lineNumber', '')})"
            )

    def on_page_error(error: Error) -> None:
        page_log.page_errors.append(f"{error.name}: {error.message}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    yield page
    context.close()


@pytest.fixture
def starter_data(transactional_db) -> None:
    """The starter dataset, loaded as ``make run`` loads it (the live server sees it)."""
    call_command(
        "load_dataset", str(Path(settings.BASE_DIR) / STARTER_DATASET), stdout=io.StringIO()
    )
