"""The open-data downloads are built once per data version and served as stored files, with the
version as ETag; a parameter they do not read is a 400, not a new build."""

import io
import zipfile

import pytest
from django.urls import reverse

from silkroutes.programme.models import Project

pytestmark = pytest.mark.django_db

DOWNLOADS = ["data:iati", "data:opendata", "data:xlsx"]


@pytest.mark.parametrize("name", DOWNLOADS)
def test_the_same_download_asked_again_reads_nothing_from_the_database(
    client, django_assert_num_queries, name
):
    first = client.get(reverse(name)).getvalue()

    with django_assert_num_queries(0):
        second = client.get(reverse(name))
        content = second.getvalue()

    assert content == first
    assert second["ETag"]


@pytest.mark.parametrize("name", DOWNLOADS)
def test_a_parameter_the_download_does_not_read_is_a_400(client, django_assert_num_queries, name):
    client.get(reverse(name), {"r": "1"})  # the page's footer keeps its data date in the cache
    with django_assert_num_queries(0):  # refused before anything is built
        response = client.get(reverse(name), {"r": "31337"})

    assert response.status_code == 400
    assert "“r”" in response.content.decode()


def test_after_an_edit_is_committed_the_download_is_built_anew(
    client, django_capture_on_commit_callbacks
):
    before = client.get(reverse("data:opendata"))
    before.getvalue()
    project = Project.objects.get(slug="bridging-measures")
    project.title = "Bridging Measures, retitled"
    with django_capture_on_commit_callbacks(execute=True):
        project.save()

    after = client.get(reverse("data:opendata"), HTTP_IF_NONE_MATCH=before["ETag"])

    package = zipfile.ZipFile(io.BytesIO(after.getvalue()))
    assert after.status_code == 200
    assert "Bridging Measures, retitled" in package.read("data/projects.csv").decode()


def test_a_client_holding_this_version_gets_304(client, django_assert_num_queries):
    first = client.get(reverse("data:xlsx"))
    first.getvalue()

    with django_assert_num_queries(0):
        response = client.get(reverse("data:xlsx"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert response.status_code == 304
    assert response["Last-Modified"] == first["Last-Modified"]
