import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from silkroutes.meetings.models import check_meeting_transition
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_meeting_known_only_to_the_year_cannot_have_a_last_day():
    meeting = MeetingFactory.build(end_date=dt.date(2015, 1, 3))

    with pytest.raises(ValidationError, match="only when the first day is known"):
        meeting.full_clean()


def test_a_meeting_cannot_end_before_it_starts():
    meeting = MeetingFactory.build(
        date=dt.date(2015, 6, 9), date_precision="day", end_date=dt.date(2015, 6, 8)
    )

    with pytest.raises(ValidationError, match="cannot end before it starts"):
        meeting.full_clean()


def test_a_scheduled_meeting_has_a_day():
    meeting = MeetingFactory.build(
        status="scheduled", date=dt.date(2015, 4, 1), date_precision="quarter"
    )

    with pytest.raises(ValidationError, match="A scheduled meeting has a day"):
        meeting.full_clean()


def test_a_meeting_date_whose_precision_and_value_disagree_is_refused():
    meeting = MeetingFactory.build(date=dt.date(2015, 6, 8), date_precision="month")

    with pytest.raises(ValidationError, match="first day"):
        meeting.full_clean()


def test_a_held_meeting_cannot_go_back_to_foreseen():
    with pytest.raises(ValidationError, match="cannot go from “held” to “foreseen”"):
        check_meeting_transition("held", "foreseen")
    check_meeting_transition("foreseen", "scheduled")
