import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_shows_the_partnership_at_a_glance(client: Client):
    response = client.get(reverse("portal:home"))
    page = response.content.decode()

    assert response.status_code == 200
    assert "A Silk Routes Partnership for Migration" in page
    assert "Promote international protection" in page  # the sixth goal
    assert "<tr><td>Under consideration</td><td>3</td></tr>" in page
    assert "<tr><td>Launched</td><td>2</td></tr>" in page
    assert "Croatia (chair of a body, since 2007)" in page
    assert "Working Group on the Silk Routes Region" in page


def test_home_sends_a_strict_content_security_policy(client: Client):
    response = client.get(reverse("portal:home"))
    policy = response["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
