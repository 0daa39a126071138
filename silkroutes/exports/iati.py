"""The portfolio as IATI Activity XML 2.03, valid against the official schema (vendored
in ``schemas/iati-2.03``). How records map to IATI codes: docs/decisions/0008-iati-export.md.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone
from lxml import etree

from silkroutes.actors.models import Organisation, Role
from silkroutes.core.fuzzydates import FuzzyDate, Precision
from silkroutes.core.text import clean_for_output
from silkroutes.programme.models import (
    Budget,
    FundingRecord,
    Indicator,
    Participation,
    Project,
    ProjectLink,
    ProjectStatus,
    RecipientCountry,
    Result,
)
from silkroutes.programme.search import public_projects

VERSION = "2.03"
SCHEMA = Path(__file__).resolve().parent / "schemas" / "iati-2.03" / "iati-activities-schema.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DEFAULT_LANGUAGE = "en"
SECTOR = ("15190", "Facilitation of orderly, safe, regular and responsible migration and mobility")

# ActivityStatus: 1 Pipeline/identification, 2 Implementation, 3 Completion, 5 Cancelled.
# An absorbed project does not go on as an activity of its own: 5, with its absorber as parent.
ACTIVITY_STATUS = {
    ProjectStatus.IDENTIFIED: 1,
    ProjectStatus.UNDER_CONSIDERATION: 1,
    ProjectStatus.LAUNCHED: 2,
    ProjectStatus.COMPLETED: 3,
    ProjectStatus.CANCELLED: 5,
    ProjectStatus.ABSORBED: 5,
}
# TransactionType, seen from the reporting organisation: (outgoing when it is the donor, incoming).
TRANSACTION_TYPE = {
    FundingRecord.Kind.PLEDGE: (12, 13),
    FundingRecord.Kind.COMMITMENT: (2, 11),
    FundingRecord.Kind.DISBURSEMENT: (3, 1),
}
RELATED_PARENT, RELATED_CHILD = 1, 2
DESCRIPTION_GENERAL, DESCRIPTION_OTHER = 1, 4
MEASURE_UNIT, MEASURE_PERCENTAGE, MEASURE_QUALITATIVE = 1, 2, 5


@dataclass(frozen=True)
class Reporter:
    organisation: Organisation
    ref: str
    placeholder: bool


def reporting_organisation() -> Reporter:
    """The Secretariat (holder of a secretariat role) reports. Its identifier is the setting
    IATI_REPORTING_ORG_REF, else its identifier in the data, else the marked placeholder
    ``XX-UNREGISTERED-<slug>`` ("XX" is no registration agency, so it cannot pass for an
    official identifier)."""
    role = (
        Role.objects.filter(kind=Role.Kind.SECRETARIAT)
        .select_related("holder")
        .order_by("-start", "pk")
        .first()
    )
    if role is None:
        raise LookupError("No organisation holds the Secretariat: the IATI export needs one.")
    organisation = role.holder
    ref = settings.IATI_REPORTING_ORG_REF or organisation.iati_ref
    if ref:
        return Reporter(organisation, ref, placeholder=False)
    return Reporter(organisation, f"XX-UNREGISTERED-{organisation.slug}", placeholder=True)


def iati_identifier(reporter: Reporter, project: Project) -> str:
    return clean_for_output(f"{reporter.ref}-{project.slug}")


def projects_for_iati() -> QuerySet[Project]:
    """Public projects with everything the export writes, in a fixed number of queries."""
    return (
        public_projects()
        .select_related("absorbed_into")
        .order_by("slug")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("organisation").order_by(
                    "organisation__name", "pk"
                ),
            ),
            Prefetch("recipients", queryset=RecipientCountry.objects.select_related("country")),
            Prefetch(
                "funding",
                queryset=FundingRecord.objects.select_related("donor").order_by("date", "pk"),
            ),
            Prefetch("budgets", queryset=Budget.objects.order_by("period_start", "pk")),
            Prefetch(
                "results", queryset=Result.objects.order_by(F("date").asc(nulls_last=True), "pk")
            ),
            Prefetch("results__indicators", queryset=Indicator.objects.order_by("pk")),
            Prefetch(
                "predecessor_links",
                queryset=ProjectLink.objects.select_related("builds_on").order_by("pk"),
            ),
            Prefetch("absorbed", queryset=Project.objects.order_by("slug")),
        )
    )


# -- small builders ------------------------------------------------------------------------------
# Every stored text passes through ``clean_for_output``: lxml refuses a control character, and one
# vertical tab in a note would otherwise make the whole file a 500 for everyone.


def _narrative(parent, text: str, lang: str = DEFAULT_LANGUAGE) -> None:
    narrative = etree.SubElement(parent, "narrative")
    narrative.text = clean_for_output(text)
    if lang != DEFAULT_LANGUAGE:
        narrative.set(XML_LANG, lang)


def _translations(project: Project, *names: str) -> dict[str, str]:
    """The first non-empty field of ``names`` in each language (e.g. title, else designation)."""
    found = {}
    for lang, _name in settings.LANGUAGES:
        for name in names:
            value = (getattr(project, f"{name}_{lang}", "") or "").strip()
            if value:
                found[lang] = value
                break
    return found


def _org(parent, tag: str, organisation: Organisation, **attrs) -> None:
    element = etree.SubElement(parent, tag, **{k: str(v) for k, v in attrs.items()})
    if organisation.iati_ref:
        element.set("ref", clean_for_output(organisation.iati_ref))
    if organisation.iati_type:
        element.set("type", str(organisation.iati_type))
    _narrative(element, organisation.name)


def _number(value: Decimal) -> str:
    """7.00 → "7", 2.50 → "2.5": the value without trailing zeros, never in exponent form."""
    return format(value.normalize(), "f")


def _comment(parent, text: str) -> None:
    parent.append(etree.Comment(f" {clean_for_output(text).replace('--', '–')} "))


def _day(value: FuzzyDate, *, end: bool) -> tuple[str, str]:
    """(ISO day, note): a fuzzy start is written as its first day, a fuzzy end as its last."""
    day = value.last_day if end else value.first_day
    if value.precision == Precision.DAY:
        return day.isoformat(), ""
    edge = "last" if end else "first"
    return (
        day.isoformat(),
        f"Known only to the {value.precision} ({value}); the {edge} day is given.",
    )


# -- the parts of an activity --------------------------------------------------------------------


def _title_and_descriptions(activity, project: Project) -> None:
    title = etree.SubElement(activity, "title")
    for lang, text in _translations(project, "title", "designation").items():
        _narrative(title, text, lang)
    general = _translations(project, "description", "designation", "title")
    description = etree.SubElement(activity, "description", type=str(DESCRIPTION_GENERAL))
    for lang, text in general.items():
        _narrative(description, text, lang)
    other = [
        f"Lead partner: {p.organisation.name}."
        for p in project.participations.all()
        if p.role == Participation.Role.LEAD_PARTNER
    ] + [
        f"Builds on the earlier project “{link.builds_on}”."
        for link in project.predecessor_links.all()
    ]
    if other:
        description = etree.SubElement(activity, "description", type=str(DESCRIPTION_OTHER))
        _narrative(description, " ".join(other))


def _participating(project: Project) -> list[tuple[int, Organisation]]:
    """(IATI role, organisation): the participants in IATI roles, then donors of commitments and
    disbursements not already funding. Lead partner and interest are no IATI roles."""
    pairs = [
        (Participation.IATI_ROLE_CODES[p.role], p.organisation)
        for p in project.participations.all()
        if p.role in Participation.IATI_ROLE_CODES
    ]
    funders = {o.pk for code, o in pairs if code == 1}
    for record in project.funding.all():
        firm = record.kind in (FundingRecord.Kind.COMMITMENT, FundingRecord.Kind.DISBURSEMENT)
        if firm and record.donor_id not in funders:
            pairs.append((1, record.donor))
            funders.add(record.donor_id)
    return sorted(pairs, key=lambda pair: (pair[0], pair[1].name))


def _dates(activity, project: Project) -> None:
    for code, name, end in (
        (1, "planned_start", False),
        (2, "actual_start", False),
        (3, "planned_end", True),
        (4, "actual_end", True),
    ):
        value = project.fuzzy_value(name)
        if value is None:
            continue
        day, note = _day(value, end=end)
        if note:
            _comment(activity, note)
        element = etree.SubElement(activity, "activity-date", type=str(code), **{"iso-date": day})
        if note:
            _narrative(element, note)


def _budgets(activity, project: Project) -> None:
    for budget in project.budgets.all():
        start, end = budget.fuzzy_value("period_start"), budget.fuzzy_value("period_end")
        if start is None or end is None:
            _comment(
                activity,
                f"Budget of {budget.amount} {budget.currency} left out: its period is not known.",
            )
            continue
        element = etree.SubElement(
            activity,
            "budget",
            type=str(Budget.IATI_KIND[budget.kind]),
            status=str(Budget.IATI_STATUS[budget.status]),
        )
        etree.SubElement(element, "period-start", **{"iso-date": start.first_day.isoformat()})
        etree.SubElement(element, "period-end", **{"iso-date": end.last_day.isoformat()})
        value = etree.SubElement(
            element,
            "value",
            currency=clean_for_output(budget.currency),
            **{"value-date": start.first_day.isoformat()},
        )
        value.text = str(budget.amount)


def _transactions(activity, project: Project, reporter: Reporter) -> None:
    implementers = [
        p.organisation
        for p in project.participations.all()
        if p.role == Participation.Role.IMPLEMENTING
    ]
    for record in project.funding.all():
        if record.kind not in TRANSACTION_TYPE:
            continue  # an expressed interest is no IATI transaction
        when = record.fuzzy_value("date")
        if record.amount is None or when is None:
            _comment(
                activity,
                f"{record.get_kind_display()} of {record.donor} left out: no amount or no date.",
            )
            continue
        outgoing, incoming = TRANSACTION_TYPE[record.kind]
        code = outgoing if record.donor_id == reporter.organisation.pk else incoming
        day, note = _day(when, end=False)
        element = etree.SubElement(activity, "transaction", ref=clean_for_output(record.key))
        etree.SubElement(element, "transaction-type", code=str(code))
        etree.SubElement(element, "transaction-date", **{"iso-date": day})
        currency = clean_for_output(record.currency)
        value = etree.SubElement(element, "value", currency=currency, **{"value-date": day})
        value.text = str(record.amount)
        text = " ".join(t for t in (record.note, note) if t)
        if text:
            _narrative(etree.SubElement(element, "description"), text)
        _org(element, "provider-org", record.donor)
        if len(implementers) == 1:
            _org(element, "receiver-org", implementers[0])


def _related(activity, project: Project, reporter: Reporter) -> None:
    if project.absorbed_into_id:
        etree.SubElement(
            activity,
            "related-activity",
            ref=iati_identifier(reporter, project.absorbed_into),
            type=str(RELATED_PARENT),
        )
    for absorbed in project.absorbed.all():
        etree.SubElement(
            activity,
            "related-activity",
            ref=iati_identifier(reporter, absorbed),
            type=str(RELATED_CHILD),
        )


def _indicator(result_element, result: Result, indicator: Indicator | None) -> None:
    if indicator is None:  # IATI needs one: the result itself, as a qualitative indicator
        element = etree.SubElement(result_element, "indicator", measure=str(MEASURE_QUALITATIVE))
        _narrative(etree.SubElement(element, "title"), result.title)
        return
    measure = MEASURE_PERCENTAGE if indicator.is_percentage else MEASURE_UNIT
    element = etree.SubElement(result_element, "indicator", measure=str(measure))
    _narrative(etree.SubElement(element, "title"), indicator.title)
    if indicator.baseline is not None and indicator.baseline_year:
        etree.SubElement(
            element,
            "baseline",
            year=str(indicator.baseline_year),
            value=_number(indicator.baseline),
        )
    start, end = result.when, result.until or result.when
    if start is None or (indicator.target is None and indicator.actual is None):
        return
    period = etree.SubElement(element, "period")
    etree.SubElement(period, "period-start", **{"iso-date": start.first_day.isoformat()})
    etree.SubElement(period, "period-end", **{"iso-date": end.last_day.isoformat()})
    for name in ("target", "actual"):
        if getattr(indicator, name) is not None:
            etree.SubElement(period, name, value=_number(getattr(indicator, name)))


def _results(activity, project: Project) -> None:
    for result in project.results.all():
        element = etree.SubElement(activity, "result", type=str(Result.IATI_KIND[result.kind]))
        _narrative(etree.SubElement(element, "title"), result.title)
        if result.description:
            _narrative(etree.SubElement(element, "description"), result.description)
        for indicator in result.indicators.all() or [None]:
            _indicator(element, result, indicator)


# -- the document --------------------------------------------------------------------------------


def missing_for_iati(project: Project) -> list[str]:
    """Why a project cannot be an IATI activity (IATI needs a date and a participant)."""
    missing = []
    if not any(project.fuzzy_value(name) for name, _ in project.fuzzy_date_fields):
        missing.append("no date is known")
    if not _participating(project):
        missing.append("no organisation takes part in an IATI role")
    return missing


def _activity(root, project: Project, reporter: Reporter) -> None:
    activity = etree.SubElement(root, "iati-activity", **{XML_LANG: DEFAULT_LANGUAGE})
    etree.SubElement(activity, "iati-identifier").text = iati_identifier(reporter, project)
    reporting = etree.SubElement(
        activity,
        "reporting-org",
        ref=clean_for_output(reporter.ref),
        type=str(reporter.organisation.iati_type or 90),
    )
    participants = _participating(project)
    if all(o.pk != reporter.organisation.pk for _, o in participants):
        reporting.set("secondary-reporter", "1")
    _narrative(reporting, reporter.organisation.name)
    _title_and_descriptions(activity, project)
    for code, organisation in participants:
        _org(activity, "participating-org", organisation, role=code)
    etree.SubElement(activity, "activity-status", code=str(ACTIVITY_STATUS[project.status]))
    _dates(activity, project)
    for recipient in project.recipients.all():
        code = clean_for_output(recipient.country.code)
        etree.SubElement(activity, "recipient-country", code=code)
    sector = etree.SubElement(activity, "sector", vocabulary="1", code=SECTOR[0])
    _narrative(sector, SECTOR[1])
    _budgets(activity, project)
    _transactions(activity, project, reporter)
    _related(activity, project, reporter)
    _results(activity, project)


def build_activities(now: dt.datetime | None = None) -> etree._Element:
    """The iati-activities element of every public project that IATI can represent; the others
    are named in a comment with the reason."""
    reporter = reporting_organisation()
    now = now or timezone.now()
    root = etree.Element(
        "iati-activities",
        version=VERSION,
        **{"generated-datetime": now.isoformat(timespec="seconds")},
    )
    _comment(root, "Silk Routes Partnership for Migration: the BP Silk Routes Programme.")
    if reporter.placeholder:
        _comment(
            root,
            f"{reporter.ref} is a placeholder, not an official IATI organisation identifier: "
            "set IATI_REPORTING_ORG_REF.",
        )
    for project in projects_for_iati():
        missing = missing_for_iati(project)
        if missing:
            _comment(root, f"Not exported: “{project}” ({project.slug}): {'; '.join(missing)}.")
            continue
        _activity(root, project, reporter)
    return root


def render_activities(now: dt.datetime | None = None) -> bytes:
    return etree.tostring(
        build_activities(now), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def schema_errors(document: bytes) -> list[str]:
    """The messages of the official 2.03 schema about a document; empty when it is valid."""
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    schema.validate(etree.fromstring(document))
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
