"""Organisations, countries and partnerships: who holds which role since when, who funds,
implements and hosts what, and which countries benefit."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from silkroutes.actors.models import Organisation
from silkroutes.actors.presenters import organisation_rows
from silkroutes.actors.queries import (
    country_for_page,
    organisation_for_page,
    organisations_for_listing,
    organisations_of,
    partnerships_for_listing,
    partnerships_with,
    public_countries,
    regions_with_countries,
    roles_held_by,
    roles_within,
)
from silkroutes.meetings.search import public_meetings
from silkroutes.portal.allow_lists import reads_parameters
from silkroutes.programme.models import Participation
from silkroutes.programme.search import (
    public_funding_records,
    public_participations,
    public_recipients,
)

KIND_HEADINGS = {
    Organisation.Kind.GOVERNMENT: _("States"),
    Organisation.Kind.INTERNATIONAL: _("International organisations"),
    Organisation.Kind.EU_INSTITUTION: _("EU institutions"),
    Organisation.Kind.DIALOGUE: _("Regional migration dialogues"),
    Organisation.Kind.FORUM: _("Global forums"),
    Organisation.Kind.SECRETARIAT: _("Secretariats"),
    Organisation.Kind.NGO: _("Non-governmental organisations"),
    Organisation.Kind.OTHER: _("Other organisations"),
}


def _by_name(records):
    """Sorted by the name shown in the reader's language (columns may be empty in it)."""
    return sorted(records, key=lambda record: str(record.name).casefold())


@reads_parameters()
def organisation_list(request):
    organisations = organisation_rows(_by_name(organisations_for_listing()))
    groups = [
        (kind.value, KIND_HEADINGS[kind], [o for o in organisations if o.kind == kind])
        for kind in Organisation.Kind
    ]
    return render(
        request,
        "portal/actors/organisation_list.html",
        {"groups": [group for group in groups if group[2]], "total": len(organisations)},
    )


def organisation_detail(request, slug):
    organisation = organisation_for_page(slug)
    if organisation is None:
        raise Http404(_("No organisation has this address."))
    participations = public_participations().filter(organisation=organisation)
    return render(
        request,
        "portal/actors/organisation_detail.html",
        {
            "organisation": organisation,
            "roles_held": roles_held_by(organisation),
            "roles_within": roles_within(organisation),
            "participations_by_role": _by_role(participations),
            "funding_records": public_funding_records().filter(donor=organisation),
            "meetings": _hosted(public_meetings().filter(host=organisation)),
            "partnerships": _with_fuzzy(partnerships_with(organisation), "start", "end"),
        },
    )


@reads_parameters()
def country_list(request):
    countries = _by_name(public_countries())
    groups, in_a_region = [], set()
    for region in regions_with_countries():
        members = _by_name(region.countries.all())
        if members:
            groups.append((region, members))
            in_a_region.update(country.pk for country in members)
    others = [country for country in countries if country.pk not in in_a_region]
    return render(
        request,
        "portal/actors/country_list.html",
        {"groups": groups, "others": others, "total": len(countries)},
    )


def country_detail(request, code):
    country = country_for_page(code)
    if country is None:
        raise Http404(_("No country of this dataset has this code."))
    if code != country.code.lower():
        return redirect(country, permanent=True)
    organisations = list(organisations_of(country))
    governments = [o for o in organisations if o.kind == Organisation.Kind.GOVERNMENT]
    participations = public_participations().filter(organisation__in=governments)
    return render(
        request,
        "portal/actors/country_detail.html",
        {
            "country": country,
            "governments": governments,
            "several_governments": len(governments) > 1,
            "other_organisations": [o for o in organisations if o not in governments],
            "roles": roles_held_by(governments),
            "meetings": _hosted(public_meetings().filter(country=country)),
            "participations_by_role": _by_role(participations),
            "recipients": public_recipients().filter(country=country).order_by("level", "pk"),
        },
    )


@reads_parameters()
def partnership_list(request):
    return render(
        request,
        "portal/actors/partnership_list.html",
        {"partnerships": _with_fuzzy(partnerships_for_listing(), "start", "end")},
    )


def _by_role(participations) -> list[tuple[str, str, list[Participation]]]:
    """(role, label, participations) in the order of the roles, roles without any left out."""
    rows = list(participations)
    groups = [
        (role.value, role.label, [p for p in rows if p.role == role]) for role in Participation.Role
    ]
    return [group for group in groups if group[2]]


def _hosted(meetings):
    return meetings.select_related("body", "country").order_by("date", "pk")


def _with_fuzzy(records, *fields: str) -> list:
    """The records, each with ``<field>_fuzzy`` (a FuzzyDate or None) for the templates,
    which cannot call ``fuzzy_value(field)``."""
    rows = list(records)
    for record in rows:
        for name in fields:
            if not hasattr(type(record), f"{name}_fuzzy"):  # the model may provide it
                setattr(record, f"{name}_fuzzy", record.fuzzy_value(name))
    return rows
