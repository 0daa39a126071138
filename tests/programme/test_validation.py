import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from silkroutes.programme.models import FundingRecord, ProjectStatus, check_transition
from tests.factories import FundingRecordFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_negative_amount_is_refused_with_a_clear_message():
    record = FundingRecordFactory.build(amount=Decimal("-1.00"))

    with pytest.raises(ValidationError) as excinfo:
        record.full_clean()

    assert "An amount cannot be negative." in excinfo.value.messages


def test_the_database_itself_refuses_a_negative_amount():
    record = FundingRecordFactory()

    with pytest.raises(IntegrityError):
        FundingRecord.objects.filter(pk=record.pk).update(amount=Decimal("-5"))


def test_an_amount_needs_an_iso_currency():
    with pytest.raises(ValidationError, match="not an ISO 4217 code"):
        FundingRecordFactory.build(currency="euro").full_clean()
    with pytest.raises(ValidationError, match="needs its currency"):
        FundingRecordFactory.build(currency="").full_clean()


def test_a_project_cannot_end_before_it_starts():
    project = ProjectFactory.build(
        actual_start=dt.date(2014, 2, 1),
        actual_start_precision="month",
        actual_end=dt.date(2013, 1, 1),
        actual_end_precision="year",
    )

    with pytest.raises(ValidationError) as excinfo:
        project.full_clean()

    assert excinfo.value.message_dict["actual_end"] == ["The end cannot be before the start."]


def test_a_project_ending_in_the_same_fuzzy_year_it_starts_is_accepted():
    ProjectFactory.build(
        actual_start=dt.date(2014, 5, 1),
        actual_start_precision="month",
        actual_end=dt.date(2014, 1, 1),
        actual_end_precision="year",
    ).full_clean()


def test_a_project_without_title_needs_the_sources_own_words():
    with pytest.raises(ValidationError, match="source's own words"):
        ProjectFactory.build(title="", designation="").full_clean()

    untitled = ProjectFactory.build(title="", designation="The project aiming at …")
    untitled.full_clean()
    assert untitled.display_title == "The project aiming at …"
    assert not untitled.has_known_title


@pytest.mark.parametrize(
    ("previous", "new"),
    [
        (ProjectStatus.COMPLETED, ProjectStatus.LAUNCHED),
        (ProjectStatus.IDENTIFIED, ProjectStatus.COMPLETED),
        (ProjectStatus.CANCELLED, ProjectStatus.UNDER_CONSIDERATION),
        (ProjectStatus.ABSORBED, ProjectStatus.LAUNCHED),
    ],
)
def test_a_status_change_the_lifecycle_does_not_allow_is_refused(previous, new):
    with pytest.raises(ValidationError, match="A project cannot go from"):
        check_transition(previous, new)


@pytest.mark.parametrize(
    ("previous", "new"),
    [
        (None, ProjectStatus.COMPLETED),
        (ProjectStatus.IDENTIFIED, ProjectStatus.UNDER_CONSIDERATION),
        (ProjectStatus.UNDER_CONSIDERATION, ProjectStatus.LAUNCHED),
        (ProjectStatus.LAUNCHED, ProjectStatus.COMPLETED),
        (ProjectStatus.UNDER_CONSIDERATION, ProjectStatus.ABSORBED),
    ],
)
def test_the_lifecycle_allows_its_own_steps(previous, new):
    check_transition(previous, new)


def test_an_absorbed_project_names_the_project_that_absorbed_it():
    with pytest.raises(ValidationError, match="Say which project absorbed"):
        ProjectFactory.build(status=ProjectStatus.ABSORBED).full_clean()
