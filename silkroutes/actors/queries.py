"""Reads of countries, regions, organisations, their roles and the partnerships.

``public_*`` decide what anyone may see; every public page and the search go through them."""

from django.db.models import Case, Count, F, Prefetch, QuerySet, When

from silkroutes.core.queries import with_provenance

from .models import Country, Organisation, Partnership, Region, Role


def public_organisations() -> QuerySet[Organisation]:
    """The organisations anyone may see: all of them in the current model."""
    return Organisation.objects.all()


def public_countries() -> QuerySet[Country]:
    """The countries of the dataset anyone may see: all of them in the current model."""
    return Country.objects.all()


def organisations_for_listing() -> QuerySet[Organisation]:
    """Organisations with their country, and ``project_count``/``role_count`` counted in SQL."""
    return (
        public_organisations()
        .select_related("country")
        .annotate(
            project_count=Count("participations__project", distinct=True),
            role_count=Count("roles", distinct=True),
        )
        .order_by("name")
    )


def organisation_for_page(slug: str) -> Organisation | None:
    """One organisation with its country and its provenance, or None."""
    queryset = with_provenance(public_organisations().select_related("country"))
    return queryset.filter(slug=slug).first()


def roles_held_by(holders) -> QuerySet[Role]:
    """The roles ``holders`` (one organisation or several) held, earliest first, with what they
    were of and their provenance."""
    if isinstance(holders, Organisation):
        holders = [holders]
    return with_provenance(
        Role.objects.filter(holder__in=holders)
        .select_related("holder", "of_organisation", "body")
        .order_by(F("start").asc(nulls_last=True), "kind", "pk")
    )


def roles_within(organisation: Organisation) -> QuerySet[Role]:
    """The roles held in a dialogue or forum (its chairs, co-chairs, secretariat, members), by
    kind and earliest first, with holders and provenance."""
    return with_provenance(
        Role.objects.filter(of_organisation=organisation)
        .select_related("holder")
        .order_by("kind", F("start").asc(nulls_last=True), "pk")
    )


def partnerships_for_listing() -> QuerySet[Partnership]:
    return with_provenance(Partnership.objects.select_related("partner").order_by("partner__name"))


def partnerships_with(organisation: Organisation) -> QuerySet[Partnership]:
    return partnerships_for_listing().filter(partner=organisation)


def regions_with_countries() -> QuerySet[Region]:
    """The regions with their provenance, each with its member ``countries`` prefetched."""
    return with_provenance(Region.objects.all()).prefetch_related(
        Prefetch("countries", queryset=public_countries().order_by("code"))
    )


def country_for_page(code: str) -> Country | None:
    """One country by its ISO code (any case), with its regions and provenance, or None."""
    queryset = with_provenance(public_countries()).prefetch_related(
        Prefetch("regions", queryset=Region.objects.order_by("name"))
    )
    return queryset.filter(code=code.upper()).first()


def organisations_of(country: Country) -> QuerySet[Organisation]:
    """The organisations of a country: its government first, then those seated there."""
    government_first = Case(When(kind=Organisation.Kind.GOVERNMENT, then=0), default=1)
    return with_provenance(
        public_organisations().filter(country=country).order_by(government_first, "name")
    )


def public_records() -> list[QuerySet]:
    """One queryset per sourced model of this app: what anyone may see of it, loaded for naming
    a record (its ``str``) and linking it to a page (pages listing citations)."""
    organisations = public_organisations()
    return [
        organisations,
        public_countries(),
        Region.objects.all(),
        Role.objects.filter(holder__in=organisations).select_related(
            "holder", "of_organisation", "body"
        ),
        Partnership.objects.filter(partner__in=organisations).select_related("partner"),
    ]
