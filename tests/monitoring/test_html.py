"""The workspace pages of reporting, the Arabic dashboard and every year's report validate with
the Nu HTML Checker and carry no inline script, style or handler (the public pages' own check is
``tests/portal/test_quality.py``)."""

import pytest
from django.urls import reverse

from silkroutes.actors.models import Organisation
from silkroutes.monitoring import services
from tests.portal.test_quality import (
    EVENT_HANDLER,
    INLINE_SCRIPT,
    STYLE_ATTRIBUTE,
    nu_html_errors,
)

from .conftest import report

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(client, cycle, turkey_focal_point, secretariat_user) -> dict[str, str]:
    entry = report(cycle, turkey_focal_point, Organisation.objects.get(slug="turkey"))
    services.submit(entry, by=turkey_focal_point)
    urls = {
        secretariat_user: [
            reverse("workspace:monitoring"),
            reverse("workspace:monitoring_cycle_open"),
            reverse("workspace:monitoring_cycle", args=[cycle.pk]),
            reverse("workspace:monitoring_initiative", args=[entry.pk]),
        ],
        turkey_focal_point: [reverse("workspace:monitoring_report", args=[cycle.pk])],
        None: ["/ar/coverage/", "/reports/2014/", "/reports/2016/", "/ru/reports/2015/"],
    }
    found = {}
    for user, paths in urls.items():
        client.logout()
        if user:
            client.force_login(user)
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            found[path] = response.content.decode()
    return found


def test_no_inline_script_style_or_handler(pages):
    for url, page in pages.items():
        assert INLINE_SCRIPT.findall(page) == [], url
        assert STYLE_ATTRIBUTE.findall(page) == [], url
        assert EVENT_HANDLER.findall(page) == [], url


def test_the_pages_validate(pages, tmp_path):
    assert nu_html_errors(pages, tmp_path) == []
