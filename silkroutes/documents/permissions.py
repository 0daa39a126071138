"""Who may read and manage documents: the one place that decides it. Every page, download,
search, feed, export and API endpoint asks these functions (lists through
``queries.documents_visible_to``, which uses the same rule as ``can_view_document``)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from silkroutes.accounts.permissions import access_for

from .models import Document
from .tiers import tier_allows, tier_q


def can_view_document(user, document: Document, now=None) -> bool:
    """Whether ``user`` (anonymous included) may see the document and download its files."""
    return tier_allows(
        access_for(user),
        tier=document.access_tier,
        published=document.is_published,
        body_ids=document.body_ids,
        embargo_until=document.embargo_until,
        now=now or timezone.now(),
    )


def can_manage_documents(user) -> bool:
    """Uploading, publishing and editing documents is the Secretariat's work."""
    return access_for(user).secretariat


def can_see_history(user) -> bool:
    return access_for(user).secretariat


def _document_concerns(body_ids: list[int]) -> Q:
    return Q(body_id__in=body_ids) | Q(meeting__body_id__in=body_ids)


def visible_documents_q(user, now=None) -> Q:
    """The SQL condition of ``can_view_document`` (for ``queries.documents_visible_to``)."""
    return tier_q(access_for(user), now=now or timezone.now(), body_condition=_document_concerns)


def get_document_for_user(request, slug: str) -> Document:
    """The document, if the person may see it; otherwise 404, so that a restricted document's
    existence is not revealed either."""
    document = (
        Document.objects.select_related("meeting", "meeting__body", "body", "created_by")
        .filter(slug=slug)
        .first()
    )
    if document is None or not can_view_document(request.user, document):
        raise Http404(_("No document found, or you may not read it."))
    return document


def require_document_manager(request) -> None:
    if not can_manage_documents(request.user):
        raise PermissionDenied(_("Only the Secretariat manages documents."))
