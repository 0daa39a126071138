"""A meeting as a list shows it: the strings the timetable's list and picture, a body's page, the
calendar feed and the API all show, worked out once per meeting and language."""

from collections.abc import Iterable
from dataclasses import dataclass

from silkroutes.core.fuzzydates import range_in_words
from silkroutes.core.presenters import country_names, labels, url_maker

from .models import Meeting, MeetingStatus


@dataclass(slots=True)
class MeetingRow:
    meeting: Meeting
    slug: str
    title: str
    status: str
    status_label: str
    url: str
    when: str  # the dates in words, never more precise than known
    body_name: str
    body_url: str
    city: str
    country_name: str  # empty when the country is not known

    @property
    def place(self) -> str:
        """ "City, Country", either alone, or empty."""
        return ", ".join(part for part in (self.city, self.country_name) if part)


def meeting_rows(meetings: Iterable[Meeting]) -> list[MeetingRow]:
    """The rows of ``meetings`` (loaded with body and country) in the active language."""
    meeting_url, body_url = url_maker("portal:meeting"), url_maker("portal:body")
    statuses, names = labels(MeetingStatus), country_names()
    return [
        MeetingRow(
            meeting=meeting,
            slug=meeting.slug,
            title=meeting.title,
            status=meeting.status,
            status_label=statuses[meeting.status],
            url=meeting_url(meeting.slug),
            when=range_in_words(meeting.when, meeting.end_date),
            body_name=meeting.body.name,
            body_url=body_url(meeting.body.slug),
            city=meeting.city,
            country_name=(
                names.get(meeting.country.code) or meeting.country.code if meeting.country else ""
            ),
        )
        for meeting in meetings
    ]
