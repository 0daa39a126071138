"""The data version that cached pages and stored files rest on: it moves once per committed
transaction, never inside it, and never goes back when the cache is emptied."""

import pytest
from django.core.cache import cache
from django.db import transaction

from silkroutes.core.pagecache import data_version
from silkroutes.meetings.models import Meeting
from silkroutes.programme.models import Project

pytestmark = pytest.mark.django_db


def test_the_version_moves_once_when_the_transaction_commits_and_not_before(
    django_capture_on_commit_callbacks,
):
    before = data_version()
    meeting = Meeting.objects.get(slug="wg-silk-routes-2016")
    project = Project.objects.first()

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        meeting.title = "Renamed"
        meeting.save()
        meeting.goals.clear()
        project.title = "Retitled"
        project.save()
        during = data_version()

    assert during == before  # a page rendered now must not be stored as the new version
    assert data_version() == before + 1


def test_a_transaction_rolled_back_leaves_the_version_where_it_was(
    django_capture_on_commit_callbacks,
):
    before = data_version()

    def save_then_fail():
        with transaction.atomic():
            Meeting.objects.get(slug="wg-silk-routes-2016").save()
            raise RuntimeError("the form was invalid after all")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        save_then_fail()

    assert data_version() == before


def test_the_version_survives_an_emptied_cache(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Meeting.objects.get(slug="wg-silk-routes-2016").save()
    with django_capture_on_commit_callbacks(execute=True):
        Meeting.objects.get(slug="wg-silk-routes-2016").save()
    moved = data_version()

    cache.clear()  # Redis restarted or flushed

    assert data_version() == moved
    with django_capture_on_commit_callbacks(execute=True):
        Meeting.objects.get(slug="wg-silk-routes-2016").save()
    assert data_version() == moved + 1
