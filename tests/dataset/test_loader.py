"""Loading the dataset file: idempotent, precise updates, all-or-nothing with clear errors."""

import copy

import pytest
import yaml
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from silkroutes.dataset.loader import DatasetError, load_dataset
from silkroutes.meetings.models import Meeting

pytestmark = pytest.mark.django_db

OUR_APPS = ("core", "actors", "strategy", "programme", "meetings")


def snapshot() -> dict[str, list[dict]]:
    """Every row of every domain table, to compare a database before and after. (The change
    history tables record the writes themselves, so they are left out.)"""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    }


@pytest.fixture
def starter_data(starter_dataset_path) -> dict:
    return yaml.safe_load(starter_dataset_path.read_text(encoding="utf-8"))


@pytest.fixture
def write(tmp_path):
    def write_file(data: dict):
        path = tmp_path / "dataset.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        return path

    return write_file


def test_loading_the_starter_dataset_again_changes_nothing(starter_dataset_path):
    before = snapshot()

    log = load_dataset(starter_dataset_path)

    assert log.total == 0, log.lines()
    assert snapshot() == before


def test_the_command_says_when_nothing_changed(starter_dataset_path, capsys):
    call_command("load_dataset", str(starter_dataset_path))

    assert "already up to date, no changes" in capsys.readouterr().out


def test_an_edited_file_updates_exactly_what_changed(starter_data, write):
    data = copy.deepcopy(starter_data)
    meeting = next(m for m in data["meetings"] if m["slug"] == data["meetings"][0]["slug"])
    meeting["description"] = "Edited description for the test."
    before = snapshot()

    log = load_dataset(write(data))

    assert log.lines() == ["meetings.Meeting: 1 updated"]
    after = snapshot()
    changed = [row for row in after["meetings.Meeting"] if row not in before["meetings.Meeting"]]
    assert [row["slug"] for row in changed] == [meeting["slug"]]
    assert Meeting.objects.get(slug=meeting["slug"]).description == (
        "Edited description for the test."
    )
    assert {k: v for k, v in after.items() if k != "meetings.Meeting"} == {
        k: v for k, v in before.items() if k != "meetings.Meeting"
    }


def test_a_participant_removed_from_the_file_is_removed(starter_data, write):
    data = copy.deepcopy(starter_data)
    project = next(p for p in data["projects"] if p.get("participants"))
    removed = project["participants"].pop()

    log = load_dataset(write(data))

    assert log.lines() == ["programme.Participation: 1 deleted"]
    assert not project_participants(project["slug"]) & {(removed["organisation"], removed["role"])}


def project_participants(slug: str) -> set[tuple[str, str]]:
    from silkroutes.programme.models import Participation

    return set(
        Participation.objects.filter(project__slug=slug).values_list("organisation__slug", "role")
    )


def test_a_failed_load_leaves_the_database_as_it_was(starter_data, write):
    data = copy.deepcopy(starter_data)
    data["projects"].insert(
        0,
        {
            "slug": "new-project-that-must-not-stay",
            "title": "A new project",
            "status": "identified",
            "sources": [{"source": "strategy", "section": "1"}],
        },
    )
    data["meetings"][0]["city"] = "Changed city that must not stay"
    data["partnerships"].append(
        {
            "slug": "broken",
            "partner": data["organisations"][0]["slug"],
            "purpose": "x",
            "start": "2015",
            "end": "2014",
            "sources": [{"source": "strategy", "section": "3"}],
        }
    )
    before = snapshot()

    with pytest.raises(DatasetError) as excinfo:
        load_dataset(write(data))

    message = str(excinfo.value)
    assert "dataset.yaml: partnerships “broken”" in message
    assert "A partnership cannot end before it starts." in message
    assert snapshot() == before


def test_the_command_reports_the_failure_and_loads_nothing(starter_data, write):
    data = copy.deepcopy(starter_data)
    data["meetings"][0]["date"] = "2015-13"

    with pytest.raises(CommandError, match="Nothing was loaded.*meetings .*2015-13"):
        call_command("load_dataset", str(write(data)))


def first(section, data):
    return data[section][0]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: first("meetings", d).update(venue="x"), "unknown fields: venue"),
        (
            lambda d: first("meetings", d).update(body="no-such-body"),
            "body “no-such-body” is not defined in the file",
        ),
        (lambda d: first("meetings", d).update(date="2015-02-30"), "not a real date"),
        (lambda d: first("meetings", d).update(sources=[]), "cites no source"),
        (
            lambda d: first("meetings", d).update(sources=[{"source": "strategy"}]),
            "needs one of its sections",
        ),
        (
            lambda d: first("meetings", d).update(sources=[{"source": "nowhere"}]),
            "source “nowhere” is not declared",
        ),
        (lambda d: first("meetings", d).update(status="planned"), "status"),
        (
            lambda d: first("organisations", d).update(kind="government", country=None),
            "needs its country",
        ),
        (
            lambda d: d["projects"][0].update(
                status="identified",
                status_history=[
                    {
                        "status": "completed",
                        "date": "2013",
                        "sources": [{"source": "strategy", "section": "1"}],
                    },
                    {
                        "status": "identified",
                        "date": "2014",
                        "sources": [{"source": "strategy", "section": "1"}],
                    },
                ],
            ),
            "A project cannot go from “completed” to “identified”",
        ),
        (
            lambda d: d["projects"][0].update(
                funding=[
                    {
                        "key": "negative",
                        "donor": d["organisations"][0]["slug"],
                        "kind": "pledge",
                        "amount": "-10",
                        "currency": "EUR",
                        "sources": [{"source": "strategy", "section": "1"}],
                    }
                ]
            ),
            "An amount cannot be negative.",
        ),
        (
            lambda d: d["roles"].append({**d["roles"][0], "key": "duplicate-role"}),
            "already holds this role",
        ),
    ],
)
def test_bad_input_fails_with_file_record_and_reason(starter_data, write, mutate, expected):
    data = copy.deepcopy(starter_data)
    mutate(data)
    before = snapshot()

    with pytest.raises(DatasetError, match=expected) as excinfo:
        load_dataset(write(data))

    assert "dataset.yaml: " in str(excinfo.value)
    assert snapshot() == before


def test_a_file_that_is_not_yaml_is_refused(write, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("meetings: [unclosed", "utf-8")

    with pytest.raises(DatasetError, match="broken.yaml: cannot be read as YAML"):
        load_dataset(path)


def test_a_meeting_changed_by_the_file_gets_a_new_calendar_sequence(starter_data, write, client):
    data = copy.deepcopy(starter_data)
    record = next(m for m in data["meetings"] if len(str(m.get("date", ""))) == 10)
    meeting = Meeting.objects.get(slug=record["slug"])
    before = meeting.revision
    record["city"] = "Ankara" if record.get("city") != "Ankara" else "Izmir"

    load_dataset(write(data))
    load_dataset(write(data))  # the same file again changes nothing

    meeting.refresh_from_db()
    assert meeting.revision == before + 1
    feed = client.get(f"/calendar/bodies/{meeting.body.slug}.ics").content.decode()
    entry = feed.split(f"UID:meeting-{meeting.slug}@")[1].split("END:VEVENT")[0]
    assert f"SEQUENCE:{before + 1}" in entry


def analysed_during_this_test(table: str) -> bool:
    """Whether PostgreSQL gathered the table's statistics since the test's transaction began
    (``now()``); the planner's row estimate is no proof, as ANALYZE writes it outside the
    transaction and an earlier run leaves it behind."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(pg_stat_get_last_analyze_time(%s::regclass) >= now(), false)",
            [table],
        )
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_a_load_ends_with_fresh_planner_statistics(
    starter_data, write, django_capture_on_commit_callbacks
):
    """Without them PostgreSQL plans joins for the tables as they were before the load."""
    data = copy.deepcopy(starter_data)
    added = copy.deepcopy(data["meetings"][0])
    added["slug"], added["title"] = "statistics-test-meeting", "A meeting added by the file"
    data["meetings"].append(added)

    with django_capture_on_commit_callbacks(execute=True):
        load_dataset(write(data))

    assert analysed_during_this_test("meetings_meeting")
