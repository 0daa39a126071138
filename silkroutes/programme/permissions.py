"""Who may do what with the programme, decided in one place.

The programme's records are public (``search.public_*``); these predicates decide who may write:
a donor's representative records interest and pledges for their own organisation, the
Secretariat for anyone; only the Secretariat records commitments, disbursements and budgets and
moves projects along their lifecycle. Every workspace view and every service asks them."""

from django.core.exceptions import PermissionDenied

from silkroutes.accounts.permissions import Access, access_for
from silkroutes.actors.models import Organisation

from .models import FundingRecord

# Kinds of funding record a donor's representative may record for their own organisation.
DONOR_KINDS = frozenset({FundingRecord.Kind.INTEREST, FundingRecord.Kind.PLEDGE})


def _access(user_or_access) -> Access:
    if isinstance(user_or_access, Access):
        return user_or_access
    return access_for(user_or_access)


def can_use_programme_workspace(user) -> bool:
    """Anyone signed in who acts for an organisation reads the programme's workspace pages."""
    access = _access(user)
    return access.secretariat or bool(access.organisations)


def can_move_projects(user) -> bool:
    return _access(user).secretariat


def can_record_funding(user, *, donor: Organisation | int, kind: str) -> bool:
    """Interest and pledges: the donor's own representative or the Secretariat. Commitments and
    disbursements: the Secretariat only."""
    access = _access(user)
    if access.secretariat:
        return True
    donor_id = donor if isinstance(donor, int) else donor.pk
    return kind in DONOR_KINDS and donor_id in access.donor_organisations


def can_convert_interest(user, record: FundingRecord) -> bool:
    """Turning an interest into a pledge is recording a pledge for the same donor."""
    return record.kind == FundingRecord.Kind.INTEREST and can_record_funding(
        user, donor=record.donor_id, kind=FundingRecord.Kind.PLEDGE
    )


def money_kinds_for(user) -> list[str]:
    """The kinds of money a person may record: all of them for the Secretariat, pledges for a
    donor's representative, none for anyone else."""
    access = _access(user)
    if access.secretariat:
        return [
            FundingRecord.Kind.PLEDGE,
            FundingRecord.Kind.COMMITMENT,
            FundingRecord.Kind.DISBURSEMENT,
        ]
    if access.donor_organisations:
        return [FundingRecord.Kind.PLEDGE]
    return []


def can_record_budgets(user) -> bool:
    return _access(user).secretariat


def donors_user_may_record_for(user) -> frozenset[int] | None:
    """The organisations a user may record interest or pledges for; None means any."""
    access = _access(user)
    if access.secretariat:
        return None
    return access.donor_organisations


def require(allowed: bool) -> None:
    """Raise 403 unless allowed (for views and services alike)."""
    if not allowed:
        raise PermissionDenied
