"""Production settings: Django's deployment checklist passes and every response carries the
security headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3y-for-the-deploy-check-only-8f2a9c1e5d7b3a6f0e4c2b8d9a1f7e3c5b0d2a4f6e8",
    "ALLOWED_HOSTS": "silkroutes.example.org",
    "SECURE_SSL_REDIRECT": "1",
}


def production_env() -> dict:
    env = {**os.environ, **PRODUCTION}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' conftest, never in prod
    return env


def test_the_deployment_checklist_reports_nothing_with_production_settings():
    env = production_env()

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/ar/", "/admin/login/", "/healthz"])
def test_every_response_carries_the_security_headers(path):
    response = Client().get(path, follow=False)

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_production_settings_make_cookies_secure_httponly_and_same_site():
    """(The deployment checklist above also fails on insecure cookie settings: W012, W013, W016.)"""
    code = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, "
        "s.CSRF_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)"
    )
    env = production_env()

    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.split() == ["True", "True", "True", "Lax", "Lax", "31536000", "True"]


@pytest.mark.django_db
def test_hsts_is_sent_over_https_in_production():
    with override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True):
        response = Client().get("/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.parametrize(
    ("proxies", "answer"),
    [("0", "301 https://silkroutes.example.org/api/v1/nothing"), ("1", "404 None")],
)
def test_x_forwarded_proto_is_believed_only_behind_a_proxy_of_ours(proxies, answer):
    """Without a proxy of ours in front (TRUSTED_PROXY_COUNT=0), a client saying it came over
    HTTPS is still sent to HTTPS; behind nginx (1), which sets the header, it is believed."""
    code = (
        "from django.test import Client; r = Client().get('/api/v1/nothing', "
        "HTTP_HOST='silkroutes.example.org', HTTP_X_FORWARDED_PROTO='https'); "
        "print(r.status_code, r.get('Location'))"
    )
    env = {**production_env(), "TRUSTED_PROXY_COUNT": proxies}

    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip().splitlines()[-1] == answer
