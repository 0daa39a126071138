"""Bodies that meet, with their chairs, co-chairs and members over time."""

from django.db.models import F, Prefetch
from ninja import Query, Router

from silkroutes.actors.models import Role
from silkroutes.core.queries import with_provenance
from silkroutes.meetings.models import Body

from ..filters import BodyQuery, DetailQuery
from ..openapi import responses
from ..params import Slug
from ..representation import Context
from ..schemas.common import page_of
from ..schemas.output import BodyOut
from .actors import role_out
from .common import one, page

router = Router(tags=["bodies"])


def bodies_for_api():
    """Bodies with region, sources and ``body_roles`` (chairs, co-chairs and members, earliest
    first, an unknown start first), by kind, establishment and slug."""
    roles = with_provenance(
        Role.objects.filter(kind__in=Role.BODY_KINDS)
        .select_related("holder", "body")
        .order_by(F("start").asc(nulls_first=True), "kind", "key")
    )
    return with_provenance(
        Body.objects.select_related("region")
        .order_by("kind", F("established").asc(nulls_last=True), "slug")
        .prefetch_related(Prefetch("roles", queryset=roles, to_attr="body_roles"))
    )


def body_out(ctx: Context, body: Body) -> dict:
    return {
        "slug": body.slug,
        "name": ctx.text(body, "name"),
        "kind": body.kind,
        "region": ctx.region_ref(body.region),
        "established": ctx.date(body, "established"),
        "focus": ctx.text(body, "focus") if body.focus else None,
        "future_perspective": (
            ctx.text(body, "future_perspective") if body.future_perspective else None
        ),
        "roles": [role_out(ctx, role) for role in body.body_roles],
        "meetings": ctx.link("meetings") + f"?body={body.slug}",
        "href": ctx.link("bodies", body.slug),
        "web_url": ctx.web(body),
        **ctx.provenance(body),
    }


@router.get("/bodies", response=responses(page_of(BodyOut)), url_name="bodies")
def body_list(request, query: Query[BodyQuery]):
    """The Ministerial Conference, Senior Officials, working groups and other bodies."""
    query.check()
    bodies = bodies_for_api()
    if query.kind:
        bodies = bodies.filter(kind=query.kind)
    if query.region:
        bodies = bodies.filter(region__code=query.region)
    return page(request, query, bodies, body_out)


@router.get("/bodies/{slug}", response=responses(BodyOut), url_name="body")
def body_detail(request, slug: Slug, query: Query[DetailQuery]):
    return one(request, query, bodies_for_api(), body_out, slug=slug)
