"""Helpers of the rebuild test: read every collection through the API, turn what it returned
into a dataset document (docs/data-format.md), and dump the public facts of the database in a
form that does not depend on primary keys."""

import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from silkroutes.core.models import STRATEGY_SOURCE_KEY, Alternative, Citation

# -- reading through the API --------------------------------------------------------------------


def read_all(client, path: str) -> list[dict]:
    """Every item of a collection, following the ``next`` links."""
    url = f"/api/v1/{path}{'&' if '?' in path else '?'}page_size=200"
    items: list[dict] = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        page = response.json()
        items += page["results"]
        url = page["next"]
    return items


COLLECTIONS = {
    "sources": "sources",
    "countries": "countries",
    "regions": "regions",
    "organisations": "organisations",
    "roles": "roles",
    "bodies": "bodies",
    "frameworks": "frameworks",
    "goals": "goals",
    "areas": "areas",
    "meetings": "meetings",
    "projects": "projects?expand=participants,funding,status_history,results",
    "partnerships": "partnerships",
    "action_items": "action_items",
}


def read_everything(client) -> dict[str, list[dict]]:
    return {name: read_all(client, path) for name, path in COLLECTIONS.items()}


# -- from the API's JSON to a dataset document --------------------------------------------------


def english(value):
    """The English text of a multilingual field. The dataset format holds English only, so a
    Russian or Arabic text would be lost: refuse it rather than rebuild less than was read."""
    if value is None or isinstance(value, str):
        return value
    others = {lang: text for lang, text in value.items() if lang != "en" and text}
    assert not others, f"the dataset format cannot hold these translations: {others}"
    return value["en"]


def when(value: dict | None) -> str | None:
    return value["value"] if value else None


def ref(value: dict | None, key: str) -> str | None:
    return value[key] if value else None


def citations(items: list[dict]) -> list[dict]:
    return [
        {"source": c["source"]["key"], "section": c["section"], "quote": c["quote"]} for c in items
    ]


def provenance(item: dict) -> dict:
    return {
        "sources": citations(item["sources"]),
        "alternatives": [
            {
                "field": a["field"],
                "value": a["value"],
                "note": a["note"],
                "sources": citations(a["sources"]),
            }
            for a in item["alternatives"]
        ],
    }


def source(item: dict) -> dict:
    return {"key": item["key"], "kind": item["kind"], "title": item["title"], "url": item["url"]}


def organisation(item: dict) -> dict:
    return {
        "slug": item["slug"],
        "name": english(item["name"]),
        "kind": item["kind"],
        "country": ref(item["country"], "code"),
        "iati_type": item["iati_type"],
        "iati_ref": item["iati_ref"],
        "acronym": item["acronym"],
        "url": item["website"],
        **provenance(item),
    }


def role(item: dict) -> dict:
    return {
        "key": item["key"],
        "role": item["kind"],
        "holder": item["holder"]["slug"],
        "of": ref(item["of"], "slug"),
        "body": ref(item["body"], "slug"),
        "start": when(item["start"]),
        "end": when(item["end"]),
        **provenance(item),
    }


def body(item: dict) -> dict:
    return {
        "slug": item["slug"],
        "name": english(item["name"]),
        "kind": item["kind"],
        "region": ref(item["region"], "code"),
        "established": when(item["established"]),
        "focus": english(item["focus"]),
        "future_perspective": english(item["future_perspective"]),
        **provenance(item),
    }


def framework(item: dict) -> dict:
    return {
        "slug": item["slug"],
        "title": english(item["title"]),
        "kind": item["kind"],
        "adopted": when(item["adopted"]),
        "adopted_at": ref(item["adopted_at"], "slug"),
        "period_start": when(item["period_start"]),
        "period_end": when(item["period_end"]),
        **provenance(item),
    }


def goal(item: dict) -> dict:
    return {
        "code": item["code"],
        "name": english(item["name"]),
        "labels": [
            {
                "framework": label["framework"]["slug"],
                "order": label["order"],
                "label": english(label["label"]),
                "sources": citations(label["sources"]),
            }
            for label in item["labels"]
        ],
        **provenance(item),
    }


def meeting(item: dict) -> dict:
    return {
        "slug": item["slug"],
        "body": item["body"]["slug"],
        "number": item["number"],
        "title": english(item["title"]),
        "date": when(item["date"]),
        "end_date": item["end_date"],
        "status": item["status"],
        "city": item["city"],
        "country": ref(item["country"], "code"),
        "host": ref(item["host"], "slug"),
        "goals": [g["code"] for g in item["goals"]],
        "participants": item["participants"],
        "countries_count": item["countries_count"],
        "organisations_count": item["organisations_count"],
        "description": english(item["description"]),
        **provenance(item),
    }


def result(item: dict) -> dict:
    return {
        "key": item["key"],
        "kind": item["kind"],
        "category": item["category"],
        "title": english(item["title"]),
        "date": when(item["date"]),
        "end_date": when(item["end_date"]),
        "place": item["place"],
        "country": ref(item["country"], "code"),
        "people_count": item["people_count"],
        "women_count": item["women_count"],
        "institutions_count": item["institutions_count"],
        "description": english(item["description"]),
        "goals": [g["code"] for g in item["goals"]],
        "indicators": [
            {
                "title": english(i["title"]),
                "unit": i["unit"],
                "baseline": i["baseline"],
                "baseline_year": i["baseline_year"],
                "target": i["target"],
                "actual": i["actual"],
                "sources": citations(i["sources"]),
            }
            for i in item["indicators"]
        ],
        **provenance(item),
    }


def project(item: dict) -> dict:
    return {
        "slug": item["slug"],
        "title": english(item["title"]),
        "designation": english(item["designation"]),
        "acronym": item["acronym"],
        "description": english(item["description"]),
        "status": item["status"],
        "status_history": [
            {
                "status": s["status"],
                "date": when(s["date"]),
                "note": s["note"],
                "sources": citations(s["sources"]),
            }
            for s in item["status_history"]
        ],
        **{name: when(item[name]) for name in ("planned_start", "planned_end")},
        **{name: when(item[name]) for name in ("actual_start", "actual_end")},
        "goals": [g["code"] for g in item["goals"]],
        "areas": [a["code"] for a in item["areas"]],
        "recipient_countries": [
            {
                "country": r["country"]["code"],
                "level": r["level"],
                "sources": citations(r["sources"]),
            }
            for r in item["recipient_countries"]
        ],
        "builds_on": [p["slug"] for p in item["builds_on"]],
        "absorbed_into": ref(item["absorbed_into"], "slug"),
        "participants": [
            {"organisation": p["organisation"]["slug"], "role": p["role"], **provenance(p)}
            for p in item["participants"]
        ],
        "funding": [
            {
                "key": f["key"],
                "donor": f["donor"]["slug"],
                "kind": f["kind"],
                "amount": f["amount"],
                "currency": f["currency"],
                "date": when(f["date"]),
                "note": f["note"],
                "firmness": f["firmness"],
                **provenance(f),
            }
            for f in item["funding"]
        ],
        "results": [result(r) for r in item["results"]],
        **provenance(item),
    }


def dataset_from_api(data: dict[str, list[dict]]) -> dict:
    """A dataset document (the format of data/*.yaml) holding what the API returned."""
    return {
        "sources": [source(s) for s in data["sources"] if s["key"] != STRATEGY_SOURCE_KEY],
        "countries": [{"code": c["code"], **provenance(c)} for c in data["countries"]],
        "regions": [
            {
                "code": r["code"],
                "name": english(r["name"]),
                "countries": [c["code"] for c in r["countries"]],
                **provenance(r),
            }
            for r in data["regions"]
        ],
        "organisations": [organisation(o) for o in data["organisations"]],
        "bodies": [body(b) for b in data["bodies"]],
        "roles": [role(r) for r in data["roles"]],
        "frameworks": [framework(f) for f in data["frameworks"]],
        "goals": [goal(g) for g in data["goals"]],
        "areas": [
            {
                "code": a["code"],
                "framework": a["framework"]["slug"],
                "order": a["order"],
                "title": english(a["title"]),
                **provenance(a),
            }
            for a in data["areas"]
        ],
        "meetings": [meeting(m) for m in data["meetings"]],
        "projects": [project(p) for p in data["projects"]],
        "partnerships": [
            {
                "slug": p["slug"],
                "partner": p["partner"]["slug"],
                "purpose": english(p["purpose"]),
                "start": when(p["start"]),
                "end": when(p["end"]),
                **provenance(p),
            }
            for p in data["partnerships"]
        ],
        "action_items": [
            {
                "key": i["key"],
                "framework": i["framework"]["slug"],
                "code": i["code"],
                "order": i["order"],
                "title": english(i["title"]),
                "description": english(i["description"]),
                "goals": [g["code"] for g in i["goals"]],
                "responsible": [o["slug"] for o in i["responsible"]],
                "status": i["status"],
                **provenance(i),
            }
            for i in data["action_items"]
        ],
    }


# -- the public facts of the database, without primary keys --------------------------------------

# The models whose records are the public facts, children first (the order of deletion).
PUBLIC_MODELS = [
    "programme.Indicator",
    "programme.Result",
    "programme.FundingRecord",
    "programme.Participation",
    "programme.RecipientCountry",
    "programme.ProjectLink",
    "programme.ProjectStatusChange",
    "programme.Project",
    "strategy.ActionItem",
    "actors.Partnership",
    "strategy.GoalLabel",
    "strategy.Area",
    "strategy.Framework",
    "meetings.Meeting",
    "actors.Role",
    "meetings.Body",
    "actors.Organisation",
    "actors.Region",
    "actors.Country",
    "strategy.PriorityGoal",
    "core.Source",
]


def natural_key(record) -> tuple:
    """What identifies a record without its primary key."""
    for name in ("key", "slug", "code"):
        own_key = not (record._meta.model_name == "actionitem" and name == "code")
        has_it = any(f.name == name for f in record._meta.fields) and getattr(record, name)
        if has_it and own_key:
            return (record._meta.label, getattr(record, name))
    owner_fields = [
        f
        for f in record._meta.fields
        if f.is_relation and f.name in ("project", "goal", "result", "framework")
    ]
    owner = tuple(natural_key(getattr(record, f.name)) for f in owner_fields)
    if record._meta.model_name == "projectstatuschange":
        earlier = type(record).objects.filter(project=record.project, pk__lt=record.pk).count()
        return (record._meta.label, owner, earlier)
    rest = tuple(
        natural_key(getattr(record, f.name)) if f.is_relation else getattr(record, f.name)
        for f in record._meta.fields
        if f.name in ("organisation", "role", "country", "builds_on", "title")
    )
    return (record._meta.label, owner, rest)


def _value(record, field):
    if field.is_relation:
        target = getattr(record, field.name)
        return None if target is None else natural_key(target)
    value = getattr(record, field.attname)
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _is_fact(field) -> bool:
    """Primary keys, timestamps of record keeping and the users who did it are not facts."""
    if field.primary_key or isinstance(field, models.DateTimeField):
        return False
    return not (field.is_relation and field.related_model._meta.label == "auth.User")


def _citations(content_type, object_id) -> list:
    return sorted(
        (c.source.key, c.section, c.quote)
        for c in Citation.objects.filter(content_type=content_type, object_id=object_id)
    )


def _alternatives(content_type, object_id) -> list:
    alternative_type = ContentType.objects.get_for_model(Alternative)
    return sorted(
        (a.field, a.value, a.note, tuple(_citations(alternative_type, a.pk)))
        for a in Alternative.objects.filter(content_type=content_type, object_id=object_id)
    )


def _facts_of(record) -> dict:
    content_type = ContentType.objects.get_for_model(record)
    facts = {f.name: _value(record, f) for f in record._meta.concrete_fields if _is_fact(f)}
    for field in record._meta.many_to_many:
        facts[field.name] = sorted(natural_key(r) for r in getattr(record, field.name).all())
    facts["citations"] = _citations(content_type, record.pk)
    facts["alternatives"] = _alternatives(content_type, record.pk)
    return facts


def public_facts() -> dict[str, dict]:
    """Every record of the public models, by natural key, with its fields, relations and
    provenance."""
    facts: dict[str, dict] = {}
    for label in PUBLIC_MODELS:
        for record in apps.get_model(label).objects.all():
            facts[repr(natural_key(record))] = _facts_of(record)
    return facts
