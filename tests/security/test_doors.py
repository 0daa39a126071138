"""The doors around the permission model (issue 8, items 2 and 3): cross-state reads and writes,
revoked roles, direct file URLs, open redirects, sign-in throttling, CSRF on every
state-changing view, and no state change on GET.

The URL patterns and sample arguments come from the access table (tests/access_table.py), so a
new view is covered here as soon as it has its row there."""

import datetime as dt
import json

import pytest
from django.apps import apps
from django.db.models import Max, TextField
from django.db.models.functions import Cast
from django.test import Client
from django.urls import reverse

from silkroutes.accounts.models import Membership
from silkroutes.accounts.services import create_token
from silkroutes.actors.models import Organisation
from silkroutes.meetings.models import Delegation, Meeting
from silkroutes.meetings.services import invite, register_delegation
from tests.access_table import TABLE
from tests.test_access_table import _fast_and_private, _path  # noqa: F401 - a fixture

EVIL = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example"]
TURKISH_MEMBERS = [{"name": "Mehmet Yılmaz", "function": "Director", "is_head": True}]


def _register_turkey(secretariat, turkey_focal_point) -> Meeting:
    meeting = Meeting.objects.get(slug="som-2014")
    turkey = Organisation.objects.get(slug="turkey")
    invite(meeting, organisations=[turkey, Organisation.objects.get(slug="pakistan")],
           by=secretariat)  # fmt: skip
    register_delegation(meeting, state=turkey, members=TURKISH_MEMBERS, by=turkey_focal_point)
    return meeting


def _turkish_names() -> list[str]:
    delegation = Delegation.objects.get(meeting__slug="som-2014", state__slug="turkey")
    return list(delegation.members.values_list("name", flat=True))


# -- cross-state reads and writes -------------------------------------------------------------


def test_pakistans_focal_point_cannot_read_or_change_turkeys_delegation_in_the_workspace(
    client, secretariat_user, turkey_focal_point, pakistan_focal_point
):
    _register_turkey(secretariat_user, turkey_focal_point)
    client.force_login(pakistan_focal_point)
    url = reverse("workspace:delegation", args=["som-2014", "turkey"])
    forged = {
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        "members-0-name": "Forged Person",
        "members-0-function": "Spy",
        "members-0-is_head": "on",
    }

    read = client.get(url)
    write = client.post(url, forged)
    own = client.get(reverse("workspace:delegation", args=["som-2014", "pakistan"]))

    assert read.status_code == 403
    assert "Mehmet" not in read.content.decode()
    assert write.status_code == 403
    assert _turkish_names() == ["Mehmet Yılmaz"]
    assert own.status_code == 200  # the same person reaches their own state's delegation


def test_pakistans_focal_point_cannot_change_turkeys_delegation_through_the_api(
    client, secretariat_user, turkey_focal_point, pakistan_focal_point
):
    _register_turkey(secretariat_user, turkey_focal_point)
    _token, key = create_token(
        pakistan_focal_point, name="swap", scope="write", by=pakistan_focal_point
    )
    body = {"members": [{"name": "Forged Person", "function": "Spy", "is_head": True}]}

    response = client.put(
        "/api/v1/meetings/som-2014/delegations/turkey",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    assert response.status_code == 403
    assert _turkish_names() == ["Mehmet Yılmaz"]


# -- revoking a role; direct file URLs ----------------------------------------------------------


def _end_memberships(user) -> None:
    today = dt.date.today()
    Membership.objects.filter(user=user).update(
        start=today - dt.timedelta(days=30), end=today - dt.timedelta(days=1)
    )


def test_ending_a_membership_takes_effect_on_the_next_request(client, secretariat_user):
    client.force_login(secretariat_user)
    url = reverse("workspace:meeting_history", args=["wg-silk-routes-2015"])
    assert client.get(url).status_code == 200

    _end_memberships(secretariat_user)

    assert client.get(url).status_code == 403


def test_a_restricted_file_is_checked_again_on_every_download(
    client, secretariat_user, access_objects
):
    client.force_login(secretariat_user)
    url = reverse("workspace:document_download", args=[access_objects["restricted_document"], "en"])
    first = client.get(url)
    assert first.status_code == 200
    b"".join(first.streaming_content)  # read to the end: the client closes the file

    _end_memberships(secretariat_user)

    assert client.get(url).status_code == 404


def test_a_revoked_membership_closes_the_api_token_too(client, secretariat_user, access_objects):
    _token, key = create_token(secretariat_user, name="r", scope="read", by=secretariat_user)
    url = f"/api/v1/outcomes/{access_objects['restricted_outcome']}"
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200

    _end_memberships(secretariat_user)

    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 404


# -- open redirects -----------------------------------------------------------------------------


def _goes_off_site(response) -> bool:
    location = response.get("Location", "")
    return "evil.example" in location


@pytest.mark.parametrize("target", EVIL)
def test_sign_in_never_sends_people_off_site(client, secretariat_user, target):
    secretariat_user.set_password("a-long-pass-phrase-1")
    secretariat_user.save()
    login = reverse("workspace:login")

    response = client.post(
        f"{login}?next={target}",
        {"username": secretariat_user.username, "password": "a-long-pass-phrase-1",
         "next": target},
    )  # fmt: skip
    again = client.get(f"{login}?next={target}")  # already signed in: redirected on

    assert response.status_code == 302
    assert not _goes_off_site(response)
    assert not _goes_off_site(again)


@pytest.mark.parametrize("target", EVIL)
def test_sign_out_and_language_never_send_people_off_site(client, secretariat_user, target):
    client.force_login(secretariat_user)
    language = client.post(reverse("set_language"), {"language": "ru", "next": target})
    language_referer = client.post(reverse("set_language"), {"language": "en"}, HTTP_REFERER=target)
    logout = client.post(f"{reverse('workspace:logout')}?next={target}", {"next": target})

    assert not _goes_off_site(language)
    assert not _goes_off_site(language_referer)
    assert not _goes_off_site(logout)


@pytest.mark.parametrize("target", EVIL)
def test_an_action_point_change_never_sends_people_off_site(
    client, secretariat_user, access_objects, target
):
    client.force_login(secretariat_user)
    url = reverse("workspace:action_point_complete", args=[access_objects["action_point"]])

    response = client.post(url, {"version": "1", "next": target})

    assert response.status_code == 302
    assert not _goes_off_site(response)


# -- sign-in throttling (django-axes) -------------------------------------------------------------


def test_repeated_failed_sign_ins_lock_the_account_out(client, secretariat_user, settings):
    secretariat_user.set_password("a-long-pass-phrase-1")
    secretariat_user.save()
    login = reverse("workspace:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": secretariat_user.username, "password": "wrong"})

    right = client.post(
        login, {"username": secretariat_user.username, "password": "a-long-pass-phrase-1"}
    )

    assert right.status_code in (403, 429)
    assert "_auth_user_id" not in client.session
    assert "try again" in right.content.decode().lower()


# -- CSRF on every state-changing view; no state change on GET ------------------------------------


def _is_form_view(key: str) -> bool:
    return not key.startswith("api") and "rest>" not in key


@pytest.mark.parametrize("key", sorted(k for k in TABLE if _is_form_view(k)))
def test_a_post_without_the_csrf_token_is_refused(key, cast, access_objects):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast["secretariat"])
    row = TABLE[key]
    before = _snapshot()

    response = client.post(_path(key, row, access_objects), row.data)

    assert response.status_code == 403, key
    assert _snapshot() == before


def _snapshot() -> dict[str, tuple]:
    """Row count and largest key of every table, and the sum of every version/revision counter
    (sessions and django-axes's access log excluded: signing in writes them by design)."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "axes", "admin"}:
            continue
        queryset = model._default_manager.all()
        counters = [f.name for f in model._meta.fields if f.name in {"version", "revision"}]
        pk = model._meta.pk
        # PostgreSQL has no MAX over UUIDs (django-tasks' results): compare their text.
        top = (
            Max("pk")
            if pk.get_internal_type().endswith("AutoField")
            else Max(Cast("pk", TextField()))
        )
        fields = {"top": top} | {name: Max(name) for name in counters}
        state[model._meta.label] = (queryset.count(), *queryset.aggregate(**fields).values())
    return state


def test_no_get_changes_anything(cast, access_objects):
    client = Client()
    client.force_login(cast["secretariat"])
    before = _snapshot()

    asked = []
    for key, row in sorted(TABLE.items()):
        if row.method != "get" or "rest>" in key:
            continue
        response = client.get(_path(key, row, access_objects), row.data)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)  # read to the end: the client closes the file
        asked.append(key)

    assert len(asked) > 50
    assert _snapshot() == before
