"""Invitations, delegations and attendance: who may register which state's delegation, the one
head of a delegation, one delegation per state, and who was there."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from silkroutes.actors.models import Country, Organisation
from silkroutes.meetings import services
from silkroutes.meetings.models import Attendance, Delegation, Invitation, Meeting

pytestmark = pytest.mark.django_db

HEAD = {"name": "Ahmet Yılmaz", "function": "Director General", "is_head": True}
EXPERT = {"name": "Elif Demir", "function": "Expert", "email": "elif@example.org"}


@pytest.fixture
def som_2015():
    return Meeting.objects.get(slug="som-2015")


@pytest.fixture
def turkey():
    return Organisation.objects.get(slug="turkey")


@pytest.fixture
def pakistan():
    return Organisation.objects.get(slug="pakistan")


@pytest.fixture
def invited(som_2015, turkey, pakistan, secretariat_user):
    services.invite(som_2015, organisations=[turkey, pakistan], by=secretariat_user)
    return som_2015


def held_yesterday(meeting, by):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    services.schedule_meeting(
        meeting, first_day=yesterday, city="Istanbul", country=Country.objects.get(code="TR"), by=by
    )
    return meeting


# -- invitations ------------------------------------------------------------------------------


def test_inviting_records_who_invited_and_leaves_the_calendar_alone(
    som_2015, turkey, secretariat_user
):
    created = services.invite(som_2015, organisations=[turkey], by=secretariat_user)

    invitation = som_2015.invitations.get()
    assert created == [invitation]
    assert (invitation.organisation, invitation.invited_by) == (turkey, secretariat_user)
    som_2015.refresh_from_db()
    assert som_2015.revision == 0


def test_inviting_again_adds_only_the_new_organisations(invited, turkey, secretariat_user):
    iom = Organisation.objects.get(slug="iom")

    created = services.invite(invited, organisations=[turkey, iom], by=secretariat_user)

    assert [i.organisation for i in created] == [iom]
    assert invited.invitations.count() == 3


def test_only_the_secretariat_invites(som_2015, turkey, turkey_focal_point):
    with pytest.raises(ValidationError, match="Only the Secretariat can invite"):
        services.invite(som_2015, organisations=[turkey], by=turkey_focal_point)
    assert not Invitation.objects.filter(meeting=som_2015).exists()


def test_a_cancelled_meeting_takes_no_invitations(som_2015, turkey, secretariat_user):
    services.cancel_meeting(som_2015, reason="No host", by=secretariat_user)

    with pytest.raises(ValidationError, match="takes no more invitations"):
        services.invite(som_2015, organisations=[turkey], by=secretariat_user)


# -- delegations ------------------------------------------------------------------------------


def test_a_focal_point_registers_the_delegation_of_its_state(invited, turkey, turkey_focal_point):
    delegation = services.register_delegation(
        invited, state=turkey, members=[HEAD, EXPERT], by=turkey_focal_point
    )

    assert delegation.registered_by == turkey_focal_point
    members = list(delegation.members.values_list("name", "is_head", "email"))
    assert members == [
        ("Ahmet Yılmaz", True, ""),
        ("Elif Demir", False, "elif@example.org"),
    ]


def test_registering_again_replaces_the_members(invited, turkey, turkey_focal_point):
    services.register_delegation(
        invited, state=turkey, members=[HEAD, EXPERT], by=turkey_focal_point
    )

    services.register_delegation(
        invited, state=turkey, members=[{**EXPERT, "is_head": True}], by=turkey_focal_point
    )

    delegation = Delegation.objects.get(meeting=invited, state=turkey)
    assert list(delegation.members.values_list("name", "is_head")) == [("Elif Demir", True)]


def test_pakistans_focal_point_cannot_register_turkeys_delegation(
    invited, turkey, pakistan_focal_point
):
    with pytest.raises(ValidationError, match="Only a national focal point of Turkey"):
        services.register_delegation(invited, state=turkey, members=[HEAD], by=pakistan_focal_point)
    assert not Delegation.objects.exists()


def test_the_secretariat_does_not_register_a_states_delegation(invited, turkey, secretariat_user):
    with pytest.raises(ValidationError, match="Only a national focal point"):
        services.register_delegation(invited, state=turkey, members=[HEAD], by=secretariat_user)


def test_a_state_that_is_not_invited_is_refused(som_2015, turkey, turkey_focal_point):
    with pytest.raises(ValidationError, match="Turkey is not invited to this meeting"):
        services.register_delegation(som_2015, state=turkey, members=[HEAD], by=turkey_focal_point)


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ([EXPERT], "exactly one head; 0 are marked"),
        ([HEAD, {**EXPERT, "is_head": True}], "exactly one head; 2 are marked"),
        ([], "at least one member"),
        ([HEAD, {"name": " ", "function": "Expert"}], "needs a name"),
        ([{**HEAD, "email": "not-an-address"}], "valid email"),
    ],
)
def test_a_delegation_needs_named_members_and_one_head(
    invited, turkey, turkey_focal_point, members, message
):
    with pytest.raises(ValidationError, match=message):
        services.register_delegation(invited, state=turkey, members=members, by=turkey_focal_point)
    assert not Delegation.objects.exists()


def test_a_held_meeting_takes_no_more_delegations(
    invited, turkey, secretariat_user, turkey_focal_point
):
    held_yesterday(invited, secretariat_user)
    services.hold_meeting(invited, by=secretariat_user)

    with pytest.raises(ValidationError, match="can no longer be registered"):
        services.register_delegation(invited, state=turkey, members=[HEAD], by=turkey_focal_point)


def test_the_database_refuses_a_second_delegation_of_a_state(invited, turkey):
    Delegation.objects.create(meeting=invited, state=turkey)

    with pytest.raises(IntegrityError), transaction.atomic():
        Delegation.objects.create(meeting=invited, state=turkey)


# -- attendance -------------------------------------------------------------------------------


def test_attendance_records_organisations_and_delegation_members(
    invited, turkey, pakistan, secretariat_user, turkey_focal_point
):
    delegation = services.register_delegation(
        invited, state=turkey, members=[HEAD, EXPERT], by=turkey_focal_point
    )
    held_yesterday(invited, secretariat_user)
    head = delegation.members.get(is_head=True)
    iom = Organisation.objects.get(slug="iom")

    rows = services.record_attendance(
        invited,
        organisations={pakistan: 3, iom: None},
        attended_members=[head],
        by=secretariat_user,
    )

    assert [(r.organisation.slug, r.persons) for r in rows] == [
        ("iom", None),
        ("pakistan", 3),
        ("turkey", 1),  # present through its head of delegation
    ]
    assert dict(delegation.members.values_list("name", "attended")) == {
        "Ahmet Yılmaz": True,
        "Elif Demir": False,
    }


def test_recording_attendance_again_replaces_it(invited, pakistan, turkey, secretariat_user):
    held_yesterday(invited, secretariat_user)
    services.record_attendance(invited, organisations={pakistan: 3, turkey: 2}, by=secretariat_user)

    services.record_attendance(invited, organisations={turkey: 4}, by=secretariat_user)

    assert list(
        Attendance.objects.filter(meeting=invited).values_list("organisation__slug", "persons")
    ) == [("turkey", 4)]


def test_attendance_waits_for_the_meeting_to_begin(invited, pakistan, secretariat_user):
    services.schedule_meeting(
        invited,
        first_day=dt.date.today() + dt.timedelta(days=10),
        city="Istanbul",
        country=Country.objects.get(code="TR"),
        by=secretariat_user,
    )

    with pytest.raises(ValidationError, match="once the meeting has begun"):
        services.record_attendance(invited, organisations={pakistan: 1}, by=secretariat_user)


def test_members_of_another_meetings_delegation_cannot_be_marked(
    invited, turkey, secretariat_user, turkey_focal_point
):
    other = Meeting.objects.get(slug="som-2014")
    services.invite(other, organisations=[turkey], by=secretariat_user)
    stranger = services.register_delegation(
        other, state=turkey, members=[HEAD], by=turkey_focal_point
    ).members.get()
    held_yesterday(invited, secretariat_user)

    with pytest.raises(ValidationError, match="Only members of this meeting's delegations"):
        services.record_attendance(
            invited, organisations={}, attended_members=[stranger], by=secretariat_user
        )


def test_only_the_secretariat_records_attendance(invited, pakistan, turkey_focal_point):
    with pytest.raises(ValidationError, match="Only the Secretariat can record attendance"):
        services.record_attendance(invited, organisations={pakistan: 1}, by=turkey_focal_point)
