"""Reads of documents. ``documents_visible_to(user)`` is THE way every interface lists documents
(portal, search, feeds, exports, the API): it applies the access rule of ``permissions.py``."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from silkroutes.accounts.permissions import compute_access
from silkroutes.core.search import text_search

from .models import Document, DocumentFile
from .permissions import visible_documents_q
from .tiers import tier_allows

DOCUMENT_SEARCH_FIELDS = ("title",)


def _with_files(documents: QuerySet[Document]) -> QuerySet[Document]:
    files = DocumentFile.objects.order_by("language")
    return documents.select_related("meeting", "meeting__body", "body").prefetch_related(
        Prefetch("files", queryset=files)
    )


def documents_visible_to(user, now=None) -> QuerySet[Document]:
    """The documents ``user`` (anonymous included) may see, with meeting, body and files
    loaded: the Secretariat sees drafts too, everyone else published documents of their tiers."""
    condition = visible_documents_q(user, now=now)
    return _with_files(Document.objects.filter(condition)).order_by(
        "meeting__date", "kind", "title", "pk"
    )


def public_documents(now=None) -> QuerySet[Document]:
    """The documents anyone may read: published and public, or past their embargo."""
    return documents_visible_to(AnonymousUser(), now=now)


def public_documents_of(meeting) -> QuerySet[Document]:
    """A meeting's public documents with their language versions, for the portal's meeting
    page (two queries)."""
    return public_documents().filter(meeting=meeting).order_by("kind", "title", "pk")


def documents_of_meeting_for(user, meeting) -> QuerySet[Document]:
    return documents_visible_to(user).filter(meeting=meeting).order_by("kind", "title", "pk")


def search_documents(query: str, user=None) -> QuerySet[Document]:
    """Documents whose title matches ``query`` in any language, among those ``user`` may see
    (the public's documents when no user is given)."""
    visible = documents_visible_to(user or AnonymousUser())
    return text_search(visible, query)


def document_with_files(document: Document) -> list[DocumentFile]:
    return list(document.files.select_related("uploaded_by").order_by("language"))


def document_history(document: Document):
    """The document's recorded versions, newest first, with who made each."""
    return document.history.select_related("history_user").order_by("-history_date", "-pk")


def users_who_may_view(document: Document, *, exclude=None) -> list:
    """Active people with an account who may read the document (for "document published"),
    ``exclude`` left out. Checks each person's access as of now."""
    now = timezone.now()
    candidates = (
        get_user_model()
        .objects.filter(is_active=True, memberships__isnull=False)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    return [
        user
        for user in candidates
        if tier_allows(
            compute_access(user, now.date()),
            tier=document.access_tier,
            published=document.is_published,
            body_ids=document.body_ids,
            embargo_until=document.embargo_until,
            now=now,
        )
    ]
