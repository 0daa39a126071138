"""Signing in and out, passwords, throttled failed sign-ins, safe redirects, and the workspace
home of each role."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from silkroutes.accounts.models import Membership
from silkroutes.actors.models import Organisation
from silkroutes.meetings import services
from silkroutes.meetings.models import Meeting
from tests.conftest import PASSWORD
from tests.factories import MeetingFactory, StateFactory

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("workspace:login")
HOME = reverse("workspace:home")


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(SIGN_IN, {"username": username, "password": password, **extra})


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next={HOME}"


def test_the_sign_in_page_has_a_labelled_form(client):
    page = client.get(SIGN_IN).content.decode()

    assert '<label for="id_username">' in page
    assert '<label for="id_password">' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert "Forgotten your password?" in page


def test_signing_in_opens_the_workspace_home(client, secretariat_user):
    response = sign_in(client, "sedef")

    assert response.status_code == 302
    assert response["Location"] == HOME
    page = client.get(HOME).content.decode()
    assert "Signed in as sedef" in page
    assert "International Centre for Migration Policy Development" in page


def test_a_wrong_password_is_refused_with_a_message(client, secretariat_user):
    response = sign_in(client, "sedef", password="wrong")

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_next_leads_back_to_the_page_asked_for(client, secretariat_user):
    meetings = reverse("workspace:meetings")

    response = sign_in(client, "sedef", next=meetings)

    assert response["Location"] == meetings


@pytest.mark.parametrize(
    "target", ["https://evil.example.org/", "//evil.example.org/", "http:///evil.example.org"]
)
def test_next_never_leads_to_another_site(client, secretariat_user, target):
    response = sign_in(client, "sedef", next=target)

    assert response.status_code == 302
    assert response["Location"] == HOME


def test_five_failed_sign_ins_lock_the_account_for_a_while(client, secretariat_user):
    for _ in range(4):
        assert sign_in(client, "sedef", password="wrong").status_code == 200

    fifth = sign_in(client, "sedef", password="wrong")
    with_the_right_password = sign_in(client, "sedef")

    for response in (fifth, with_the_right_password):
        assert response.status_code == 429
        page = response.content.decode()
        assert "This account is temporarily locked." in page
        assert "Signing in failed 5 times." in page
        assert "Try again in 15 minutes." in page
    assert client.get(HOME).status_code == 302  # still not signed in


def test_the_lock_is_per_user_name(client, secretariat_user, turkey_focal_point):
    for _ in range(5):
        sign_in(client, "sedef", password="wrong")

    response = sign_in(client, "ayse")

    assert response["Location"] == HOME


def test_signing_out_takes_a_post(client, secretariat_user):
    client.force_login(secretariat_user)
    home = client.get(HOME).content.decode()
    assert f'action="{reverse("workspace:logout")}" method="post"' in home

    assert client.get(reverse("workspace:logout")).status_code == 405
    response = client.post(reverse("workspace:logout"))

    assert response["Location"] == SIGN_IN
    assert client.get(HOME).status_code == 302


def test_a_password_is_reset_by_email(client, secretariat_user, mailoutbox):
    response = client.post(reverse("workspace:password_reset"), {"email": "sedef@example.org"})
    assert response["Location"] == reverse("workspace:password_reset_done")

    (mail,) = mailoutbox
    link = re.search(r"http://testserver(/\S+/)", mail.body).group(1)
    form = client.get(link, follow=True)
    assert "Set a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-new-silk-road-2015", "new_password2": "a-new-silk-road-2015"},
    )

    assert done["Location"] == reverse("workspace:password_reset_complete")
    assert sign_in(Client(), "sedef", password="a-new-silk-road-2015")["Location"] == HOME


def test_a_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, mailoutbox):
    response = client.post(reverse("workspace:password_reset"), {"email": "nobody@example.org"})

    assert response["Location"] == reverse("workspace:password_reset_done")
    assert mailoutbox == []


def test_a_password_is_changed_with_the_old_one(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post(
        reverse("workspace:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-silk-road-2016",
            "new_password2": "another-silk-road-2016",
        },
        follow=True,
    )

    assert "Your password is changed." in response.content.decode()
    secretariat_user.refresh_from_db()
    assert secretariat_user.check_password("another-silk-road-2016")


# -- the home of each role ----------------------------------------------------------------------


def test_the_secretariat_sees_the_meetings_to_prepare(client, secretariat_user):
    client.force_login(secretariat_user)

    page = client.get(HOME).content.decode()

    assert "Meetings to prepare" in page
    assert "Senior Officials&#x27; Meeting 2015" in page
    assert "Annual Senior Officials&#x27; Meeting 2016" not in page  # held
    assert reverse("workspace:meeting_foresee") in page


def test_a_focal_point_sees_the_invitations_of_its_state(
    client, turkey_focal_point, secretariat_user
):
    meeting = Meeting.objects.get(slug="som-2015")
    services.invite(
        meeting, organisations=[Organisation.objects.get(slug="turkey")], by=secretariat_user
    )
    client.force_login(turkey_focal_point)

    page = client.get(HOME).content.decode()

    assert "Turkey — national focal point" in page
    assert "Invitations of your state" in page
    assert "not registered yet" in page
    assert reverse("workspace:delegation", args=["som-2015", "turkey"]) in page
    assert "Meetings to prepare" not in page


def test_a_chair_sees_the_meetings_of_its_body(client, turkey_focal_point):
    client.force_login(turkey_focal_point)

    page = client.get(HOME).content.decode()

    assert "Bodies you chair" in page
    assert "Silk Routes" in page
    assert reverse("workspace:meeting", args=["wg-silk-routes-2014"]) in page


def test_a_focal_point_of_a_state_without_invitations_is_told(client, pakistan_focal_point):
    client.force_login(pakistan_focal_point)

    page = client.get(HOME).content.decode()

    assert "Your state has no invitation yet." in page
    assert "Bodies you chair" not in page


def test_an_account_without_membership_is_told_what_to_do(client, django_user_model):
    client.force_login(django_user_model.objects.create(username="newcomer"))

    page = client.get(HOME).content.decode()

    assert "Your account acts for no organisation yet" in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_home_costs_the_same_for_one_or_three_invitations(
    client, secretariat_user, django_assert_num_queries, count
):
    state = StateFactory(name="Ruritania")
    user = get_user_model().objects.create(username="fp", email="fp@example.org")
    Membership.objects.create(user=user, organisation=state, kind="focal-point")
    for n in range(count):
        services.invite(
            MeetingFactory(title=f"Meeting {n}"), organisations=[state], by=secretariat_user
        )
    client.force_login(user)

    # session, user, memberships and roles (access), memberships with organisations, invitations
    with django_assert_num_queries(8):  # +2: the data version, the footer's data date
        page = client.get(HOME).content.decode()

    assert page.count("register the delegation") == count


def test_behind_the_proxy_one_address_locked_out_does_not_lock_out_the_others(
    client, settings, secretariat_user
):
    """nginx connects from 127.0.0.1 for everyone; the lock follows the address it forwards."""
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    sedef = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.7"}
    for _ in range(5):
        client.post(SIGN_IN, {"username": "sedef", "password": "wrong"}, **attacker)

    locked = client.post(SIGN_IN, {"username": "sedef", "password": PASSWORD}, **attacker)
    signed_in = client.post(SIGN_IN, {"username": "sedef", "password": PASSWORD}, **sedef)

    assert locked.status_code == 429
    assert signed_in["Location"] == HOME


def test_a_forged_forwarded_for_header_does_not_escape_the_lock(client, settings, secretariat_user):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        client.post(
            SIGN_IN,
            {"username": "sedef", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )

    response = client.post(
        SIGN_IN, {"username": "sedef", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.99"
    )

    assert response.status_code == 429


ATTACKER = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}


def _guess(client, n: int):
    return client.post(SIGN_IN, {"username": f"guess-{n}", "password": "wrong"}, **ATTACKER)


def test_twenty_failures_with_any_user_names_lock_the_address_out(
    client, settings, secretariat_user, turkey_focal_point
):
    """Each failure costs a password hash: random user names must not load the workers."""
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(19):
        assert _guess(client, n).status_code == 200

    twentieth = _guess(client, 19)
    with_a_real_account = client.post(
        SIGN_IN, {"username": "sedef", "password": PASSWORD}, **ATTACKER
    )
    from_elsewhere = Client().post(
        SIGN_IN,
        {"username": "ayse", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.7",
    )

    for response in (twentieth, with_a_real_account):
        assert response.status_code == 429
        page = response.content.decode()
        assert "Signing in from your address is temporarily locked." in page
        assert "Signing in from it failed 20 times, with any user names." in page
        assert "Try again in 15 minutes." in page
    assert from_elsewhere["Location"] == HOME


def test_signing_in_between_guesses_does_not_reset_the_address_count(
    client, settings, secretariat_user
):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(10):
        _guess(client, n)
    signed_in = Client().post(SIGN_IN, {"username": "sedef", "password": PASSWORD}, **ATTACKER)
    for n in range(10, 19):
        assert _guess(client, n).status_code == 200

    twentieth = _guess(client, 19)

    assert signed_in["Location"] == HOME
    assert twentieth.status_code == 429
