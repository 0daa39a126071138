"""Organisations (states through their governments), dated roles, countries, regions and the
dialogue's partnerships."""

from django.db.models import F, Prefetch
from ninja import Query, Router

from silkroutes.actors.models import Country, Organisation, Partnership, Region, Role
from silkroutes.actors.queries import (
    partnerships_for_listing,
    public_countries,
    public_organisations,
)
from silkroutes.core.queries import with_provenance

from ..filters import (
    CountryQuery,
    DetailQuery,
    OrganisationDetailQuery,
    OrganisationQuery,
    PartnershipQuery,
    RegionQuery,
    RoleQuery,
)
from ..openapi import responses
from ..params import Slug
from ..representation import Context
from ..schemas.common import page_of
from ..schemas.output import CountryOut, OrganisationOut, PartnershipOut, RegionOut, RoleOut
from .common import one, page, page_response

router = Router(tags=["actors"])


def roles_for_api():
    """Roles with holder, scope and sources; by kind, earliest first (unknown starts first)."""
    return with_provenance(
        Role.objects.select_related("holder", "of_organisation", "body").order_by(
            "kind", F("start").asc(nulls_first=True), "key"
        )
    )


def organisations_for_api(expand: frozenset[str]):
    organisations = with_provenance(
        public_organisations().select_related("country").order_by("slug")
    )
    if "roles" in expand:
        organisations = organisations.prefetch_related(
            Prefetch("roles", queryset=roles_for_api(), to_attr="roles_held")
        )
    return organisations


def countries_for_api():
    return with_provenance(public_countries().order_by("code")).prefetch_related(
        Prefetch("regions", queryset=Region.objects.order_by("code"))
    )


def regions_for_api():
    return with_provenance(Region.objects.order_by("code")).prefetch_related(
        Prefetch("countries", queryset=public_countries().order_by("code"))
    )


def role_out(ctx: Context, role: Role) -> dict:
    return {
        "key": role.key,
        "kind": role.kind,
        "holder": ctx.organisation_ref(role.holder),
        "of": ctx.organisation_ref(role.of_organisation),
        "body": ctx.body_ref(role.body),
        "start": ctx.date(role, "start"),
        "end": ctx.date(role, "end"),
        "href": ctx.link("roles", role.key),
        **ctx.provenance(role),
    }


def organisation_out(ctx: Context, organisation: Organisation) -> dict:
    if "roles" in ctx.expand:
        roles = [role_out(ctx, role) for role in organisation.roles_held]
    else:
        roles = ctx.link("roles") + f"?holder={organisation.slug}"
    return {
        "slug": organisation.slug,
        "name": ctx.text(organisation, "name"),
        "acronym": organisation.acronym or None,
        "kind": organisation.kind,
        "iati_type": organisation.iati_type,
        "iati_ref": organisation.iati_ref or None,
        "country": ctx.country_ref(organisation.country),
        "website": organisation.url or None,
        "roles": roles,
        "href": ctx.link("organisations", organisation.slug),
        "web_url": ctx.web_of("portal:organisation", organisation.slug),
        **ctx.provenance(organisation),
    }


def country_out(ctx: Context, country: Country) -> dict:
    return {
        "code": country.code,
        "name": ctx.country_name(country.code),
        "regions": [ctx.region_ref(region) for region in country.regions.all()],
        "href": ctx.link("countries", country.code),
        "web_url": ctx.web(country),
        **ctx.provenance(country),
    }


def region_out(ctx: Context, region: Region) -> dict:
    return {
        "code": region.code,
        "name": ctx.text(region, "name"),
        "countries": [ctx.country_ref(country) for country in region.countries.all()],
        "href": ctx.link("regions", region.code),
        **ctx.provenance(region),
    }


def partnership_out(ctx: Context, partnership: Partnership) -> dict:
    return {
        "slug": partnership.slug,
        "partner": ctx.organisation_ref(partnership.partner),
        "purpose": ctx.text(partnership, "purpose"),
        "start": ctx.date(partnership, "start"),
        "end": ctx.date(partnership, "end"),
        "href": ctx.link("partnerships", partnership.slug),
        **ctx.provenance(partnership),
    }


@router.get(
    "/organisations", response=responses(page_of(OrganisationOut)), url_name="organisations"
)
def organisation_list(request, query: Query[OrganisationQuery]):
    """States' governments, international organisations, dialogues, forums and others."""
    organisations = organisations_for_api(Context.of(request, query).expand)
    if query.kind:
        organisations = organisations.filter(kind=query.kind)
    if query.country:
        organisations = organisations.filter(country__code=query.country_code())
    return page_response(request, query, organisations, organisation_out)


@router.get("/organisations/{slug}", response=responses(OrganisationOut), url_name="organisation")
def organisation_detail(request, slug: Slug, query: Query[OrganisationDetailQuery]):
    items = organisations_for_api(Context.of(request, query).expand)
    return one(request, query, items, organisation_out, slug=slug)


@router.get("/roles", response=responses(page_of(RoleOut)), url_name="roles")
def role_list(request, query: Query[RoleQuery]):
    """Dated roles: chairmanships, the Secretariat, chairs and members of bodies, observers."""
    query.check()
    roles = roles_for_api()
    for name, lookup in (
        ("kind", "kind"),
        ("holder", "holder__slug"),
        ("of", "of_organisation__slug"),
        ("body", "body__slug"),
    ):
        value = getattr(query, name)
        if value:
            roles = roles.filter(**{lookup: value})
    return page(request, query, roles, role_out)


@router.get("/roles/{key}", response=responses(RoleOut), url_name="role")
def role_detail(request, key: Slug, query: Query[DetailQuery]):
    return one(request, query, roles_for_api(), role_out, key=key)


@router.get("/countries", response=responses(page_of(CountryOut)), url_name="countries")
def country_list(request, query: Query[CountryQuery]):
    """The countries the data mentions, by ISO code; names in every language."""
    query.check()
    countries = countries_for_api()
    if query.region:
        countries = countries.filter(regions__code=query.region)
    return page(request, query, countries, country_out)


@router.get("/countries/{code}", response=responses(CountryOut), url_name="country")
def country_detail(request, code: Slug, query: Query[DetailQuery]):
    return one(request, query, countries_for_api(), country_out, code=code.upper())


@router.get("/regions", response=responses(page_of(RegionOut)), url_name="regions")
def region_list(request, query: Query[RegionQuery]):
    regions = regions_for_api()
    if query.country:
        regions = regions.filter(countries__code=query.country_code())
    return page(request, query, regions, region_out)


@router.get("/regions/{code}", response=responses(RegionOut), url_name="region")
def region_detail(request, code: Slug, query: Query[DetailQuery]):
    return one(request, query, regions_for_api(), region_out, code=code)


@router.get("/partnerships", response=responses(page_of(PartnershipOut)), url_name="partnerships")
def partnership_list(request, query: Query[PartnershipQuery]):
    """The dialogue's cooperation with organisations, other dialogues and global forums."""
    query.check()
    partnerships = partnerships_for_listing().order_by("slug")
    if query.partner:
        partnerships = partnerships.filter(partner__slug=query.partner)
    return page(request, query, partnerships, partnership_out)


@router.get("/partnerships/{slug}", response=responses(PartnershipOut), url_name="partnership")
def partnership_detail(request, slug: Slug, query: Query[DetailQuery]):
    return one(request, query, partnerships_for_listing(), partnership_out, slug=slug)
