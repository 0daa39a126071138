import pytest
from django.core.management import call_command
from django.db import connection

from silkroutes.core.models import Citation
from silkroutes.meetings.models import Meeting
from silkroutes.programme.models import Project
from tests.dataset.test_loader import analysed_during_this_test, snapshot

pytestmark = pytest.mark.django_db


def test_the_scale_dataset_is_deterministic_marked_and_removable():
    before = snapshot()

    call_command("generate_dataset", "--scale", "1", "--seed", "7")
    first = list(
        Meeting.objects.filter(slug__startswith="synthetic-").values_list(
            "slug", "date", "date_precision", "status"
        )
    )
    synthetic_projects = Project.objects.filter(slug__startswith="synthetic-")
    assert len(first) == 200
    assert synthetic_projects.count() == 50
    assert not Citation.objects.filter(
        source__key="synthetic",
        object_id__in=Project.objects.exclude(slug__startswith="synthetic-").values("pk"),
        content_type__model="project",
    ).exists()
    assert all(p.citations.filter(source__key="synthetic").exists() for p in synthetic_projects[:5])

    call_command("generate_dataset", "--remove")
    assert snapshot() | {"core.Source": None} == before | {"core.Source": None}

    call_command("generate_dataset", "--scale", "1", "--seed", "7")
    second = list(
        Meeting.objects.filter(slug__startswith="synthetic-").values_list(
            "slug", "date", "date_precision", "status"
        )
    )
    assert second == first


def test_the_health_check_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.content == b"ok"


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_the_scale_dataset_ends_with_fresh_planner_statistics(django_capture_on_commit_callbacks):
    """Without them PostgreSQL joined 9.5 million rows in nested loops at scale 100."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_dataset", "--scale", "1", "--seed", "7")

    assert analysed_during_this_test("meetings_meeting")
    assert analysed_during_this_test("programme_project")
