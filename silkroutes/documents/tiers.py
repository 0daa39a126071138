"""Access tiers: who may read a published record. The one rule shared by documents and outcomes,
written twice side by side — as a predicate for one record and as a SQL condition for lists —
so that a page, a search, a feed and an export all answer the same.

- draft (not published): the Secretariat only;
- ``public``, or a restricted record whose embargo has passed: everyone;
- ``participating-states``: focal points of any participating state, members and chairs of any
  body, and the Secretariat;
- ``body-members``: members and chairs of the record's bodies, and the Secretariat;
- ``secretariat``: the Secretariat only.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from silkroutes.accounts.permissions import Access


class AccessTier(models.TextChoices):
    PUBLIC = "public", _("public")
    PARTICIPATING_STATES = "participating-states", _("participating states")
    BODY_MEMBERS = "body-members", _("members of the body")
    SECRETARIAT = "secretariat", _("Secretariat only")


RESTRICTED_TIERS = frozenset(
    {AccessTier.PARTICIPATING_STATES, AccessTier.BODY_MEMBERS, AccessTier.SECRETARIAT}
)


def _bodies_of(access: Access) -> frozenset[int]:
    return access.member_bodies | access.chaired_bodies


def reads_participating_states_tier(access: Access) -> bool:
    return bool(access.secretariat or access.states or _bodies_of(access))


def is_public(*, tier: str, published: bool, embargo_until: dt.datetime | None, now) -> bool:
    """Whether anyone, signed in or not, may read the record."""
    if not published:
        return False
    if tier == AccessTier.PUBLIC:
        return True
    return embargo_until is not None and embargo_until <= now


def tier_allows(
    access: Access,
    *,
    tier: str,
    published: bool,
    body_ids: Iterable[int | None],
    embargo_until: dt.datetime | None = None,
    now: dt.datetime,
) -> bool:
    """Whether a person with ``access`` may read a record of this tier concerning these bodies."""
    if access.secretariat:
        return True
    if not published:
        return False
    if is_public(tier=tier, published=published, embargo_until=embargo_until, now=now):
        return True
    if tier == AccessTier.PARTICIPATING_STATES:
        return reads_participating_states_tier(access)
    if tier == AccessTier.BODY_MEMBERS:
        return bool(_bodies_of(access) & {pk for pk in body_ids if pk is not None})
    return False


def public_q(*, now: dt.datetime, embargo_field: str | None = "embargo_until", prefix="") -> Q:
    """The SQL condition of ``is_public``; ``prefix`` reaches the record through a relation
    (``"outcome__"`` for the outcome of an action point)."""
    anyone = Q(**{f"{prefix}access_tier": AccessTier.PUBLIC})
    if embargo_field:
        anyone |= Q(**{f"{prefix}{embargo_field}__lte": now})
    return Q(**{f"{prefix}published_at__isnull": False}) & anyone


def tier_q(
    access: Access,
    *,
    now: dt.datetime,
    body_condition,
    embargo_field: str | None = "embargo_until",
    prefix: str = "",
) -> Q:
    """The SQL condition of ``tier_allows``. ``body_condition(body_ids)`` returns the condition
    "the record concerns one of these bodies" for the model being filtered; ``prefix`` as for
    ``public_q``."""
    if access.secretariat:
        return Q()
    allowed = public_q(now=now, embargo_field=embargo_field, prefix=prefix)
    restricted = Q(pk__in=[])
    if reads_participating_states_tier(access):
        restricted |= Q(**{f"{prefix}access_tier": AccessTier.PARTICIPATING_STATES})
    bodies = _bodies_of(access)
    if bodies:
        restricted |= Q(**{f"{prefix}access_tier": AccessTier.BODY_MEMBERS}) & body_condition(
            sorted(bodies)
        )
    return allowed | (Q(**{f"{prefix}published_at__isnull": False}) & restricted)
