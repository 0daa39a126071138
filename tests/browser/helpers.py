"""Steps shared by browser tests of the workspace: the cast, signing in and out.

Browser tests run on a flushed (transactional) database, so the cast of ``tests/conftest.py``
is created here, after ``starter_data`` has loaded the organisations."""

from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from silkroutes.accounts.models import Membership
from silkroutes.actors.models import Organisation
from tests.conftest import PASSWORD

# username → (organisation, acts as); the same people as the cast fixtures of tests/conftest.py
CAST = {
    "sedef": ("icmpd", Membership.Kind.SECRETARIAT),
    "ayse": ("turkey", Membership.Kind.FOCAL_POINT),
    "imran": ("pakistan", Membership.Kind.FOCAL_POINT),
    "karin": ("sweden", Membership.Kind.DONOR),
    "omar": ("iom", Membership.Kind.IMPLEMENTER),
}


def create_cast(*usernames: str) -> None:
    """Create the named members of the cast (all of them when none is named)."""
    for username in usernames or CAST:
        organisation, kind = CAST[username]
        user = get_user_model().objects.create_user(
            username=username, email=f"{username}@example.org", password=PASSWORD
        )
        Membership.objects.create(
            user=user, organisation=Organisation.objects.get(slug=organisation), kind=kind
        )


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the form and land on the workspace home."""
    page.goto("/workspace/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {username}")).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to the workspace")).to_be_visible()
