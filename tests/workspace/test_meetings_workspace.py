"""The meeting pages of the workspace: what each role sees, what each step's form does, and
what the pages cost in queries."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.formats import date_format

from silkroutes.accounts.models import Membership
from silkroutes.actors.models import Country, Organisation
from silkroutes.meetings import services
from silkroutes.meetings.models import Meeting, MeetingStatus
from tests.factories import MeetingFactory, RoleFactory, StateFactory

pytestmark = pytest.mark.django_db

MEETINGS = reverse("workspace:meetings")
YESTERDAY = dt.date.today() - dt.timedelta(days=1)


def url(name, slug="som-2015", *args):
    return reverse(f"workspace:{name}", args=[slug, *args])


@pytest.fixture
def som_2015():
    return Meeting.objects.get(slug="som-2015")


@pytest.fixture
def turkey():
    return Organisation.objects.get(slug="turkey")


@pytest.fixture
def as_secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def invited(som_2015, turkey, secretariat_user):
    services.invite(som_2015, organisations=[turkey], by=secretariat_user)
    return som_2015


def scheduled_yesterday(meeting, by):
    services.schedule_meeting(
        meeting, first_day=YESTERDAY, city="Istanbul", country=Country.objects.get(code="TR"), by=by
    )
    return meeting


def text(response) -> str:
    return response.content.decode()


# -- the list ---------------------------------------------------------------------------------


def test_the_secretariat_lists_every_meeting(as_secretariat):
    page = text(as_secretariat.get(MEETINGS))

    assert "Senior Officials&#x27; Meeting 2015" in page
    assert "Annual Senior Officials&#x27; Meeting 2016" in page
    assert "<caption>Meetings you work on</caption>" in page


def test_the_list_filters_by_status(as_secretariat):
    page = text(as_secretariat.get(MEETINGS, {"status": "held"}))

    assert "Annual Senior Officials&#x27; Meeting 2016" in page
    assert "Senior Officials&#x27; Meeting 2015<" not in page
    assert '<a href="?status=held" aria-current="true">held</a>' in page


def test_an_unknown_status_is_an_invalid_filter(as_secretariat):
    response = as_secretariat.get(MEETINGS, {"status": "adjourned"})

    assert response.status_code == 400
    assert "“adjourned” is not a meeting status." in text(response)


def test_a_focal_point_lists_the_meetings_its_state_is_invited_to(
    client, invited, pakistan_focal_point, turkey_focal_point
):
    client.force_login(pakistan_focal_point)
    assert "No meeting." in text(client.get(MEETINGS))

    client.force_login(turkey_focal_point)
    page = text(client.get(MEETINGS))
    assert "Senior Officials&#x27; Meeting 2015" in page  # invited
    assert "Silk Routes" in page  # Türkiye co-chairs the Silk Routes working group
    assert "Annual Senior Officials&#x27; Meeting 2016" not in page


def test_the_list_needs_a_signed_in_user(client):
    response = client.get(MEETINGS)

    assert response["Location"].startswith(reverse("workspace:login"))


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_costs_the_same_for_one_or_three_meetings(
    client, django_assert_num_queries, count
):
    role = RoleFactory(holder=StateFactory())
    user = get_user_model().objects.create(username="chair")
    Membership.objects.create(user=user, organisation=role.holder, kind="focal-point")
    for n in range(count):
        MeetingFactory(body=role.body, title=f"Working group meeting {n}")
    client.force_login(user)

    # session, user, memberships, roles, meetings (with counts)
    with django_assert_num_queries(7):  # +2: the data version, the footer's data date
        page = text(client.get(MEETINGS))

    assert page.count("Working group meeting") == count


# -- a meeting's page -------------------------------------------------------------------------


def test_the_secretariat_is_offered_the_next_steps_of_a_foreseen_meeting(as_secretariat):
    page = text(as_secretariat.get(url("meeting")))

    assert "<h1>Senior Officials&#x27; Meeting 2015</h1>" in page
    assert f'action="{url("meeting_schedule")}"' in page
    assert f'action="{url("meeting_invite")}"' in page
    assert f'action="{url("meeting_postpone")}"' in page
    assert f'action="{url("meeting_cancel")}"' in page
    assert f'action="{url("meeting_hold")}"' not in page  # not scheduled yet
    assert "Publish the agenda" in page
    assert url("meeting_history") in page


def test_a_focal_point_of_an_invited_state_is_offered_its_delegation(
    client, invited, turkey_focal_point
):
    client.force_login(turkey_focal_point)

    page = text(client.get(url("meeting")))

    assert "Register the delegation of Turkey" in page
    assert url("delegation", "som-2015", "turkey") in page
    assert url("meeting_schedule") not in page
    assert url("meeting_history") not in page


def test_a_focal_point_of_a_state_not_invited_has_nothing_to_do(
    client, invited, pakistan_focal_point
):
    client.force_login(pakistan_focal_point)

    page = text(client.get(url("meeting")))

    assert "There is nothing for you to do with this meeting now." in page
    assert "Register the delegation" not in page
    assert "1 delegation" not in page


def test_the_delegation_page_of_a_state_not_invited_says_so(client, som_2015, pakistan_focal_point):
    client.force_login(pakistan_focal_point)

    page = text(client.get(url("delegation", "som-2015", "pakistan")))

    assert "Pakistan is not invited to this meeting" in page
    assert 'name="members-0-name"' not in page


def test_an_unknown_meeting_is_not_found(as_secretariat):
    assert as_secretariat.get(url("meeting", "som-1999")).status_code == 404


def test_a_focal_point_sees_its_own_delegation_and_not_others(
    client, invited, turkey, secretariat_user, turkey_focal_point, pakistan_focal_point
):
    pakistan = Organisation.objects.get(slug="pakistan")
    services.invite(invited, organisations=[pakistan], by=secretariat_user)
    services.register_delegation(
        invited,
        state=turkey,
        members=[{"name": "Ahmet Yılmaz", "is_head": True}],
        by=turkey_focal_point,
    )
    services.register_delegation(
        invited,
        state=pakistan,
        members=[{"name": "Ali Khan", "is_head": True}],
        by=pakistan_focal_point,
    )
    client.force_login(pakistan_focal_point)

    page = text(client.get(url("meeting")))

    assert "Ali Khan" in page
    assert "Ahmet Yılmaz" not in page
    assert "2 delegations are registered." in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_meeting_page_costs_the_same_for_one_or_three_items(
    as_secretariat, invited, secretariat_user, django_assert_num_queries, count
):
    states = [Organisation.objects.get(slug="turkey")] + [StateFactory() for _ in range(count - 1)]
    services.invite(invited, organisations=states, by=secretariat_user)
    services.publish_agenda(
        invited, items=[{"title": f"Item {n}"} for n in range(count)], by=secretariat_user
    )
    for state in states:
        user = get_user_model().objects.create(username=f"fp-{state.slug}")
        Membership.objects.create(user=user, organisation=state, kind="focal-point")
        services.register_delegation(
            invited,
            state=state,
            members=[{"name": f"Head of {state.slug}", "is_head": True}],
            by=user,
        )

    # session, user, meeting, memberships, roles; invitations, agenda, delegations and their
    # members, delegation count, attendance, status changes; the schedule form's countries and
    # hosts, the invite form's organisations
    with django_assert_num_queries(17):  # +2: the data version, the footer's data date
        page = text(as_secretariat.get(url("meeting")))

    assert page.count("<li><strong>Item") == count
    assert page.count("head of delegation</td>") == count


# -- the steps --------------------------------------------------------------------------------


def test_scheduling_through_the_form(as_secretariat, som_2015):
    response = as_secretariat.post(
        url("meeting_schedule"),
        {
            "first_day": "2015-12-10",
            "last_day": "2015-12-11",
            "city": "Istanbul",
            "country": Country.objects.get(code="TR").pk,
            "host": Organisation.objects.get(slug="turkey").pk,
        },
        follow=True,
    )

    page = text(response)
    assert "The meeting is scheduled." in page
    assert "Dec. 10, 2015 – Dec. 11, 2015" in page
    som_2015.refresh_from_db()
    assert som_2015.status == MeetingStatus.SCHEDULED


def test_a_form_with_errors_shows_them_and_changes_nothing(as_secretariat, som_2015):
    response = as_secretariat.post(
        url("meeting_schedule"),
        {"first_day": "2015-12-10", "last_day": "2015-12-01", "city": "", "country": ""},
    )

    page = text(response)
    assert response.status_code == 400
    assert "The step was not taken" in page
    assert "A meeting cannot end before it starts." in page
    assert "This field is required." in page
    som_2015.refresh_from_db()
    assert som_2015.status == MeetingStatus.FORESEEN


def test_a_refused_step_says_why(as_secretariat, secretariat_user):
    held = Meeting.objects.get(slug="som-2016")

    response = as_secretariat.post(url("meeting_cancel", "som-2016"), {"reason": "x"})

    assert "A meeting cannot go from “held” to “cancelled”." in text(response)
    held.refresh_from_db()
    assert held.status == MeetingStatus.HELD


def test_steps_change_nothing_on_get(as_secretariat):
    for name in ("meeting_schedule", "meeting_invite", "meeting_hold", "meeting_postpone"):
        assert as_secretariat.get(url(name)).status_code == 405


def test_a_chair_may_not_cancel(client, turkey_focal_point):
    client.force_login(turkey_focal_point)

    response = client.post(url("meeting_cancel", "wg-silk-routes-2014"), {"reason": "x"})

    assert response.status_code == 403
    assert Meeting.objects.get(slug="wg-silk-routes-2014").status == MeetingStatus.FORESEEN


def test_foreseeing_through_the_form(as_secretariat):
    from silkroutes.meetings.models import Body

    body = Body.objects.get(slug="senior-officials")
    response = as_secretariat.post(
        reverse("workspace:meeting_foresee"),
        {"body": body.pk, "title": "Senior Officials' Meeting 2017", "date": "2017-Q4"},
        follow=True,
    )

    assert "The meeting is foreseen." in text(response)
    assert "Q4 2017" in text(response)


def test_a_fuzzy_date_that_is_not_a_date_is_explained(as_secretariat):
    response = as_secretariat.post(
        reverse("workspace:meeting_foresee"), {"body": "", "title": "x", "date": "next year"}
    )

    assert "is not a date; use 2015, 2015-Q2, 2015-04 or 2015-04-17." in text(response)


def test_publishing_the_agenda_through_the_form(as_secretariat, som_2015):
    data = {
        "agenda-TOTAL_FORMS": "3",
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "1",
        "agenda-MAX_NUM_FORMS": "1000",
        "agenda-0-title": "Opening",
        "agenda-1-title": "Review of the programme",
        "agenda-1-goals": "Take stock",
        "agenda-2-title": "",
    }

    response = as_secretariat.post(url("meeting_agenda"), data, follow=True)

    page = text(response)
    assert "The agenda is published." in page
    assert "<li><strong>Review of the programme</strong>" in page
    assert list(som_2015.agenda_items.values_list("title", flat=True)) == [
        "Opening",
        "Review of the programme",
    ]


def test_inviting_through_the_form(as_secretariat, som_2015, turkey):
    response = as_secretariat.post(
        url("meeting_invite"), {"organisations": [turkey.pk]}, follow=True
    )

    assert "The invitations are recorded." in text(response)
    assert list(som_2015.invitations.values_list("organisation__slug", flat=True)) == ["turkey"]


def delegation_data(*members):
    data = {
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "1",
        "members-MAX_NUM_FORMS": "1000",
    }
    for n, member in enumerate(members):
        data.update({f"members-{n}-{key}": value for key, value in member.items()})
    return data


def test_a_focal_point_registers_a_delegation_through_the_form(client, invited, turkey_focal_point):
    client.force_login(turkey_focal_point)
    form = text(client.get(url("delegation", "som-2015", "turkey")))
    assert "Delegation of Turkey to the Senior Officials&#x27; Meeting 2015" in form

    response = client.post(
        url("delegation", "som-2015", "turkey"),
        delegation_data(
            {"name": "Ahmet Yılmaz", "function": "Director General", "is_head": "on"},
            {"name": "Elif Demir", "function": "Expert"},
        ),
        follow=True,
    )

    page = text(response)
    assert "The delegation of Turkey is registered." in page
    assert "Ahmet Yılmaz" in page
    assert invited.delegations.get().members.count() == 2


def test_a_delegation_without_head_is_sent_back(client, invited, turkey_focal_point):
    client.force_login(turkey_focal_point)

    response = client.post(
        url("delegation", "som-2015", "turkey"), delegation_data({"name": "Elif Demir"})
    )

    assert response.status_code == 400
    assert "Mark exactly one member as head of the delegation (0 marked)." in text(response)
    assert not invited.delegations.exists()


def test_pakistans_focal_point_cannot_open_turkeys_delegation(
    client, invited, secretariat_user, pakistan_focal_point
):
    services.invite(
        invited, organisations=[Organisation.objects.get(slug="pakistan")], by=secretariat_user
    )
    client.force_login(pakistan_focal_point)

    assert client.get(url("delegation", "som-2015", "turkey")).status_code == 403
    response = client.post(
        url("delegation", "som-2015", "turkey"),
        delegation_data({"name": "Imran", "is_head": "on"}),
    )
    assert response.status_code == 403
    assert not invited.delegations.exists()


def test_recording_attendance_and_holding_through_the_forms(
    as_secretariat, invited, turkey, secretariat_user, turkey_focal_point
):
    delegation = services.register_delegation(
        invited,
        state=turkey,
        members=[{"name": "Ahmet Yılmaz", "is_head": True}],
        by=turkey_focal_point,
    )
    scheduled_yesterday(invited, secretariat_user)
    head = delegation.members.get()

    attendance = as_secretariat.post(
        url("meeting_attendance"),
        {f"present_{turkey.pk}": "on", f"persons_{turkey.pk}": "3", f"member_{head.pk}": "on"},
        follow=True,
    )
    assert "The attendance is recorded." in text(attendance)
    assert 'name="countries_count" value="1"' in text(attendance)  # the hold form is prefilled

    held = as_secretariat.post(
        url("meeting_hold"),
        {"participants": "3", "countries_count": "1", "organisations_count": "0"},
        follow=True,
    )

    page = text(held)
    assert "The meeting is recorded as held." in page
    assert '<span class="status status-held">held</span>' in page
    invited.refresh_from_db()
    assert (invited.status, invited.participants) == (MeetingStatus.HELD, 3)


def test_postponing_through_the_form(as_secretariat, som_2015):
    response = as_secretariat.post(
        url("meeting_postpone"), {"reason": "Elections", "new_date": "2016-Q1"}, follow=True
    )

    page = text(response)
    assert "The meeting is postponed." in page
    assert "Q1 2016" in page
    assert "Elections" in page


def test_cancelling_through_the_form_keeps_the_lifecycle(as_secretariat, som_2015):
    response = as_secretariat.post(url("meeting_cancel"), {"reason": "No host"}, follow=True)

    page = text(response)
    assert "The meeting is cancelled." in page
    assert "<td>No host</td>" in page
    assert f'action="{url("meeting_invite")}"' not in page


# -- history ----------------------------------------------------------------------------------


def test_the_secretariat_sees_who_changed_what(as_secretariat, som_2015, secretariat_user):
    scheduled_yesterday(som_2015, secretariat_user)

    page = text(as_secretariat.get(url("meeting_history")))

    assert "sedef" in page
    assert "<td>foreseen</td><td>scheduled</td>" in page
    assert f"<td>2015</td><td>{date_format(YESTERDAY, 'DATE_FORMAT')}</td>" in page
    assert "(scheduled)" in page
    assert "<td>empty</td><td>Istanbul</td>" in page


def test_a_focal_point_cannot_see_the_history(client, invited, turkey_focal_point):
    client.force_login(turkey_focal_point)

    assert client.get(url("meeting_history")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_the_history_costs_the_same_for_one_or_three_versions(
    as_secretariat, secretariat_user, django_assert_num_queries, count
):
    meeting = MeetingFactory()
    meeting._history_user = secretariat_user
    for n in range(count - 1):
        meeting.city = f"City {n}"
        meeting.save()

    # session, user, meeting, memberships, roles, versions with their users (no place named:
    # the names of countries and hosts would be one query each)
    with django_assert_num_queries(8):  # +2: the data version, the footer's data date
        page = text(as_secretariat.get(url("meeting_history", meeting.slug)))

    assert page.count('<section class="version"') == count
