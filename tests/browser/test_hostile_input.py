"""Hostile input (issue 8, item 3): the payloads of ``xss_corpus.py`` are written, through the
services the workspace uses (and as the admin saves what only the admin edits), into every text
field a person can fill in; chromium then renders every page that shows them — the portal as the
public, the workspace and the admin (change lists, change forms, history) as the Secretariat and
a focal point — and no payload runs: no dialog, no Content-Security-Policy violation, no console
error, and each payload is read on the page as the text that was typed."""

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Dialog, Page

from silkroutes.actors.models import Country, Organisation
from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.core.models import Source
from silkroutes.documents.services import add_document_file, create_document, publish_document
from silkroutes.meetings.models import Body
from silkroutes.meetings.services import (
    cancel_meeting,
    foresee_meeting,
    hold_meeting,
    invite,
    publish_agenda,
    register_delegation,
    schedule_meeting,
)
from silkroutes.monitoring.services import ask_back, open_cycle, report_initiative, submit
from silkroutes.outcomes.services import add_action_point, adopt_outcome, revise_outcome
from silkroutes.programme.models import Participation, Project
from silkroutes.programme.services import move_project, record_funding, record_interest
from silkroutes.strategy.models import Framework
from tests.browser import xss_corpus as xss
from tests.browser.helpers import create_cast, sign_in, sign_out

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@dataclass(frozen=True)
class Visit:
    path: str
    # What the reader must see as text on this page: fields (their payloads), or literal text.
    shows: tuple[str, ...] = ()


def _admin(name: str, *args) -> str:
    return reverse(f"admin:{name}", args=args)


def _save(record):
    """Save a record as the admin's form does: validated first."""
    record.full_clean()
    record.save()
    return record


def write_hostile_records(settings, tmp_path) -> dict:
    """Every user-writable text field, filled with a payload; returns what the visits need."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    users = get_user_model().objects
    sedef, imran, karin = (users.get(username=name) for name in ("sedef", "imran", "karin"))
    users.filter(pk=sedef.pk).update(is_staff=True, is_superuser=True)
    sedef.refresh_from_db()
    pakistan, sweden = (Organisation.objects.get(slug=slug) for slug in ("pakistan", "sweden"))
    payloads = itertools.cycle(xss.PAYLOADS)
    p = {field: next(payloads) for field in FIELDS}

    # What only the admin writes: an organisation, a body, a project.
    organisation = _save(
        Organisation(
            slug="hostile-organisation",
            name=p["organisation name"],
            acronym=p["organisation acronym"][:40],
            kind=Organisation.Kind.INTERNATIONAL,
        )
    )
    body = _save(Body(slug="hostile-body", name=p["body name"], kind=Body.Kind.WORKING_GROUP))
    project = _save(Project(slug="hostile-project", title=p["project title"]))
    Participation.objects.create(
        project=project, organisation=organisation, role=Participation.Role.IMPLEMENTING
    )
    move_project(project, to="under-consideration", note=p["project move note"], by=sedef)

    # A meeting of that body, from foreseen to held, with its agenda and Pakistan's delegation.
    meeting = foresee_meeting(
        body, date=FuzzyDate.parse("2016-03"), title=p["meeting title"], by=sedef
    )
    schedule_meeting(
        meeting,
        first_day=dt.date(2016, 3, 15),
        city=p["meeting city"],
        country=Country.objects.get(code="TR"),
        host=organisation,
        by=sedef,
    )
    publish_agenda(
        meeting, items=[{"title": p["agenda item 1"]}, {"title": p["agenda item 2"]}], by=sedef
    )
    invite(meeting, organisations=[pakistan], by=sedef)
    register_delegation(
        meeting,
        state=pakistan,
        members=[
            {"name": p["member name"], "function": p["member function"], "is_head": True},
            {"name": p["second member name"], "function": "Adviser"},
        ],
        by=imran,
    )
    hold_meeting(meeting, participants=40, by=sedef)
    cancelled = foresee_meeting(
        body, date=FuzzyDate.parse("2027"), title="Meeting to be cancelled", by=sedef
    )
    cancel_meeting(cancelled, reason=p["cancellation reason"], by=sedef)

    # A document of the meeting with two files under hostile names.
    document = create_document(
        title=p["document title"],
        kind="agenda",
        access_tier="public",
        meeting=meeting,
        by=sedef,
        upload=SimpleUploadedFile(xss.FILE_NAMES[0], PDF, content_type="application/pdf"),
    )
    add_document_file(
        document,
        upload=SimpleUploadedFile(xss.FILE_NAMES[1], PDF, content_type="application/pdf"),
        language="ru",
        by=sedef,
    )
    publish_document(document, by=sedef)

    # Conclusions, revised once (a history), with an action point for Pakistan.
    outcome = adopt_outcome(
        meeting,
        kind="conclusion",
        title=p["outcome title"],
        text=p["outcome text"],
        by=sedef,
        publish=True,
    )
    outcome = revise_outcome(
        outcome,
        text=f"{p['outcome text']} {p['revised outcome text']}",
        title=p["outcome title"],
        expected_version=outcome.version,
        by=sedef,
    )
    action_point = add_action_point(
        outcome,
        description=p["action point"],
        owner_organisation=pakistan,
        due_date=timezone.localdate() + dt.timedelta(days=30),
        by=sedef,
    )

    # Funding: a pledge recorded by the Secretariat, an interest by Sweden's donor.
    programme = Project.objects.get(slug="fostering-cooperation")
    pledge = record_funding(
        programme,
        donor=organisation,
        kind="pledge",
        amount=Decimal("1000"),
        currency="EUR",
        note=p["pledge note"],
        source_title=p["source title"],
        source_url="https://example.org/pledge",
        by=sedef,
    )
    record_interest(project, donor=sweden, note=p["interest note"], by=karin)

    # Implementation reporting: a cycle, Pakistan's entry, asked back with a note.
    cycle = open_cycle(
        framework=Framework.objects.order_by("pk").first(),
        title=p["cycle title"],
        opens=timezone.localdate() - dt.timedelta(days=1),
        deadline=timezone.localdate() + dt.timedelta(days=30),
        by=sedef,
    )
    initiative = report_initiative(
        cycle,
        state=pakistan,
        by=imran,
        kind="policy",
        title=p["initiative title"],
        description=p["initiative description"],
        start=FuzzyDate.parse("2015"),
    )
    submit(initiative, by=imran)
    ask_back(initiative, by=sedef, note=p["review note"])

    return {
        "p": p,
        "meeting": meeting,
        "cancelled": cancelled,
        "document": document,
        "outcome": outcome,
        "action_point": action_point,
        "pledge": pledge,
        "cycle": cycle,
        "initiative": initiative,
        "organisation": organisation,
        "body": body,
        "project": project,
        "source": Source.objects.get(url="https://example.org/pledge"),
    }


FIELDS = (
    "organisation name",
    "organisation acronym",
    "body name",
    "project title",
    "meeting title",
    "meeting city",
    "agenda item 1",
    "agenda item 2",
    "member name",
    "member function",
    "second member name",
    "cancellation reason",
    "document title",
    "outcome title",
    "outcome text",
    "revised outcome text",
    "action point",
    "pledge note",
    "source title",
    "interest note",
    "cycle title",
    "initiative title",
    "initiative description",
    "review note",
    "project move note",
)


def public_visits(r) -> list[Visit]:
    meeting = r["meeting"]
    return [
        Visit("/", ()),
        Visit(
            reverse("portal:meeting", args=[meeting.slug]),
            ("meeting title", "meeting city", "document title", "outcome title", "body name"),
        ),
        Visit(reverse("portal:body", args=[r["body"].slug]), ("body name", "meeting title")),
        Visit(reverse("portal:bodies"), ("body name",)),
        Visit(reverse("portal:timetable"), ("meeting title",)),
        Visit(reverse("portal:timetable") + f"?body={r['body'].slug}", ("meeting title",)),
        Visit(
            reverse("portal:project", args=[r["project"].slug]),
            ("project title", "organisation name", "project move note"),
        ),
        Visit(reverse("portal:project", args=["fostering-cooperation"]), ("organisation name",)),
        Visit(reverse("portal:projects"), ("project title",)),
        Visit(
            reverse("portal:organisation", args=[r["organisation"].slug]), ("organisation name",)
        ),
        Visit(reverse("portal:organisations"), ("organisation name",)),
        Visit(reverse("portal:country", args=["tr"]), ("meeting title",)),
        Visit(reverse("portal:funding"), ()),
        Visit(reverse("portal:sources"), ("source title",)),
        Visit(reverse("portal:source", args=[r["source"].key]), ("source title",)),
        Visit(reverse("portal:search") + "?q=" + quote(xss.SCRIPT), (xss.SCRIPT,)),
        Visit(reverse("portal:search") + "?q=" + quote(xss.IMG_ONERROR), (xss.IMG_ONERROR,)),
        Visit(reverse("portal:search") + "?q=alert", ("meeting title",)),
    ]


ON_THE_MEETING = (
    "meeting title",
    "agenda item 1",
    "agenda item 2",
    "member name",
    "member function",
    "second member name",
)


def secretariat_visits(r) -> list[Visit]:
    meeting, document, outcome = r["meeting"], r["document"], r["outcome"]
    names = tuple(name.removesuffix(".pdf") for name in xss.FILE_NAMES)
    return [
        Visit(reverse("workspace:home")),
        Visit(reverse("workspace:meetings"), ("meeting title",)),
        Visit(
            reverse("workspace:meeting", args=[meeting.slug]),
            ON_THE_MEETING,
        ),
        Visit(
            reverse("workspace:meeting", args=[r["cancelled"].slug]),
            ("cancellation reason",),
        ),
        Visit(reverse("workspace:meeting_history", args=[meeting.slug]), ("meeting title",)),
        Visit(
            reverse("workspace:meeting_attendance", args=[meeting.slug]),
            ("member name", "second member name"),
        ),
        Visit(reverse("workspace:meeting_agenda", args=[meeting.slug]), ()),
        Visit(reverse("workspace:document_list"), ("document title",)),
        Visit(reverse("workspace:document_detail", args=[document.slug]), names),
        Visit(reverse("workspace:document_edit", args=[document.slug]), ()),
        Visit(reverse("workspace:document_history", args=[document.slug]), ()),
        Visit(reverse("workspace:meeting_outcomes", args=[meeting.slug]), ("outcome title",)),
        Visit(
            reverse("workspace:outcome_detail", args=[outcome.pk]),
            ("outcome title", "outcome text", "revised outcome text", "action point"),
        ),
        Visit(reverse("workspace:outcome_edit", args=[outcome.pk]), ()),
        Visit(reverse("workspace:outcome_history", args=[outcome.pk]), ("outcome title",)),
        Visit(reverse("workspace:action_point_list"), ("action point",)),
        Visit(reverse("workspace:programme_board"), ("project title",)),
        Visit(reverse("workspace:programme_funding"), ("pledge note", "interest note")),
        Visit(reverse("workspace:programme_matrix"), ()),
        Visit(reverse("workspace:programme_gaps"), ()),
        Visit(reverse("workspace:programme_support"), ()),
        Visit(reverse("workspace:monitoring"), ("cycle title",)),
        Visit(
            reverse("workspace:monitoring_cycle", args=[r["cycle"].pk]),
            ("cycle title", "initiative title"),
        ),
        Visit(
            reverse("workspace:monitoring_initiative", args=[r["initiative"].pk]),
            ("initiative title", "initiative description", "review note"),
        ),
        *admin_visits(r),
    ]


def admin_visits(r) -> list[Visit]:
    records = (
        ("meetings_meeting", r["meeting"].pk, "meeting title", True),
        ("meetings_body", r["body"].pk, "body name", False),
        ("meetings_delegation", r["meeting"].delegations.get().pk, "meeting title", False),
        ("documents_document", r["document"].pk, "document title", True),
        ("outcomes_outcome", r["outcome"].pk, "outcome title", True),
        ("outcomes_actionpoint", r["action_point"].pk, "action point", True),
        ("actors_organisation", r["organisation"].pk, "organisation name", False),
        ("programme_project", r["project"].pk, "project title", False),
        ("programme_fundingrecord", r["pledge"].pk, "", False),
        ("core_source", r["source"].pk, "source title", False),
        ("monitoring_reportingcycle", r["cycle"].pk, "cycle title", False),
        ("monitoring_initiative", r["initiative"].pk, "initiative title", False),
    )
    visits = []
    for model, pk, shown, has_history in records:
        visits.append(Visit(_admin(f"{model}_changelist") + "?q=alert", (shown,) if shown else ()))
        visits.append(Visit(_admin(f"{model}_change", pk), (shown,) if shown else ()))
        visits.append(Visit(_admin(f"{model}_history", pk), (shown,) if has_history else ()))
    return visits


def focal_point_visits(r) -> list[Visit]:
    meeting = r["meeting"]
    return [
        Visit(
            reverse("workspace:delegation", args=[meeting.slug, "pakistan"]),
            ("meeting title",),
        ),
        Visit(reverse("workspace:action_point_list"), ("action point",)),
        Visit(
            reverse("workspace:monitoring_initiative_edit", args=[r["initiative"].pk]),
            ("review note",),
        ),
        # JSON, shown by the browser as text (its quotes escaped the JSON way).
        Visit(reverse("api:meeting_delegations", args=[meeting.slug])),
    ]


def _visible_text(page: Page) -> str:
    """The page's text as a reader sees it, form fields' values included."""
    return page.evaluate(
        """() => [document.title, document.body.innerText,
            ...[...document.querySelectorAll("input, textarea")].map((field) => field.value),
            ...[...document.querySelectorAll("option:checked")].map((option) => option.text),
        ].join("\\n")"""
    )


def walk(page: Page, visits: list[Visit], payloads: dict, problems: list[str]) -> None:
    for visit in visits:
        response = page.goto(visit.path)
        if response is None or response.status != 200:
            problems.append(f"{visit.path}: answered {response and response.status}")
            continue
        page.evaluate("() => new Promise(requestAnimationFrame)")  # let handlers and reports run
        text = _visible_text(page)
        for shown in visit.shows:
            payload = payloads.get(shown, shown)
            if payload not in text:
                problems.append(f"{visit.path}: {shown} {payload!r} is not shown as text")


@pytest.mark.usefixtures("starter_data")
def test_no_hostile_input_runs_on_any_page(page: Page, page_log, settings, tmp_path) -> None:
    page.set_default_timeout(30_000)
    create_cast("sedef", "imran", "karin")
    records = write_hostile_records(settings, tmp_path)
    dialogs: list[str] = []
    problems: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type} {dialog.message!r} on {page.url}")
        dialog.dismiss()

    page.on("dialog", on_dialog)

    payloads = records["p"]
    walk(page, public_visits(records), payloads, problems)
    sign_in(page, "sedef")
    walk(page, secretariat_visits(records), payloads, problems)
    page.goto(reverse("workspace:home"))
    sign_out(page)
    sign_in(page, "imran")
    walk(page, focal_point_visits(records), payloads, problems)

    assert dialogs == [], "\n".join(dialogs)
    assert problems == [], "\n".join(problems)
    assert page_log.problems == [], "\n".join(page_log.problems)


@pytest.mark.django_db
def test_javascript_urls_are_refused_in_url_fields(secretariat_user, sweden_donor) -> None:
    """The two URL fields a person fills in (a cited web page, an organisation's website) take
    http(s) addresses only, so no ``javascript:`` link is ever rendered from them."""
    project = Project.objects.get(slug="fostering-cooperation")
    sweden = Organisation.objects.get(slug="sweden")

    with pytest.raises(ValidationError):
        record_interest(project, donor=sweden, source_url=xss.JAVASCRIPT_URL, by=sweden_donor)
    sweden.url = xss.JAVASCRIPT_URL
    with pytest.raises(ValidationError):
        sweden.full_clean()
