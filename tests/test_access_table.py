"""Every URL pattern of the project answers every role as ``tests/access_table.py`` says, and a
restricted document or outcome never reaches the public through any page, feed or file URL."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from silkroutes.actors.models import Organisation
from silkroutes.meetings.models import Meeting
from tests.access_table import (
    ADMIN_EXCEPTIONS,
    ADMIN_EXPECT,
    ADMIN_LOGIN,
    ANONYMOUS,
    LOGIN,
    REDIRECT,
    ROLE_ORDER,
    ROLES,
    TABLE,
)
from tests.factories import (
    ActionPointFactory,
    DocumentFactory,
    DocumentFileFactory,
    OutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SECRET_DOCUMENT = "Confidential briefing on the readmission talks"
SECRET_OUTCOME = "Confidential conclusion on the readmission talks"


# -- the URL patterns of the project ---------------------------------------------------------


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, route, pattern


def all_url_patterns() -> list[tuple[str, str, URLPattern]]:
    """(key, route, pattern) for every URL pattern; the key is the namespaced name, or the
    route for a pattern without a name."""
    return [
        (name or route, route, pattern)
        for name, route, pattern in _walk(get_resolver().url_patterns)
    ]


def _is_admin(key: str, route: str) -> bool:
    return key.startswith("admin:") or route.startswith("admin/")


def test_every_url_pattern_has_a_row():
    patterns = all_url_patterns()
    keys = {key for key, route, _ in patterns if not _is_admin(key, route)}

    assert sorted(keys - set(TABLE)) == [], "URL patterns without a row in tests/access_table.py"
    assert sorted(set(TABLE) - keys) == [], "rows of tests/access_table.py naming no URL"


# -- the cast and the objects the table's placeholders name -----------------------------------


@pytest.fixture
def cast(secretariat_user, pakistan_focal_point, turkey_focal_point, sweden_donor, iom_implementer):
    return {
        "secretariat": secretariat_user,
        "focal_point": pakistan_focal_point,
        "chair": turkey_focal_point,
        "donor": sweden_donor,
        "implementer": iom_implementer,
    }


@pytest.fixture(autouse=True)
def _fast_and_private(settings, tmp_path):
    """Files in a temporary directory and the API's rate limits out of
    the way (the table sends many requests from one address)."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    settings.API_RATE_LIMIT_ANONYMOUS = settings.API_RATE_LIMIT_TOKEN = "100000/min"
    cache.clear()
    yield
    cache.clear()


def _document(title, *, tier="public", published=True, meeting="wg-silk-routes-2015"):
    document = DocumentFactory(
        title=title,
        meeting=Meeting.objects.get(slug=meeting),
        access_tier=tier,
        published_at=timezone.now() - dt.timedelta(hours=1) if published else None,
    )
    DocumentFileFactory(document=document, original_name=f"{title}.pdf")
    return document


def _outcome(title, *, tier="public", published=True):
    return OutcomeFactory(
        title=title,
        meeting=Meeting.objects.get(slug="wg-silk-routes-2015"),
        access_tier=tier,
        published_at=timezone.now() if published else None,
    )


@pytest.fixture
def access_objects(cast):
    from silkroutes.accounts.services import create_token
    from silkroutes.core.fuzzydates import FuzzyDate
    from silkroutes.meetings.services import invite
    from silkroutes.monitoring.services import open_cycle, report_initiative
    from silkroutes.strategy.models import Framework

    secretariat, pakistan = cast["secretariat"], Organisation.objects.get(slug="pakistan")
    outcome = _outcome("Conclusions of the 6th meeting")
    cycle = open_cycle(
        framework=Framework.objects.order_by("pk").first(),
        title="Reporting 2015",
        opens=timezone.localdate(),
        deadline=timezone.localdate() + dt.timedelta(days=30),
        by=secretariat,
    )
    initiative = report_initiative(
        cycle,
        state=pakistan,
        by=cast["focal_point"],
        kind="policy",
        title="National return policy",
        description="Adopted in 2015.",
        start=FuzzyDate.parse("2015"),
    )
    token, _key = create_token(secretariat, name="reports", scope="read", by=secretariat)
    invite(Meeting.objects.get(slug="som-2014"), organisations=[pakistan], by=secretariat)
    # Someone outside the cast forgot their password (signing in would void the token).
    forgetful = UserFactory(username="forgetful")
    return {
        "document": _document("Agenda of the 6th meeting").slug,
        "draft": _document("Draft annotated agenda", published=False).slug,
        "restricted_document": _document(SECRET_DOCUMENT, tier="secretariat").slug,
        "outcome": outcome.pk,
        "draft_outcome": _outcome("Draft conclusions", published=False).pk,
        "restricted_outcome": _outcome(SECRET_OUTCOME, tier="secretariat").pk,
        "action_point": ActionPointFactory(outcome=outcome, owner_organisation=pakistan).pk,
        "cycle": cycle.pk,
        "initiative": initiative.pk,
        "token": token.pk,
        "reset_uid": urlsafe_base64_encode(force_bytes(forgetful.pk)),
        "reset_token": default_token_generator.make_token(forgetful),
    }


# -- requesting a row as every role -----------------------------------------------------------


def _path(key, row, objects) -> str:
    if row.path:
        return row.path
    kwargs = {name: str(value).format(**objects) for name, value in row.kwargs.items()}
    return reverse(key, kwargs=kwargs) + row.query


def _answer(response) -> object:
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)  # read to the end: the client closes the file
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        if location.startswith(resolve_url("workspace:login")):
            return LOGIN
        if location.startswith(reverse("admin:login")):
            return ADMIN_LOGIN
        return REDIRECT
    return response.status_code


def _as(role, cast) -> Client:
    client = Client()
    if role != ANONYMOUS:
        client.force_login(cast[role])
    return client


@pytest.mark.parametrize("key", sorted(TABLE))
def test_each_url_answers_each_role_as_the_table_says(key, cast, access_objects):
    row = TABLE[key]
    path = _path(key, row, access_objects)

    answers = {}
    for role in ROLE_ORDER:
        if role in row.roles:
            client = _as(role, cast)
            answers[role] = _answer(getattr(client, row.method)(path, row.data))

    wrong = {
        role: f"{got} (table: {row.expect[role]})"
        for role, got in answers.items()
        if got != row.expect[role]
    }
    assert wrong == {}, f"{row.method.upper()} {path}"


# -- the admin, as one group ------------------------------------------------------------------

_SAMPLE = {"app_label": "documents", "object_id": "1", "content_type_id": "1"}


def _admin_path(key: str, route: str, pattern: URLPattern) -> str:
    if not key.startswith("admin:"):  # the admin's unnamed patterns: old URLs, the catch-all
        return "/" + re.sub(r"<[^>]+>|\(\?P<\w+>[^)]*\)", "1", route).strip("^$")
    names = list(getattr(pattern.pattern, "converters", {})) or list(
        pattern.pattern.regex.groupindex
    )
    if names:
        return reverse(key, kwargs={name: _SAMPLE.get(name, "1") for name in names})
    return reverse(key, args=["1"] * pattern.pattern.regex.groups)


def _admin_paths() -> list[str]:
    return sorted(
        {
            _admin_path(key, route, pattern)
            for key, route, pattern in all_url_patterns()
            if _is_admin(key, route)
        }
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_url_sends_non_staff_to_the_admin_sign_in(role, cast):
    client = _as(role, cast)
    exceptions = {reverse(name): answer for name, answer in ADMIN_EXCEPTIONS.items()}

    answers = {path: _answer(client.get(path)) for path in _admin_paths()}

    wrong = {
        path: f"{got} (table: {exceptions.get(path, ADMIN_EXPECT[role])})"
        for path, got in answers.items()
        if got != exceptions.get(path, ADMIN_EXPECT[role])
    }
    assert len(answers) > 50
    assert set(exceptions) <= set(answers)
    assert wrong == {}


def test_staff_reach_the_admin_of_documents_and_outcomes(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)

    for model in ("documents/document", "outcomes/outcome", "outcomes/actionpoint"):
        page = client.get(f"/admin/{model}/")
        assert page.status_code == 200, model


# -- nothing restricted reaches the public ----------------------------------------------------


def _text(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", errors="replace")


def test_restricted_records_never_reach_the_public_anywhere(access_objects):
    """The Secretariat-only document and outcome of a starter meeting appear on no public page,
    feed, API answer or search result; their file URL is not found."""
    anonymous = Client()
    secrets = (SECRET_DOCUMENT, SECRET_OUTCOME, access_objects["restricted_document"])
    public_paths = [
        _path(key, row, access_objects)
        for key, row in TABLE.items()
        if row.method == "get" and row.expect[ANONYMOUS] == 200
    ]
    public_paths += [
        reverse("portal:search") + "?q=readmission+talks",
        reverse("portal:search") + "?q=Confidential",
        reverse("api:meeting", kwargs={"slug": "wg-silk-routes-2015"}),
    ]

    leaks = {
        path: secret
        for path in public_paths
        for secret in secrets
        if secret in _text(anonymous.get(path))
    }
    file_url = reverse(
        "workspace:document_download", args=[access_objects["restricted_document"], "en"]
    )

    assert leaks == {}
    assert anonymous.get(file_url).status_code == 404


def test_the_public_meeting_page_shows_public_documents_and_outcomes_only(access_objects):
    page = _text(Client().get(reverse("portal:meeting", args=["wg-silk-routes-2015"])))

    assert "Agenda of the 6th meeting" in page
    assert "Conclusions of the 6th meeting" in page
    assert SECRET_DOCUMENT not in page
    assert SECRET_OUTCOME not in page
    assert "Draft annotated agenda" not in page


def test_the_restricted_document_is_served_to_the_secretariat_only(cast, access_objects):
    from silkroutes.documents.queries import documents_visible_to

    slug = access_objects["restricted_document"]
    url = reverse("workspace:document_download", args=[slug, "en"])

    answers = {role: _answer(_as(role, cast).get(url)) for role in ROLE_ORDER}

    assert answers == {role: 200 if role == "secretariat" else 404 for role in ROLE_ORDER}
    assert not documents_visible_to(AnonymousUser()).filter(slug=slug).exists()


# -- signed-in pages are never stored -----------------------------------------------------------


def _cache_control(response) -> str:
    _text(response)  # read to the end: the client closes a file it streams
    return response.get("Cache-Control", "")


def test_every_workspace_page_is_private_and_never_stored(cast, access_objects):
    """Workspace pages may show restricted text: no shared cache may keep them and no browser may
    write them to disk (hostile-input review, low item 3)."""
    secretariat = _as("secretariat", cast)
    paths = [
        _path(key, row, access_objects)
        for key, row in sorted(TABLE.items())
        if key.startswith("workspace:") and row.method == "get" and "secretariat" in row.roles
    ]

    headers = {path: _cache_control(secretariat.get(path)) for path in paths}

    assert len(paths) > 20
    assert {path: h for path, h in headers.items() if h != "private, no-store"} == {}


def test_a_public_page_is_private_for_a_signed_in_person_only(cast):
    path = reverse("portal:meeting", args=["wg-silk-routes-2015"])

    signed_in = _as("secretariat", cast).get(path)
    anonymous = Client().get(path)

    assert signed_in["Cache-Control"] == "private, no-store"
    assert "private" not in anonymous.get("Cache-Control", "")
    assert "Cookie" not in anonymous.get("Vary", "")


def test_the_workspace_pages_open_to_anyone_are_never_stored_either(access_objects):
    """Signing in, the password reset pages: forms for one person. (The file of a public
    document is public: anyone may keep it for five minutes.)"""
    paths = [
        _path(key, row, access_objects)
        for key, row in sorted(TABLE.items())
        if key.startswith("workspace:")
        and key != "workspace:document_download"
        and row.method == "get"
        and row.expect[ANONYMOUS] == 200
    ]

    headers = {path: _cache_control(Client().get(path)) for path in paths}

    assert len(paths) >= 3
    assert {
        path: h for path, h in headers.items() if not {"private", "no-store"} <= set(h.split(", "))
    } == {}
