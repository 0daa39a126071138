import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from silkroutes.accounts.models import Membership
from silkroutes.accounts.permissions import ANONYMOUS, access_for, compute_access
from silkroutes.actors.models import Role
from silkroutes.meetings.models import Body

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_have_no_rights():
    assert access_for(AnonymousUser()) == ANONYMOUS
    assert not ANONYMOUS.secretariat
    assert not ANONYMOUS.represents_a_participating_state


def test_secretariat_staff_are_recognised(secretariat_user):
    access = access_for(secretariat_user)

    assert access.secretariat
    assert access.is_member_of_body(Body.objects.get(slug="wg-black-sea").pk)


def test_a_focal_point_chairs_the_bodies_its_state_chairs_today(turkey_focal_point):
    silk_routes_wg = Body.objects.get(slug="wg-silk-routes")

    access = access_for(turkey_focal_point)

    assert access.chairs(silk_routes_wg.pk)
    assert access.represents_a_participating_state
    assert not access.secretariat


def test_chair_rights_end_with_the_chairmanship(turkey_focal_point):
    role = Role.objects.get(key="wg-silk-routes-co-chair-turkey")
    role.end, role.end_precision = dt.date(2020, 1, 1), "year"
    role.save()

    assert not compute_access(turkey_focal_point).chairs(role.body_id)


def test_a_focal_point_of_a_state_without_a_chair_chairs_nothing(pakistan_focal_point):
    access = access_for(pakistan_focal_point)

    assert access.chaired_bodies == frozenset()
    assert access.states == frozenset({pakistan_focal_point.memberships.get().organisation_id})


def test_an_ended_membership_gives_no_rights(secretariat_user):
    membership = secretariat_user.memberships.get()
    membership.end = dt.date(2020, 1, 1)
    membership.start = dt.date(2019, 1, 1)
    membership.save()

    assert not compute_access(secretariat_user).secretariat


def test_a_focal_point_must_act_for_a_state(secretariat_user):
    from django.core.exceptions import ValidationError

    membership = Membership(
        user=secretariat_user,
        organisation_id=secretariat_user.memberships.get().organisation_id,
        kind=Membership.Kind.FOCAL_POINT,
    )

    with pytest.raises(ValidationError, match="acts for a state's government"):
        membership.full_clean()
