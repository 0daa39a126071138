"""Load a dataset file (docs/data-format.md) into the database, in one transaction.

A bad record stops the load with the file, the section, the record and the reason; nothing of
the load is kept. A second load of the same file changes nothing."""

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import translation

from silkroutes.actors.models import Country, Organisation, Partnership, Region, Role
from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.core.models import STRATEGY_SOURCE_KEY, Source
from silkroutes.core.text import validate_single_line, validate_text
from silkroutes.meetings.models import Body, Meeting
from silkroutes.programme.models import (
    FundingRecord,
    Indicator,
    Participation,
    Project,
    ProjectLink,
    ProjectStatusChange,
    RecipientCountry,
    Result,
    check_transition,
)
from silkroutes.programme.summaries import refresh_funding_summaries
from silkroutes.strategy.models import ActionItem, Area, Framework, GoalLabel, PriorityGoal

from .statistics import gather_statistics_on_commit
from .sync import AlternativeSpec, ChangeLog, CitationSpec, Syncer

STRATEGY_TITLE = (
    "Budapest Process - Silk Routes Partnership, Multi-Annual Strategy 2014-2016 "
    "including the BP Silk Routes Programme"
)

# The sections of the strategy document a citation may name (docs/data-format.md).
STRATEGY_SECTIONS = frozenset(
    {
        "intro",
        "1",
        "1.areas",
        "1.launched.a",
        "1.launched.b",
        "1.consideration.a",
        "1.consideration.b",
        "1.consideration.c",
        "1.interest",
        "2",
        "2.a",
        "2.b",
        "2.c",
        "2.meetings",
        "2.perspective.a",
        "2.perspective.b",
        "2.perspective.c",
        "3",
        "3.webpage",
    }
)

COMMON = {"sources", "alternatives"}
SECTION_FIELDS: dict[str, set[str]] = {
    "sources": {"key", "title", "url", "kind"},
    "countries": {"code"} | COMMON,
    "regions": {"code", "name", "countries"} | COMMON,
    "organisations": {"slug", "name", "kind", "country", "iati_type", "iati_ref", "acronym", "url"}
    | COMMON,
    "bodies": {"slug", "name", "kind", "region", "established", "focus", "future_perspective"}
    | COMMON,
    "roles": {"key", "role", "holder", "of", "body", "start", "end"} | COMMON,
    "frameworks": {"slug", "title", "kind", "adopted", "adopted_at", "period_start", "period_end"}
    | COMMON,
    "goals": {"code", "name", "labels"} | COMMON,
    "areas": {"code", "framework", "order", "title"} | COMMON,
    "meetings": {
        "slug",
        "body",
        "number",
        "title",
        "date",
        "end_date",
        "status",
        "city",
        "country",
        "host",
        "goals",
        "participants",
        "countries_count",
        "organisations_count",
        "description",
    }
    | COMMON,
    "projects": {
        "slug",
        "title",
        "designation",
        "acronym",
        "description",
        "status",
        "status_history",
        "planned_start",
        "planned_end",
        "actual_start",
        "actual_end",
        "goals",
        "areas",
        "recipient_countries",
        "builds_on",
        "absorbed_into",
        "participants",
        "funding",
        "results",
    }
    | COMMON,
    "partnerships": {"slug", "partner", "purpose", "start", "end"} | COMMON,
    "action_items": {
        "key",
        "framework",
        "code",
        "order",
        "title",
        "description",
        "goals",
        "responsible",
        "status",
    }
    | COMMON,
}
RESULT_FIELDS = {
    "key",
    "kind",
    "category",
    "title",
    "date",
    "end_date",
    "place",
    "country",
    "people_count",
    "women_count",
    "institutions_count",
    "description",
    "goals",
    "indicators",
} | COMMON
INDICATOR_FIELDS = {"title", "unit", "baseline", "baseline_year", "target", "actual", "sources"}
KEY_FIELD = {
    "sources": "key",
    "countries": "code",
    "regions": "code",
    "organisations": "slug",
    "bodies": "slug",
    "roles": "key",
    "frameworks": "slug",
    "goals": "code",
    "areas": "code",
    "meetings": "slug",
    "projects": "slug",
    "partnerships": "slug",
    "action_items": "key",
}
# Fields that may hold several lines; every other text of a record is a single line.
MULTI_LINE = frozenset(
    {"description", "designation", "focus", "future_perspective", "purpose", "note", "quote"}
    | {"value", "label"}
)


class DatasetError(Exception):
    """A dataset file that cannot be loaded; the message names the file, record and reason."""


def describe(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(
                f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
                for name, messages in error.message_dict.items()
            )
        return " ".join(error.messages)
    return str(error)


def check_texts(value: Any, name: str = "") -> None:
    """Refuse, naming the field, a text that a download could not carry: a control character
    anywhere, a line break outside ``MULTI_LINE`` fields."""
    if isinstance(value, dict):
        for key, item in value.items():
            check_texts(item, str(key))
    elif isinstance(value, list):
        for item in value:
            check_texts(item, name)
    elif isinstance(value, str):
        validate = validate_text if name in MULTI_LINE else validate_single_line
        try:
            validate(value)
        except ValidationError as exc:
            raise DatasetError(f"{name}: {describe(exc)}") from None


def load_dataset(path: str | Path) -> ChangeLog:
    """Load the file; return what changed. Raises DatasetError and keeps nothing on failure."""
    return _Loader(Path(path)).run()


class _Loader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.log = ChangeLog()
        self.sync = Syncer(self.log)
        self.sources: dict[str, Source] = {}
        self.projects: set[int] = set()  # loaded here: their funding summaries are written anew

    # -- plumbing ----------------------------------------------------------------------------

    def run(self) -> ChangeLog:
        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise DatasetError(f"{self.path}: cannot be read as YAML: {exc}") from None
        if not isinstance(data, dict):
            raise DatasetError(f"{self.path}: the file must be a mapping of sections")
        unknown = set(data) - set(SECTION_FIELDS)
        if unknown:
            raise DatasetError(f"{self.path}: unknown sections: {', '.join(sorted(unknown))}")
        self.data = data
        with transaction.atomic(), translation.override("en"):
            self._strategy_source()
            for section, handler in (
                ("sources", self._source),
                ("countries", self._country),
                ("regions", self._region),
                ("organisations", self._organisation),
                ("bodies", self._body),
                ("roles", self._role),
                ("frameworks", self._framework),
                ("goals", self._goal),
                ("areas", self._area),
                ("meetings", self._meeting),
                ("frameworks", self._framework_adopted_at),
                ("projects", self._project_exists),
                ("projects", self._project),
                ("partnerships", self._partnership),
                ("action_items", self._action_item),
            ):
                for record in self._records(section):
                    with self._at(section, record):
                        handler(record)
            refresh_funding_summaries(Project.objects.filter(pk__in=self.projects))
            if self.log.total:
                gather_statistics_on_commit()
        return self.log

    def _records(self, section: str) -> list[dict]:
        records = self.data.get(section) or []
        if not isinstance(records, list):
            raise DatasetError(f"{self.path}: section “{section}” must be a list")
        seen = set()
        for record in records:
            key = record.get(KEY_FIELD[section]) if isinstance(record, dict) else None
            if key is not None and key in seen:
                raise DatasetError(f"{self.path}: {section} “{key}” appears twice")
            seen.add(key)
        return records

    @contextmanager
    def _at(self, section: str, record: Any) -> Iterator[None]:
        key = record.get(KEY_FIELD[section], "?") if isinstance(record, dict) else "?"
        where = f"{self.path}: {section} “{key}”"
        try:
            if not isinstance(record, dict):
                raise DatasetError("each record must be a mapping")
            unknown = set(record) - SECTION_FIELDS[section]
            if unknown:
                raise DatasetError(f"unknown fields: {', '.join(sorted(unknown))}")
            if not record.get(KEY_FIELD[section]):
                raise DatasetError(f"the record has no “{KEY_FIELD[section]}”")
            if section != "sources" and not record.get("sources"):
                raise DatasetError("the record cites no source")
            check_texts(record)
            with transaction.atomic():  # a savepoint, so that PostgreSQL can report the reason
                yield
        except DatasetError as exc:
            raise DatasetError(f"{where}: {exc}") from None
        except (ValidationError, IntegrityError, KeyError, ValueError, TypeError) as exc:
            raise DatasetError(f"{where}: {describe(exc)}") from None

    def _get(self, model: type[models.Model], what: str, **lookup: Any) -> Any:
        try:
            return model.objects.get(**lookup)
        except model.DoesNotExist:
            value = next(iter(lookup.values()))
            raise DatasetError(f"{what} “{value}” is not defined in the file") from None

    def _fuzzy(self, record: dict, name: str) -> tuple[Any, str]:
        value = record.get(name)
        if value in (None, ""):
            return None, ""
        try:
            parsed = FuzzyDate.parse(str(value))
        except ValidationError as exc:
            raise DatasetError(f"{name}: {describe(exc)}") from None
        return parsed.first_day, parsed.precision

    def _fuzzy_fields(self, record: dict, *names: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name in names:
            values[name], values[f"{name}_precision"] = self._fuzzy(record, name)
        return values

    def _citations(self, items: Any) -> list[CitationSpec]:
        if not isinstance(items, list) or not items:
            raise DatasetError("“sources” must be a non-empty list of citations")
        specs = []
        for item in items:
            if not isinstance(item, dict) or "source" not in item:
                raise DatasetError("a citation needs “source”")
            unknown = set(item) - {"source", "section", "quote"}
            if unknown:
                raise DatasetError(f"unknown citation fields: {', '.join(sorted(unknown))}")
            key = item["source"]
            if key not in self.sources:
                raise DatasetError(f"source “{key}” is not declared under “sources”")
            section = str(item.get("section") or "")
            if key == STRATEGY_SOURCE_KEY and section not in STRATEGY_SECTIONS:
                raise DatasetError(
                    f"a citation of the strategy needs one of its sections, not “{section}”"
                )
            specs.append(CitationSpec(self.sources[key], section, str(item.get("quote") or "")))
        return specs

    def _provenance(self, obj: models.Model, record: dict) -> None:
        self.sync.sync_citations(obj, self._citations(record.get("sources")))
        alternatives = []
        for item in record.get("alternatives") or []:
            name = item.get("field")
            try:
                type(obj)._meta.get_field(name)
            except FieldDoesNotExist:
                raise DatasetError(f"alternative for unknown field “{name}”") from None
            alternatives.append(
                AlternativeSpec(
                    field=name,
                    value=str(item.get("value")),
                    note=str(item.get("note") or ""),
                    citations=tuple(self._citations(item.get("sources"))),
                )
            )
        self.sync.sync_alternatives(obj, alternatives)

    def _text(self, record: dict, name: str) -> str:
        value = record.get(name)
        return "" if value is None else str(value).strip()

    # -- sections ----------------------------------------------------------------------------

    def _strategy_source(self) -> None:
        self.sources[STRATEGY_SOURCE_KEY] = self.sync.upsert(
            Source,
            {"key": STRATEGY_SOURCE_KEY},
            {"kind": Source.Kind.DOCUMENT, "title": STRATEGY_TITLE, "url": ""},
        )

    def _source(self, record: dict) -> None:
        if record["key"] == STRATEGY_SOURCE_KEY:
            raise DatasetError("the key “strategy” is reserved for the strategy document")
        source = self.sync.upsert(
            Source,
            {"key": record["key"]},
            {
                "kind": record.get("kind") or Source.Kind.WEB_PAGE,
                "title": self._text(record, "title"),
                "url": self._text(record, "url"),
            },
        )
        self.sources[source.key] = source

    def _country(self, record: dict) -> None:
        country = self.sync.upsert(Country, {"code": str(record["code"]).upper()}, {})
        self._provenance(country, record)

    def _region(self, record: dict) -> None:
        region = self.sync.upsert(
            Region, {"code": record["code"]}, {"name": self._text(record, "name")}
        )
        members = [
            self._get(Country, "country", code=str(c).upper())
            for c in record.get("countries") or []
        ]
        self.sync.sync_m2m(region, "countries", members)
        self._provenance(region, record)

    def _organisation(self, record: dict) -> None:
        country = (
            self._get(Country, "country", code=str(record["country"]).upper())
            if record.get("country")
            else None
        )
        organisation = self.sync.upsert(
            Organisation,
            {"slug": record["slug"]},
            {
                "name": self._text(record, "name"),
                "kind": self._text(record, "kind"),
                "country": country,
                "iati_type": record.get("iati_type"),
                "iati_ref": self._text(record, "iati_ref"),
                "acronym": self._text(record, "acronym"),
                "url": self._text(record, "url"),
            },
        )
        self._provenance(organisation, record)

    def _body(self, record: dict) -> None:
        region = (
            self._get(Region, "region", code=record["region"]) if record.get("region") else None
        )
        body = self.sync.upsert(
            Body,
            {"slug": record["slug"]},
            {
                "name": self._text(record, "name"),
                "kind": self._text(record, "kind"),
                "region": region,
                "focus": self._text(record, "focus"),
                "future_perspective": self._text(record, "future_perspective"),
                **self._fuzzy_fields(record, "established"),
            },
        )
        self._provenance(body, record)

    def _role(self, record: dict) -> None:
        values = {
            "kind": self._text(record, "role"),
            "holder": self._get(Organisation, "organisation", slug=record.get("holder")),
            "of_organisation": (
                self._get(Organisation, "organisation", slug=record["of"])
                if record.get("of")
                else None
            ),
            "body": self._get(Body, "body", slug=record["body"]) if record.get("body") else None,
            **self._fuzzy_fields(record, "start", "end"),
        }
        role = self.sync.upsert(Role, {"key": record["key"]}, values)
        self._provenance(role, record)

    def _framework(self, record: dict) -> None:
        framework = self.sync.upsert(
            Framework,
            {"slug": record["slug"]},
            {
                "title": self._text(record, "title"),
                "kind": self._text(record, "kind"),
                **self._fuzzy_fields(record, "adopted", "period_start", "period_end"),
            },
        )
        self._provenance(framework, record)

    def _framework_adopted_at(self, record: dict) -> None:
        meeting = (
            self._get(Meeting, "meeting", slug=record["adopted_at"])
            if record.get("adopted_at")
            else None
        )
        self.sync.upsert(Framework, {"slug": record["slug"]}, {"adopted_at": meeting})

    def _goal(self, record: dict) -> None:
        labels = record.get("labels") or []
        if not labels and not record.get("name"):
            raise DatasetError("a goal needs a name or at least one label")
        name = self._text(record, "name") or str(labels[0]["label"]).strip()
        goal = self.sync.upsert(PriorityGoal, {"code": record["code"]}, {"name": name})
        self._provenance(goal, record)
        keep = set()
        for item in labels:
            framework = self._get(Framework, "framework", slug=item.get("framework"))
            label = self.sync.upsert(
                GoalLabel,
                {"goal": goal, "framework": framework},
                {
                    "order": item.get("order"),
                    "label": str(item.get("label") or "").strip(),
                },
            )
            self.sync.sync_citations(label, self._citations(item.get("sources")))
            keep.add(label.pk)
        self.sync.delete_missing(goal.labels.all(), keep)

    def _area(self, record: dict) -> None:
        area = self.sync.upsert(
            Area,
            {"code": record["code"]},
            {
                "framework": self._get(Framework, "framework", slug=record.get("framework")),
                "order": record.get("order"),
                "title": self._text(record, "title"),
            },
        )
        self._provenance(area, record)

    def _goals(self, codes: Any) -> list[PriorityGoal]:
        return [self._get(PriorityGoal, "goal", code=code) for code in codes or []]

    def _meeting(self, record: dict) -> None:
        date, precision = self._fuzzy(record, "date")
        if date is None:
            raise DatasetError("a meeting needs a date, at least its year")
        end_date, end_precision = self._fuzzy(record, "end_date")
        if end_date is not None and end_precision != "day":
            raise DatasetError("end_date must be a day (YYYY-MM-DD)")
        meeting = self.sync.upsert(
            Meeting,
            {"slug": record["slug"]},
            {
                "body": self._get(Body, "body", slug=record.get("body")),
                "number": record.get("number"),
                "title": self._text(record, "title"),
                "date": date,
                "date_precision": precision,
                "end_date": end_date,
                "status": self._text(record, "status") or "foreseen",
                "city": self._text(record, "city"),
                "country": (
                    self._get(Country, "country", code=str(record["country"]).upper())
                    if record.get("country")
                    else None
                ),
                "host": (
                    self._get(Organisation, "organisation", slug=record["host"])
                    if record.get("host")
                    else None
                ),
                "participants": record.get("participants"),
                "countries_count": record.get("countries_count"),
                "organisations_count": record.get("organisations_count"),
                "description": self._text(record, "description"),
            },
        )
        self.sync.sync_m2m(meeting, "goals", self._goals(record.get("goals")))
        self._provenance(meeting, record)

    def _project_exists(self, record: dict) -> None:
        """First pass: every project exists, so that links between projects can be resolved."""
        self.sync.upsert(
            Project,
            {"slug": record["slug"]},
            {
                "title": self._text(record, "title"),
                "designation": self._text(record, "designation"),
            },
        )

    def _project(self, record: dict) -> None:
        history = record.get("status_history") or []
        status = self._text(record, "status")
        absorbed_into = (
            self._get(Project, "project", slug=record["absorbed_into"])
            if record.get("absorbed_into")
            else None
        )
        project = self.sync.upsert(
            Project,
            {"slug": record["slug"]},
            {
                "title": self._text(record, "title"),
                "designation": self._text(record, "designation"),
                "acronym": self._text(record, "acronym"),
                "description": self._text(record, "description"),
                "status": status,
                "absorbed_into": absorbed_into,
                **self._fuzzy_fields(
                    record, "planned_start", "planned_end", "actual_start", "actual_end"
                ),
            },
        )
        self.sync.sync_m2m(project, "goals", self._goals(record.get("goals")))
        self.sync.sync_m2m(
            project,
            "areas",
            [self._get(Area, "area", code=code) for code in record.get("areas") or []],
        )
        self._provenance(project, record)
        self._status_history(project, history, status)
        self._recipients(project, record.get("recipient_countries") or [])
        self._links(project, record.get("builds_on") or [])
        self._participants(project, record.get("participants") or [])
        self._funding(project, record.get("funding") or [])
        self.projects.add(project.pk)
        self._results(project, record.get("results") or [])

    def _status_history(self, project: Project, history: list, status: str) -> None:
        if history and history[-1].get("status") != status:
            raise DatasetError(
                f"the last status of status_history ({history[-1].get('status')}) is not the "
                f"project's status ({status})"
            )
        previous = None
        wanted = []
        for step in history:
            check_transition(previous, step.get("status"))
            date, precision = self._fuzzy(step, "date")
            wanted.append(
                (
                    previous or "",
                    step["status"],
                    date,
                    precision,
                    str(step.get("note") or ""),
                    self._citations(step.get("sources")),
                )
            )
            previous = step["status"]
        existing = list(project.status_changes.order_by("pk"))
        current = [
            (c.previous_status, c.status, c.date, c.date_precision, c.note) for c in existing
        ]
        if current != [w[:5] for w in wanted]:
            self.sync.delete_missing(project.status_changes.all(), set())
            existing = []
            for previous_status, new, date, precision, note, _ in wanted:
                change = ProjectStatusChange(
                    project=project,
                    previous_status=previous_status,
                    status=new,
                    date=date,
                    date_precision=precision,
                    note=note,
                )
                change.full_clean()
                change.save()
                existing.append(change)
            self.log.add(ProjectStatusChange, "rewritten")
        for change, step in zip(existing, wanted, strict=True):
            self.sync.sync_citations(change, step[5])

    def _recipients(self, project: Project, items: list) -> None:
        keep = set()
        for item in items:
            country = self._get(Country, "country", code=str(item.get("country")).upper())
            entry = self.sync.upsert(
                RecipientCountry,
                {"project": project, "country": country},
                {"level": item.get("level") or "national"},
            )
            self.sync.sync_citations(entry, self._citations(item.get("sources")))
            keep.add(entry.pk)
        self.sync.delete_missing(project.recipients.all(), keep)

    def _links(self, project: Project, slugs: list) -> None:
        keep = set()
        for slug in slugs:
            earlier = self._get(Project, "project", slug=slug)
            link = self.sync.upsert(ProjectLink, {"project": project, "builds_on": earlier}, {})
            # A link rests on the project's own citations of the "building upon" statement.
            keep.add(link.pk)
        self.sync.delete_missing(project.predecessor_links.all(), keep)

    def _participants(self, project: Project, items: list) -> None:
        keep = set()
        for item in items:
            organisation = self._get(Organisation, "organisation", slug=item.get("organisation"))
            role = item.get("role")
            if role not in Participation.Role.values:
                raise DatasetError(f"“{role}” is not a participant role")
            entry = self.sync.upsert(
                Participation,
                {
                    "project": project,
                    "organisation": organisation,
                    "role": role,
                },
                {},
            )
            self._provenance(entry, item)
            keep.add(entry.pk)
        self.sync.delete_missing(project.participations.all(), keep)

    def _funding(self, project: Project, items: list) -> None:
        keep = set()
        for item in items:
            amount = self._decimal(item, "amount")
            entry = self.sync.upsert(
                FundingRecord,
                {"key": item.get("key")},
                {
                    "project": project,
                    "donor": self._get(Organisation, "organisation", slug=item.get("donor")),
                    "kind": item.get("kind"),
                    "amount": amount,
                    "currency": str(item.get("currency") or ""),
                    "note": str(item.get("note") or ""),
                    "firmness": item.get("firmness") or FundingRecord.Firmness.UNKNOWN,
                    **self._fuzzy_fields(item, "date"),
                },
            )
            self._provenance(entry, item)
            keep.add(entry.pk)
        self.sync.delete_missing(project.funding.all(), keep)

    def _decimal(self, item: dict, name: str) -> Decimal | None:
        if item.get(name) is None:
            return None
        try:
            return Decimal(str(item[name]))
        except InvalidOperation:
            raise DatasetError(f"{name} “{item.get(name)}” is not a number") from None

    def _results(self, project: Project, items: list) -> None:
        keep = set()
        for item in items:
            key = item.get("key") if isinstance(item, dict) else None
            try:
                if not key:
                    raise DatasetError("a result needs a “key”")
                unknown = set(item) - RESULT_FIELDS
                if unknown:
                    raise DatasetError(f"unknown fields: {', '.join(sorted(unknown))}")
                keep.add(self._result(project, item).pk)
            except DatasetError as exc:
                raise DatasetError(f"result “{key or '?'}”: {exc}") from None
        self.sync.delete_missing(project.results.all(), keep)

    def _result(self, project: Project, item: dict) -> Result:
        country = item.get("country")
        result = self.sync.upsert(
            Result,
            {"key": item["key"]},
            {
                "project": project,
                "kind": item.get("kind") or Result.Kind.OUTPUT,
                "category": self._text(item, "category"),
                "title": self._text(item, "title"),
                "place": self._text(item, "place"),
                "country": self._get(Country, "country", code=str(country).upper())
                if country
                else None,
                "people_count": item.get("people_count"),
                "women_count": item.get("women_count"),
                "institutions_count": item.get("institutions_count"),
                "description": self._text(item, "description"),
                **self._fuzzy_fields(item, "date", "end_date"),
            },
        )
        self.sync.sync_m2m(result, "goals", self._goals(item.get("goals")))
        self._provenance(result, item)
        keep = set()
        for entry in item.get("indicators") or []:
            unknown = set(entry) - INDICATOR_FIELDS
            if unknown:
                raise DatasetError(f"unknown indicator fields: {', '.join(sorted(unknown))}")
            indicator = self.sync.upsert(
                Indicator,
                {"result": result, "title": self._text(entry, "title")},
                {
                    "unit": self._text(entry, "unit"),
                    "baseline_year": entry.get("baseline_year"),
                    **{n: self._decimal(entry, n) for n in ("baseline", "target", "actual")},
                },
            )
            self.sync.sync_citations(indicator, self._citations(entry.get("sources")))
            keep.add(indicator.pk)
        self.sync.delete_missing(result.indicators.all(), keep)
        return result

    def _partnership(self, record: dict) -> None:
        partnership = self.sync.upsert(
            Partnership,
            {"slug": record["slug"]},
            {
                "partner": self._get(Organisation, "organisation", slug=record.get("partner")),
                "purpose": self._text(record, "purpose"),
                **self._fuzzy_fields(record, "start", "end"),
            },
        )
        self._provenance(partnership, record)

    def _action_item(self, record: dict) -> None:
        item = self.sync.upsert(
            ActionItem,
            {"key": record["key"]},
            {
                "framework": self._get(Framework, "framework", slug=record.get("framework")),
                "code": self._text(record, "code"),
                "order": record.get("order"),
                "title": self._text(record, "title"),
                "description": self._text(record, "description"),
                "status": self._text(record, "status") or ActionItem.Status.PLANNED,
            },
        )
        self.sync.sync_m2m(item, "goals", self._goals(record.get("goals")))
        responsible = [
            self._get(Organisation, "organisation", slug=slug)
            for slug in record.get("responsible") or []
        ]
        self.sync.sync_m2m(item, "responsible", responsible)
        self._provenance(item, record)
