"""Writes of documents: create, add a language version, change, publish. Each is atomic and
records its author in the document's history."""

import errno

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from silkroutes.notifications.services import absolute_url, notify

from .models import Document, DocumentFile
from .queries import users_who_may_view
from .uploads import inspect_upload

# Slugs that would be taken for a page of the workspace's document URLs.
RESERVED_SLUGS = frozenset({"new"})


def unique_document_slug(title: str) -> str:
    base = slugify(title)[:100].strip("-") or "document"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Document.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _save_with_history(document: Document, by, reason: str) -> None:
    document._history_user = by
    document._change_reason = reason
    document.full_clean()
    document.save()


@transaction.atomic
def create_document(
    *,
    title: str,
    kind: str,
    access_tier: str,
    by,
    meeting=None,
    body=None,
    embargo_until=None,
    slug: str = "",
    upload=None,
    language: str = "en",
) -> Document:
    """Create a draft document (visible to the Secretariat only until published), with its
    first language version when ``upload`` is given.

    Side effects: a history record; the file stored under a generated name."""
    document = Document(
        slug=slug or unique_document_slug(title),
        title=title,
        kind=kind,
        access_tier=access_tier,
        meeting=meeting,
        body=body,
        embargo_until=embargo_until,
        created_by=by,
    )
    _save_with_history(document, by, "created")
    if upload is not None:
        _store_file(document, upload=upload, language=language, by=by)
    return document


@transaction.atomic
def add_document_file(document: Document, *, upload, language: str, by) -> DocumentFile:
    """Add a language version, or replace the file of that language. The content is checked
    (size, type by its bytes) before anything is stored.

    Side effects: the file stored under a generated name (a replaced file is deleted once the
    transaction commits); the document's version goes up, with a history record."""
    stored = _store_file(document, upload=upload, language=language, by=by)
    Document.objects.filter(pk=document.pk).update(version=F("version") + 1)
    document.refresh_from_db(fields=["version"])
    document._history_user = by
    document._change_reason = f"file {language}"
    Document.history.bulk_history_create([document], update=True, default_user=by)
    return stored


def _store_file(document: Document, *, upload, language: str, by) -> DocumentFile:
    inspected = inspect_upload(upload)
    previous = document.files.filter(language=language).first()
    if previous is not None:
        old_name = previous.file.name
        previous.delete()
        transaction.on_commit(lambda: previous.file.storage.delete(old_name))
    stored = DocumentFile(
        document=document,
        language=language,
        original_name=inspected.original_name,
        size=inspected.size,
        content_type=inspected.content_type,
        extension=inspected.extension,
        sha256=inspected.sha256,
        uploaded_by=by,
    )
    try:
        stored.file.save("upload", upload, save=False)
    except OSError as error:
        # A full disk, a read-only or missing volume: refuse clearly and keep nothing (the
        # transaction rolls back; DocumentStorage removes a partly written file).
        if error.errno == errno.ENOSPC:
            message = _("The server has no space left to store this file. Nothing was saved.")
        else:
            message = _("The server could not store this file. Nothing was saved.")
        raise ValidationError(message, code="storage") from error
    stored.save()
    return stored


@transaction.atomic
def update_document(document: Document, *, by, **changes) -> Document:
    """Change a document's title, kind, meeting, body, tier or embargo.

    Side effects: the version goes up; a history record with the values before and after."""
    for name, value in changes.items():
        setattr(document, name, value)
    document.version += 1
    _save_with_history(document, by, "changed")
    return document


@transaction.atomic
def publish_document(document: Document, *, by) -> Document:
    """Publish a draft: from now on the people its tier names may read it.

    Side effects: ``published_at`` set; a history record; once committed, an e-mail "document
    published" to every person with an account who may read it (the publisher excepted)."""
    if document.is_published:
        return document
    if not document.files.exists():
        raise ValidationError(_("Add at least one language version before publishing."))
    document.published_at = timezone.now()
    document.version += 1
    _save_with_history(document, by, "published")
    _announce(document, by)  # notify() sends once the transaction commits
    return document


def _announce(document: Document, by) -> None:
    readers = users_who_may_view(document, exclude=by)
    if not readers:
        return
    languages = ", ".join(str(f.get_language_display()) for f in document.files.all())
    notify(
        readers,
        subject=_("Document published: %(title)s") % {"title": document.title},
        template="documents/email/document_published.txt",
        context={
            "title": document.title,
            "kind": str(document.get_kind_display()),
            "meeting_title": document.meeting.title if document.meeting_id else "",
            "access": str(document.get_access_tier_display()),
            "languages": languages,
            "link": absolute_url(reverse("workspace:document_detail", args=[document.slug])),
        },
    )
