"""A new password revokes the person's API tokens (hostile-input review, low item 2): whoever
made a token with the old password loses it, whether the password is changed, reset through the
e-mailed link or set by an administrator."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from silkroutes.accounts.models import ApiToken
from silkroutes.accounts.services import revoke_all_tokens
from tests.api.conftest import bearer, token_for
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-silk-routes-password-2024"


def _api_answers(client, key: str) -> int:
    return client.get("/api/v1/", **bearer(key)).status_code


def test_changing_the_password_revokes_the_api_tokens(client, secretariat_user):
    key = token_for(secretariat_user, ApiToken.Scope.WRITE)
    client.force_login(secretariat_user)

    page = client.get(reverse("workspace:password_change"))
    changed = client.post(
        reverse("workspace:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert "A new password also revokes your API tokens" in page.content.decode()
    assert changed.status_code == 302
    assert _api_answers(client, key) == 401
    assert not ApiToken.objects.filter(user=secretariat_user, revoked_at__isnull=True).exists()


def test_a_refused_password_change_keeps_the_tokens(client, secretariat_user):
    key = token_for(secretariat_user)
    client.force_login(secretariat_user)

    refused = client.post(
        reverse("workspace:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert refused.status_code == 200
    assert _api_answers(client, key) == 200


def test_a_password_reset_revokes_the_api_tokens_of_that_person_only(
    client, secretariat_user, sweden_donor
):
    key = token_for(secretariat_user)
    other_key = token_for(sweden_donor)
    link = reverse(
        "workspace:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(secretariat_user.pk)),
            "token": default_token_generator.make_token(secretariat_user),
        },
    )

    form = client.get(link, follow=True)
    reset = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert reset.status_code == 302
    assert reset["Location"] == reverse("workspace:password_reset_complete")
    assert _api_answers(client, key) == 401
    assert _api_answers(client, other_key) == 200


def test_a_password_set_by_an_administrator_revokes_the_api_tokens(
    client, secretariat_user, django_user_model
):
    key = token_for(secretariat_user)
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))

    response = client.post(
        reverse("admin:auth_user_password_change", args=[secretariat_user.pk]),
        {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert _api_answers(client, key) == 401


def test_nobody_else_revokes_a_persons_tokens(secretariat_user, sweden_donor):
    key = token_for(secretariat_user)

    with pytest.raises(PermissionDenied):
        revoke_all_tokens(secretariat_user, by=sweden_donor)

    assert ApiToken.objects.get(prefix=key.split("_")[1]).is_active
