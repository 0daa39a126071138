"""The lifecycle of a meeting, step by step: who may take each step, what it records (status
change, a version in the history, one more revision), and what it refuses."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from silkroutes.actors.models import Country, Organisation, Role
from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.meetings import services
from silkroutes.meetings.models import Body, Meeting, MeetingStatus, MeetingStatusChange

pytestmark = pytest.mark.django_db

YESTERDAY = dt.date.today() - dt.timedelta(days=1)


@pytest.fixture
def som_2015():
    return Meeting.objects.get(slug="som-2015")


@pytest.fixture
def turkey():
    return Country.objects.get(code="TR")


def schedule(meeting, by, first_day=dt.date(2015, 12, 10), **changes):
    values = {
        "first_day": first_day,
        "last_day": first_day + dt.timedelta(days=1),
        "city": "Istanbul",
        "country": Country.objects.get(code="TR"),
        "host": Organisation.objects.get(slug="turkey"),
        "by": by,
    }
    return services.schedule_meeting(meeting, **{**values, **changes})


# -- foresee ----------------------------------------------------------------------------------


def test_the_secretariat_foresees_a_meeting_known_to_the_year(secretariat_user):
    body = Body.objects.get(slug="senior-officials")

    meeting = services.foresee_meeting(
        body,
        date=FuzzyDate.parse("2017"),
        title="Senior Officials' Meeting 2017",
        by=secretariat_user,
    )

    assert meeting.status == MeetingStatus.FORESEEN
    assert str(meeting.when) == "2017"
    assert meeting.slug == "senior-officials-2017"
    assert meeting.revision == 0
    change = meeting.status_changes.get()
    assert (change.previous_status, change.status, change.changed_by) == (
        "",
        "foreseen",
        secretariat_user,
    )
    version = meeting.history.get()
    assert version.history_user == secretariat_user
    assert version.history_change_reason == "foreseen"


def test_a_chair_foresees_a_meeting_of_the_body_it_chairs(turkey_focal_point):
    body = Body.objects.get(slug="wg-silk-routes")

    meeting = services.foresee_meeting(
        body, date=FuzzyDate.parse("2017-Q2"), title="WG 2017", by=turkey_focal_point
    )

    assert str(meeting.when) == "2017-Q2"


def test_a_chair_cannot_foresee_a_meeting_of_another_body(turkey_focal_point):
    body = Body.objects.get(slug="senior-officials")

    with pytest.raises(ValidationError, match="Only the Secretariat or the chair"):
        services.foresee_meeting(
            body, date=FuzzyDate.parse("2017"), title="SOM 2017", by=turkey_focal_point
        )
    assert not Meeting.objects.filter(title="SOM 2017").exists()


def test_foreseeing_twice_in_a_year_gives_distinct_slugs(secretariat_user):
    body = Body.objects.get(slug="senior-officials")
    when = FuzzyDate.parse("2018")

    first = services.foresee_meeting(body, date=when, title="A", by=secretariat_user)
    second = services.foresee_meeting(body, date=when, title="B", by=secretariat_user)

    assert (first.slug, second.slug) == ("senior-officials-2018", "senior-officials-2018-2")


# -- schedule ---------------------------------------------------------------------------------


def test_scheduling_fixes_days_place_and_host_and_records_the_change(som_2015, secretariat_user):
    schedule(som_2015, secretariat_user)

    som_2015.refresh_from_db()
    assert som_2015.status == MeetingStatus.SCHEDULED
    assert str(som_2015.when) == "2015-12-10"
    assert som_2015.end_date == dt.date(2015, 12, 11)
    assert (som_2015.city, som_2015.country.code, som_2015.host.slug) == (
        "Istanbul",
        "TR",
        "turkey",
    )
    assert som_2015.revision == 1
    change = som_2015.status_changes.get()
    assert (change.previous_status, change.status, change.changed_by) == (
        "foreseen",
        "scheduled",
        secretariat_user,
    )
    latest, before = som_2015.history.order_by("-history_date", "-pk")[:2]
    assert latest.history_user == secretariat_user
    assert latest.history_change_reason == "scheduled"
    assert {c.field for c in latest.diff_against(before).changes} >= {
        "status",
        "date",
        "date_precision",
        "city",
    }
    assert (before.revision, latest.revision) == (0, 1)


def test_a_chair_schedules_a_meeting_of_its_body(turkey_focal_point):
    meeting = Meeting.objects.get(slug="wg-silk-routes-2014")

    schedule(meeting, turkey_focal_point, first_day=dt.date(2014, 11, 3))

    assert meeting.status == MeetingStatus.SCHEDULED


def test_a_chair_whose_chairmanship_ended_cannot_schedule(turkey_focal_point):
    role = Role.objects.get(key="wg-silk-routes-co-chair-turkey")
    role.end, role.end_precision = dt.date(2020, 1, 1), "year"
    role.save()
    meeting = Meeting.objects.get(slug="wg-silk-routes-2014")

    with pytest.raises(ValidationError, match="Only the Secretariat or the chair"):
        schedule(meeting, turkey_focal_point)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.FORESEEN
    assert meeting.revision == 0


def test_a_focal_point_of_a_state_without_a_chair_cannot_schedule(pakistan_focal_point, som_2015):
    with pytest.raises(ValidationError, match="Only the Secretariat or the chair"):
        schedule(som_2015, pakistan_focal_point)


def test_scheduling_needs_a_place(som_2015, secretariat_user):
    with pytest.raises(ValidationError, match="a city and a country"):
        schedule(som_2015, secretariat_user, city=" ")


def test_a_meeting_cannot_end_before_it_starts(som_2015, secretariat_user):
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        schedule(som_2015, secretariat_user, last_day=dt.date(2015, 12, 1))


def test_a_held_meeting_cannot_be_scheduled_again(secretariat_user):
    held = Meeting.objects.get(slug="som-2016")

    with pytest.raises(ValidationError, match="cannot go from “held” to “scheduled”"):
        schedule(held, secretariat_user)


def test_a_stale_copy_of_a_meeting_is_refused(som_2015, secretariat_user):
    stale = Meeting.objects.get(pk=som_2015.pk)
    schedule(som_2015, secretariat_user)

    with pytest.raises(ValidationError, match="Someone else changed this meeting"):
        services.postpone_meeting(stale, reason="Elections", by=secretariat_user)


# -- agenda -----------------------------------------------------------------------------------


def test_publishing_the_agenda_numbers_the_items_and_records_when(som_2015, secretariat_user):
    items = [
        {"title": "Opening", "goals": ""},
        {"title": "Review of the Silk Routes Programme", "goals": "Take stock of projects"},
    ]

    agenda = services.publish_agenda(som_2015, items=items, by=secretariat_user)

    assert [(i.order, i.title) for i in som_2015.agenda_items.all()] == [
        (1, "Opening"),
        (2, "Review of the Silk Routes Programme"),
    ]
    assert len(agenda) == 2
    som_2015.refresh_from_db()
    assert som_2015.agenda_published_at is not None
    assert som_2015.revision == 1
    assert som_2015.history.latest().history_change_reason == "agenda published"
    assert not som_2015.status_changes.exists()  # the status did not change


def test_republishing_replaces_the_agenda(som_2015, secretariat_user):
    services.publish_agenda(som_2015, items=[{"title": "Old"}], by=secretariat_user)

    services.publish_agenda(som_2015, items=[{"title": "New"}], by=secretariat_user)

    assert [i.title for i in som_2015.agenda_items.all()] == ["New"]
    assert som_2015.revision == 2


def test_an_agenda_needs_titled_items(som_2015, secretariat_user):
    with pytest.raises(ValidationError, match="at least one item"):
        services.publish_agenda(som_2015, items=[{"title": ""}], by=secretariat_user)


def test_a_focal_point_cannot_publish_an_agenda(som_2015, pakistan_focal_point):
    with pytest.raises(ValidationError, match="Only the Secretariat or the chair"):
        services.publish_agenda(som_2015, items=[{"title": "x"}], by=pakistan_focal_point)


def test_an_agenda_entered_in_russian_falls_back_for_english_readers(som_2015, secretariat_user):
    from django.utils import translation

    with translation.override("ru"):
        services.publish_agenda(som_2015, items=[{"title": "Открытие"}], by=secretariat_user)

    item = som_2015.agenda_items.get()
    assert (item.title_en, item.title_ru) == ("Открытие", "Открытие")


# -- hold -------------------------------------------------------------------------------------


def test_holding_a_scheduled_meeting_records_the_counts(som_2015, secretariat_user):
    schedule(som_2015, secretariat_user)

    services.hold_meeting(
        som_2015, participants=80, countries_count=30, organisations_count=8, by=secretariat_user
    )

    som_2015.refresh_from_db()
    assert som_2015.status == MeetingStatus.HELD
    assert (som_2015.participants, som_2015.countries_count, som_2015.organisations_count) == (
        80,
        30,
        8,
    )
    assert som_2015.revision == 2
    assert list(som_2015.status_changes.values_list("status", flat=True)) == [
        "scheduled",
        "held",
    ]


def test_a_meeting_is_not_held_before_its_first_day(som_2015, secretariat_user):
    schedule(som_2015, secretariat_user, first_day=dt.date.today() + dt.timedelta(days=3))

    with pytest.raises(ValidationError, match="held on or after its first day"):
        services.hold_meeting(som_2015, by=secretariat_user)


def test_a_foreseen_meeting_cannot_be_held(som_2015, secretariat_user):
    with pytest.raises(ValidationError, match="cannot go from “foreseen” to “held”"):
        services.hold_meeting(som_2015, by=secretariat_user)


def test_only_the_secretariat_holds_a_meeting(turkey_focal_point, secretariat_user):
    meeting = Meeting.objects.get(slug="wg-silk-routes-2014")
    schedule(meeting, turkey_focal_point, first_day=YESTERDAY)

    with pytest.raises(ValidationError, match="Only the Secretariat"):
        services.hold_meeting(meeting, by=turkey_focal_point)


# -- postpone, cancel -------------------------------------------------------------------------


def test_postponing_keeps_the_history_and_may_move_the_date(som_2015, secretariat_user):
    schedule(som_2015, secretariat_user)

    services.postpone_meeting(
        som_2015,
        reason="Elections in the host country",
        new_date=FuzzyDate.parse("2016-Q1"),
        by=secretariat_user,
    )

    som_2015.refresh_from_db()
    assert som_2015.status == MeetingStatus.POSTPONED
    assert str(som_2015.when) == "2016-Q1"
    assert som_2015.end_date is None
    changes = list(som_2015.status_changes.values_list("previous_status", "status", "note"))
    assert changes == [
        ("foreseen", "scheduled", ""),
        ("scheduled", "postponed", "Elections in the host country"),
    ]
    assert som_2015.history.count() == 3  # loaded, scheduled, postponed


def test_a_postponed_meeting_can_be_scheduled_again(som_2015, secretariat_user):
    services.postpone_meeting(som_2015, reason="Not enough states confirmed", by=secretariat_user)

    schedule(som_2015, secretariat_user, first_day=dt.date(2016, 2, 1))

    assert som_2015.status == MeetingStatus.SCHEDULED
    assert str(som_2015.when) == "2016-02-01"


def test_postponing_needs_a_reason(som_2015, secretariat_user):
    with pytest.raises(ValidationError, match="why the meeting is postponed"):
        services.postpone_meeting(som_2015, reason="  ", by=secretariat_user)


def test_a_chair_cannot_postpone(turkey_focal_point):
    meeting = Meeting.objects.get(slug="wg-silk-routes-2014")

    with pytest.raises(ValidationError, match="Only the Secretariat can postpone"):
        services.postpone_meeting(meeting, reason="x", by=turkey_focal_point)


def test_cancelling_keeps_the_agenda_and_the_history(som_2015, secretariat_user):
    services.publish_agenda(som_2015, items=[{"title": "Opening"}], by=secretariat_user)

    services.cancel_meeting(som_2015, reason="No host found", by=secretariat_user)

    som_2015.refresh_from_db()
    assert som_2015.status == MeetingStatus.CANCELLED
    assert som_2015.agenda_items.count() == 1
    assert som_2015.status_changes.get().note == "No host found"
    assert som_2015.revision == 2


def test_a_cancelled_meeting_stays_cancelled(som_2015, secretariat_user):
    services.cancel_meeting(som_2015, reason="No host found", by=secretariat_user)

    with pytest.raises(ValidationError, match="cannot go from “cancelled”"):
        schedule(som_2015, secretariat_user)
    assert MeetingStatusChange.objects.filter(meeting=som_2015).count() == 1
