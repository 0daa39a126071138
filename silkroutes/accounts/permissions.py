"""What a person may do, decided in one place. Every view, API endpoint, feed and export asks
these predicates (through ``access_for``) instead of looking at memberships itself.

Rights are read fresh on each request (the access object lives on the request's user for that
request only), so revoking a membership or ending a chairmanship takes effect on the next
request."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from silkroutes.actors.models import Role

from .models import Membership


@dataclass(frozen=True)
class Access:
    """What one user may do today. Build it with ``access_for(user)``."""

    authenticated: bool = False
    secretariat: bool = False
    organisations: frozenset[int] = field(default_factory=frozenset)
    states: frozenset[int] = field(default_factory=frozenset)  # governments the user represents
    donor_organisations: frozenset[int] = field(default_factory=frozenset)
    implementer_organisations: frozenset[int] = field(default_factory=frozenset)
    chaired_bodies: frozenset[int] = field(default_factory=frozenset)
    member_bodies: frozenset[int] = field(default_factory=frozenset)

    @property
    def represents_a_participating_state(self) -> bool:
        return bool(self.states)

    def chairs(self, body_id: int) -> bool:
        return body_id in self.chaired_bodies

    def is_member_of_body(self, body_id: int) -> bool:
        return self.secretariat or body_id in self.member_bodies or body_id in self.chaired_bodies

    def acts_for(self, organisation_id: int) -> bool:
        return organisation_id in self.organisations


ANONYMOUS = Access()


def compute_access(user, today: dt.date | None = None) -> Access:
    """Read the user's memberships and their organisations' roles held today (two queries)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    today = today or timezone.localdate()
    memberships = [m for m in Membership.objects.filter(user=user) if m.active_on(today)]
    by_kind: dict[str, set[int]] = {}
    for membership in memberships:
        by_kind.setdefault(membership.kind, set()).add(membership.organisation_id)
    organisations = frozenset(m.organisation_id for m in memberships)
    body_roles = (
        [
            role
            for role in Role.objects.filter(holder_id__in=organisations, body__isnull=False)
            if role.held_on(today)
        ]
        if organisations
        else []
    )
    return Access(
        authenticated=True,
        secretariat=bool(by_kind.get(Membership.Kind.SECRETARIAT)) or user.is_superuser,
        organisations=organisations,
        states=frozenset(by_kind.get(Membership.Kind.FOCAL_POINT, ())),
        donor_organisations=frozenset(by_kind.get(Membership.Kind.DONOR, ())),
        implementer_organisations=frozenset(by_kind.get(Membership.Kind.IMPLEMENTER, ())),
        chaired_bodies=frozenset(r.body_id for r in body_roles if r.kind in Role.CHAIR_KINDS),
        member_bodies=frozenset(r.body_id for r in body_roles),
    )


def access_for(user) -> Access:
    """The user's access, computed once per user object (that is, once per request)."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_silkroutes_access", None)
    if cached is None:
        cached = compute_access(user)
        user._silkroutes_access = cached
    return cached
