"""Races and lost updates on PostgreSQL (issue 8, item 4), where requests really run in
parallel: threads, each with its own database connection, released at once by a barrier.
(Two editors of one outcome: tests/outcomes/test_concurrency.py.)"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from silkroutes.accounts.models import Membership
from silkroutes.meetings.models import Delegation, DelegationMember, Meeting
from silkroutes.meetings.services import invite, publish_agenda, register_delegation
from tests.factories import MeetingFactory, StateFactory, UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="races need a server database: SQLite runs one writer at a time",
    ),
    pytest.mark.django_db(transaction=True),
]


def _race(work, n: int) -> list:
    """Run ``work(i)`` in ``n`` threads started together; the results (or the exceptions)."""
    start, results = threading.Barrier(n), [None] * n

    def run(i):
        try:
            start.wait()
            results[i] = work(i)
        except Exception as error:  # the test inspects what each thread got
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def invited_state():
    secretariat = UserFactory(username="secretariat", is_superuser=True)
    state = StateFactory(slug="turkey-race", name="Türkiye")
    focal_point = UserFactory(username="focal")
    Membership.objects.create(user=focal_point, organisation=state, kind="focal-point")
    meeting = MeetingFactory(slug="race-meeting")
    invite(meeting, organisations=[state], by=secretariat)
    return meeting, state, focal_point, secretariat


def test_fifty_identical_registrations_make_one_delegation(invited_state):
    meeting, state, focal_point, _ = invited_state
    members = [{"name": "Mehmet Yılmaz", "function": "Director", "is_head": True}]

    def register(_i):
        fresh = Meeting.objects.get(pk=meeting.pk)
        return register_delegation(fresh, state=state, members=members, by=focal_point)

    results = _race(register, 50)

    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    assert Delegation.objects.filter(meeting=meeting, state=state).count() == 1
    assert list(DelegationMember.objects.values_list("name", "is_head")) == [
        ("Mehmet Yılmaz", True)
    ]


def test_the_meeting_revision_counts_every_successful_change_exactly(invited_state):
    meeting, _, _, secretariat = invited_state
    start_revision = Meeting.objects.get(pk=meeting.pk).revision
    versions_before = meeting.history.count()

    def agenda(i):
        for _attempt in range(40):  # a stale revision is refused: read it again and retry
            fresh = Meeting.objects.get(pk=meeting.pk)
            try:
                publish_agenda(fresh, items=[{"title": f"Item from writer {i}"}], by=secretariat)
            except ValidationError:
                continue
            return "saved"
        return "gave up"

    results = _race(agenda, 20)

    saved = results.count("saved")
    meeting.refresh_from_db()
    assert [r for r in results if r not in ("saved", "gave up")] == []
    assert saved >= 1
    assert meeting.revision == start_revision + saved
    assert meeting.history.count() == versions_before + saved
