"""The log: a refusal the application expects (a 403, a CSRF failure) is one line without a
traceback (hostile-input review, low item 7), and each line is printed once."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _lines(caplog, logger: str) -> list[str]:
    return [
        logging.Formatter("%(levelname)s %(message)s").format(record)
        for record in caplog.records
        if record.name == logger
    ]


@pytest.mark.django_db
def test_a_refused_page_is_logged_as_one_line(client, pakistan_focal_point, caplog):
    client.force_login(pakistan_focal_point)
    path = reverse("workspace:meeting_foresee")

    with caplog.at_level(logging.INFO):
        response = client.get(path)

    assert response.status_code == 403
    assert _lines(caplog, "django.request") == [f"WARNING Forbidden (Permission denied): {path}"]


@pytest.mark.django_db
def test_a_csrf_failure_is_logged_as_one_line(secretariat_user, caplog):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat_user)
    path = reverse("workspace:logout")

    with caplog.at_level(logging.INFO):
        response = client.post(path)

    assert response.status_code == 403
    assert _lines(caplog, "django.security.csrf") == [
        f"WARNING Forbidden (CSRF cookie not set.): {path}"
    ]


def test_each_log_line_is_printed_once():
    """With DEBUG on, Django's own console handler printed every line beside the root's."""
    env = {**os.environ, "DEBUG": "1"}
    env.pop("DATABASE_URL", None)
    code = "import logging; logging.getLogger('django.request').warning('probe-line')"

    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stderr.count("probe-line") == 1, result.stderr
