"""Documents' metadata and their language versions: only those the acting user may read
(``documents.queries.documents_visible_to``: the public's documents without a token)."""

from django.db.models import Q
from django.urls import reverse
from ninja import Query, Router

from silkroutes.documents.models import Document
from silkroutes.documents.queries import documents_visible_to

from ..auth import acting_user
from ..filters import DetailQuery, DocumentQuery
from ..openapi import responses
from ..params import Slug
from ..representation import Context
from ..schemas.common import page_of
from ..schemas.restricted import DocumentOut
from .common import one, page

router = Router(tags=["documents"])


def document_out(ctx: Context, document: Document) -> dict:
    absolute = ctx.request.build_absolute_uri
    return {
        "slug": document.slug,
        "title": document.title,
        "kind": document.kind,
        "meeting": ctx.meeting_ref(document.meeting),
        "body": ctx.body_ref(document.body),
        "access_tier": document.access_tier,
        "embargo_until": document.embargo_until,
        "published_at": document.published_at,
        "files": [
            {
                "language": file.language,
                "name": file.original_name,
                "size": file.size,
                "content_type": file.content_type,
                "download_url": absolute(
                    reverse("workspace:document_download", args=[document.slug, file.language])
                ),
            }
            for file in document.files.all()
        ],
        "href": ctx.link("documents", document.slug),
    }


@router.get("/documents", response=responses(page_of(DocumentOut)), url_name="documents")
def document_list(request, query: Query[DocumentQuery]):
    """Documents you may read: without a token the public's; with one, also those of your
    state, your bodies or the Secretariat."""
    documents = documents_visible_to(acting_user(request))
    if query.meeting:
        documents = documents.filter(meeting__slug=query.meeting)
    if query.body:
        documents = documents.filter(Q(body__slug=query.body) | Q(meeting__body__slug=query.body))
    if query.kind:
        documents = documents.filter(kind=query.kind)
    return page(request, query, documents, document_out)


@router.get("/documents/{slug}", response=responses(DocumentOut), url_name="document")
def document_detail(request, slug: Slug, query: Query[DetailQuery]):
    """One document, if you may read it (404 otherwise, so that its existence is not told)."""
    items = documents_visible_to(acting_user(request))
    return one(request, query, items, document_out, slug=slug)
