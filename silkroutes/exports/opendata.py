"""Open data: one CSV per public table and a Frictionless data-package descriptor
(``datapackage.json``: table schemas, primary and foreign keys, licence), in one ZIP.

The tables are declared in ``opendata_resources``; each is read with one query (its foreign
keys as the related records' slugs or codes), plus one query each for the citations and the
conflicting alternatives of the exported records. Licence: CC-BY-4.0
(docs/decisions/0009-open-data.md)."""

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone
from django_countries import countries

from silkroutes.core.fuzzydates import fuzzy
from silkroutes.core.models import Alternative, Citation
from silkroutes.core.text import FORMULA_TRIGGERS, clean_for_output

PACKAGE_NAME = "silk-routes-partnership"
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
FUZZY_PATTERN = r"^\d{4}(-Q[1-4]|-\d{2}(-\d{2})?)?$"
FUZZY_DESCRIPTION = "Date known to the year (2015), quarter (2015-Q2), month (2015-04) or day"
FORMULA_NOTE = (
    "A text value that begins with =, +, -, @, a tab or a carriage return is written with an "
    "apostrophe (') before it, so that a spreadsheet program shows it as text instead of running "
    "it as a formula (OWASP: CSV injection); remove that first apostrophe to read the stored "
    "text. Columns of type number, integer and date are written as they are."
)
TRANSFORMS: dict[str, Callable] = {"country_name": lambda code: str(countries.name(code))}


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "string"
    source: str = ""  # the values() lookup; default: the name
    fuzzy: bool = False  # a fuzzy date: the lookup and its ``_precision``, written as "2015-04"
    ref: tuple[str, str] | None = None  # foreign key: (table, column)
    required: bool = False
    description: str = ""
    transform: str = ""

    @property
    def lookup(self) -> str:
        return self.source or self.name

    def field(self) -> dict:
        field = {"name": self.name, "type": self.type}
        description = self.description or (FUZZY_DESCRIPTION if self.fuzzy else "")
        if description:
            field["description"] = description
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.fuzzy:
            constraints["pattern"] = FUZZY_PATTERN
        if constraints:
            field["constraints"] = constraints
        return field


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    queryset: Callable[[], QuerySet]
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    cited: bool = True  # its records have citations and alternatives
    record_id: tuple[str, ...] = ()  # lookups naming a record in citations; default: the key

    def lookups(self) -> list[str]:
        lookups = ["pk"]
        for column in self.columns:
            lookups.append(column.lookup)
            if column.fuzzy:
                lookups.append(f"{column.lookup}_precision")
        return lookups

    def schema(self) -> dict:
        schema = {
            "fields": [c.field() for c in self.columns],
            "primaryKey": list(self.primary_key),
        }
        keys = [
            {
                "fields": c.name,
                "reference": {
                    "resource": "" if c.ref[0] == self.name else c.ref[0],
                    "fields": c.ref[1],
                },
            }
            for c in self.columns
            if c.ref
        ]
        if keys:
            schema["foreignKeys"] = keys
        return schema

    def identify(self, row: dict) -> str:
        """How citations name this row: its key columns, joined by "/" when there are several."""
        names = self.record_id or tuple(
            next(c.lookup for c in self.columns if c.name == key) for key in self.primary_key
        )
        return "/".join(str(row[name]) for name in names)


def _cell(column: Column, row: dict):
    value = row[column.lookup]
    if value is None:
        return ""
    if column.fuzzy:
        return str(fuzzy(value, row[f"{column.lookup}_precision"]))
    if column.transform:
        return TRANSFORMS[column.transform](value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@dataclass
class Table:
    resource: Resource
    rows: list[list]
    ids: dict[int, str]  # database id → how citations name the record


def read_table(resource: Resource) -> Table:
    """The rows of one table (one query), ordered by its primary key."""
    rows = (
        resource.queryset()
        .order_by(
            *[
                next(c.lookup for c in resource.columns if c.name == key)
                for key in resource.primary_key
            ]
        )
        .values(*resource.lookups())
    )
    cells, ids = [], {}
    for row in rows:
        cells.append([_cell(c, row) for c in resource.columns])
        ids[row["pk"]] = resource.identify(row)
    return Table(resource, cells, ids)


PROVENANCE_RESOURCES = [
    Resource(
        "alternatives",
        "Values other sources give for a field of a record (the record holds the preferred one)",
        lambda: Alternative.objects.all(),
        (
            Column("id", "integer", required=True),
            Column("record_table", description="The table of the record"),
            Column("record_id", description="The record's key in that table"),
            Column("field"),
            Column("value"),
            Column("note"),
        ),
        ("id",),
    ),
    Resource(
        "citations",
        "Which source each record (or alternative value) rests on",
        lambda: Citation.objects.all(),
        (
            Column("id", "integer", required=True),
            Column("record_table", description="The table of the record"),
            Column("record_id", description="The record's key in that table"),
            Column("source", ref=("sources", "key")),
            Column("section", description="Section of the strategy document"),
            Column("quote", description="The words the fact rests on"),
        ),
        ("id",),
    ),
]


def _provenance_rows(model, owners: dict[tuple[int, int], tuple[str, str]], extra: list[str]):
    """Rows of citations or alternatives whose record is exported (``owners``: (content type
    id, record id) → (table, record key))."""
    rows, ids = [], {}
    queryset = model.objects.filter(content_type__in={ct for ct, _ in owners}).order_by("pk")
    for row in queryset.values("pk", "content_type", "object_id", *extra):
        owner = owners.get((row["content_type"], row["object_id"]))
        if owner is None:
            continue  # the record is not public, or not in the package
        rows.append([row["pk"], *owner, *[row[name] for name in extra]])
        ids[row["pk"]] = str(row["pk"])
    return rows, ids


def read_package() -> list[Table]:
    """Every table of the package, the provenance tables last."""
    from .opendata_resources import RESOURCES

    tables = [read_table(resource) for resource in RESOURCES]
    # One query for the content types (not Django's cache), so that the cost never varies.
    types = {(t.app_label, t.model): t.pk for t in ContentType.objects.all()}

    def type_of(model) -> int:
        return types[(model._meta.app_label, model._meta.model_name)]

    owners = {}
    for table in tables:
        if table.resource.cited:
            content_type = type_of(table.resource.queryset().model)
            for pk, key in table.ids.items():
                owners[(content_type, pk)] = (table.resource.name, key)
    alternatives, alternative_ids = _provenance_rows(
        Alternative, owners, ["field", "value", "note"]
    )
    alternative_type = type_of(Alternative)
    owners.update(
        {(alternative_type, pk): ("alternatives", key) for pk, key in alternative_ids.items()}
    )
    citations, _ = _provenance_rows(Citation, owners, ["source__key", "section", "quote"])
    alt_resource, citation_resource = PROVENANCE_RESOURCES
    return [*tables, Table(alt_resource, alternatives, {}), Table(citation_resource, citations, {})]


def descriptor(tables: list[Table], now: dt.datetime) -> dict:
    return {
        "name": PACKAGE_NAME,
        "title": "Silk Routes Partnership for Migration: open data",
        "description": (
            "The public records of the Budapest Process Silk Routes Partnership platform: goals, "
            "frameworks, organisations and roles, bodies and meetings, the programme's projects, "
            "funding, budgets and results, with the source of every fact (citations) and the "
            "values other sources give (alternatives). Amounts are in their own currency. "
            + FORMULA_NOTE
        ),
        "created": now.isoformat(timespec="seconds"),
        "licenses": [LICENCE],
        "resources": [
            {
                "name": t.resource.name,
                "title": t.resource.title,
                "path": f"data/{t.resource.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": t.resource.schema(),
            }
            for t in tables
        ],
    }


def text_cell(value: str) -> str:
    """A text as a CSV cell that no spreadsheet runs as a formula (``FORMULA_NOTE``), without the
    control characters that a download must not carry, its line breaks as LF (the csv module does
    not quote a lone CR, which readers take for the end of the row)."""
    value = clean_for_output(value)
    if value.startswith(FORMULA_TRIGGERS):
        value = f"'{value}"
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in table.resource.columns])
    # Only text columns: a negative amount stays a number.
    text = [c.type == "string" for c in table.resource.columns]
    for row in table.rows:
        cells = zip(row, text, strict=True)
        writer.writerow([text_cell(v) if t and isinstance(v, str) else v for v, t in cells])
    return out.getvalue()


def build_zip(now: dt.datetime | None = None) -> bytes:
    """The ZIP: ``datapackage.json`` and ``data/<table>.csv``."""
    now = now or timezone.now()
    tables = read_package()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "datapackage.json", json.dumps(descriptor(tables, now), indent=2, ensure_ascii=False)
        )
        for table in tables:
            archive.writestr(f"data/{table.resource.name}.csv", _csv(table))
    return buffer.getvalue()
