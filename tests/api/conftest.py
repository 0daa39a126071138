"""Fixtures of the API tests: a client, tokens for the cast, and rate limits out of the way
(the rate-limit tests set their own small limit)."""

import pytest
from django.core.cache import cache

from silkroutes.accounts.models import ApiToken
from silkroutes.accounts.services import create_token


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    settings.API_RATE_LIMIT_ANONYMOUS = "100000/min"
    settings.API_RATE_LIMIT_TOKEN = "100000/min"
    cache.clear()
    yield
    cache.clear()


def token_for(user, scope: str = ApiToken.Scope.READ) -> str:
    _token, key = create_token(user, name="tests", scope=scope, by=user)
    return key


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def secretariat_key(secretariat_user) -> str:
    return token_for(secretariat_user, ApiToken.Scope.WRITE)
