"""API tokens: created and revoked in the workspace, shown once, stored hashed, refused once
revoked; how the API answers a request with a bad token."""

import hashlib
import re

import pytest
from django.core.exceptions import PermissionDenied

from silkroutes.accounts.models import ApiToken
from silkroutes.accounts.services import create_token, revoke_token, use_token

from .conftest import bearer, token_for

pytestmark = pytest.mark.django_db

KEY = re.compile(r"srp_[0-9a-f]{12}_[-\w]{40,}")


def test_a_token_is_stored_as_a_prefix_and_the_hash_of_its_secret(sweden_donor):
    token, key = create_token(sweden_donor, name="reporting", scope="read", by=sweden_donor)

    _srp, prefix, secret = key.split("_", 2)
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.prefix == prefix
    assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {getattr(stored, f.attname) for f in ApiToken._meta.concrete_fields}
    assert use_token(key) == stored
    assert use_token(f"srp_{prefix}_wrong-secret") is None


def test_only_its_owner_creates_or_revokes_a_token(sweden_donor, iom_implementer):
    token, _key = create_token(sweden_donor, name="reporting", scope="read", by=sweden_donor)

    with pytest.raises(PermissionDenied):
        create_token(sweden_donor, name="theirs", scope="write", by=iom_implementer)
    with pytest.raises(PermissionDenied):
        revoke_token(token, by=iom_implementer)


def test_the_workspace_creates_a_token_and_shows_it_once(client, sweden_donor):
    client.force_login(sweden_donor)

    created = client.post("/workspace/tokens/", {"name": "Donor system", "scope": "write"})
    listing = client.get("/workspace/tokens/")

    page = created.content.decode()
    [key] = set(KEY.findall(page))
    assert "this is the only time the token is shown" in page
    assert "no-store" in created["Cache-Control"]
    token = ApiToken.objects.get(user=sweden_donor)
    assert (token.name, token.scope) == ("Donor system", "write")
    listed = listing.content.decode()
    assert "Donor system" in listed
    assert f"srp_{token.prefix}_…" in listed
    assert key not in listed
    assert KEY.findall(listed) == []
    assert client.get("/api/v1/goals", **bearer(key)).status_code == 200


def test_the_workspace_refuses_a_token_without_a_name(client, sweden_donor):
    client.force_login(sweden_donor)

    response = client.post("/workspace/tokens/", {"name": "", "scope": "read"})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_revoked_token_is_refused_on_the_next_request(client, sweden_donor):
    key = token_for(sweden_donor)
    token = ApiToken.objects.get(user=sweden_donor)
    client.force_login(sweden_donor)
    assert client.get("/api/v1/goals", **bearer(key)).status_code == 200

    revoked = client.post(f"/workspace/tokens/{token.pk}/revoke/", follow=True)
    refused = client.get("/api/v1/goals", **bearer(key))

    assert "is revoked" in revoked.content.decode()
    assert "revoked on" in revoked.content.decode()
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == 'Bearer realm="api"'
    assert refused.json()["detail"] == "The token is unknown or has been revoked."


def test_nobody_revokes_someone_elses_token(client, sweden_donor, iom_implementer):
    key = token_for(sweden_donor)
    token = ApiToken.objects.get(user=sweden_donor)
    client.force_login(iom_implementer)

    response = client.post(f"/workspace/tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    assert client.get("/api/v1/goals", **bearer(key)).status_code == 200


def test_the_token_pages_need_a_signed_in_person(client):
    response = client.get("/workspace/tokens/")

    assert response.status_code == 302
    assert "/workspace/sign-in/" in response["Location"]


@pytest.mark.parametrize(
    "header",
    ["Bearer srp_000000000000_nonsense", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc", "Bearer x"],
)
def test_a_bad_authorization_header_is_refused_even_for_public_data(client, header):
    response = client.get("/api/v1/goals", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["title"] == "Not authenticated"


def test_a_token_records_when_it_was_last_used(client, sweden_donor):
    key = token_for(sweden_donor)

    client.get("/api/v1/goals", **bearer(key))

    assert ApiToken.objects.get(user=sweden_donor).last_used is not None


def test_a_token_has_its_own_rate_limit(client, settings, sweden_donor):
    settings.API_RATE_LIMIT_ANONYMOUS = "1/min"
    settings.API_RATE_LIMIT_TOKEN = "2/min"
    key = token_for(sweden_donor)

    anonymous = [client.get("/api/v1/goals").status_code for _ in range(2)]
    with_token = [client.get("/api/v1/goals", **bearer(key)).status_code for _ in range(3)]

    assert anonymous == [200, 429]
    assert with_token == [200, 200, 429]
