"""Documents of meetings and bodies: an agenda, a concept note, conclusions… in several language
versions, each readable by the people its access tier names.

A document is a draft (Secretariat only) until it is published. Its files are stored under
generated names in a storage that has no public URL: every download goes through the access
check of ``permissions.py``."""

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .tiers import RESTRICTED_TIERS, AccessTier, is_public

# Languages a document may come in: the Budapest Process publishes in English, Russian and
# Arabic; the Silk Routes countries also read Dari/Persian, Pashto, Urdu and Bengali.
DOCUMENT_LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("ar", _("Arabic")),
    ("fa", _("Dari/Persian")),
    ("ps", _("Pashto")),
    ("ur", _("Urdu")),
    ("bn", _("Bengali")),
    ("tr", _("Turkish")),
    ("fr", _("French")),
]
RIGHT_TO_LEFT = frozenset({"ar", "fa", "ps", "ur"})


class DocumentStorage(FileSystemStorage):
    """Files under ``settings.DOCUMENTS_ROOT`` (read on every use, so tests can point it
    elsewhere). The storage has no URL: files are served only by the download view."""

    @property
    def base_location(self):
        return settings.DOCUMENTS_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Document files have no public URL; use the download view.")

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError:
            # A write cut short (no space left, say) leaves a partial file: remove it. Names are
            # random and new, so the file at this path can only be this upload's.
            path = self.path(name)
            if os.path.isfile(path):
                os.remove(path)
            raise


_storage = DocumentStorage()


def document_storage() -> DocumentStorage:
    return _storage


def generated_file_name(instance: "DocumentFile", filename: str) -> str:
    """A new random name; the uploader's file name is never part of a path."""
    extension = instance.extension
    return f"documents/{uuid.uuid4().hex}{'.' + extension if extension else ''}"


class Document(models.Model):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("agenda")
        CONCEPT_NOTE = "concept-note", _("concept note")
        PRESENTATION = "presentation", _("presentation")
        CONCLUSIONS = "conclusions", _("conclusions")
        REPORT = "report", _("report")
        OTHER = "other", _("other")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("meeting"),
    )
    body = models.ForeignKey(
        "meetings.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("body"),
        help_text=_("The body the document concerns, when it belongs to no single meeting"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title = models.CharField(_("title"), max_length=300)
    access_tier = models.CharField(
        _("who may read it"), max_length=30, choices=AccessTier, default=AccessTier.PUBLIC
    )
    embargo_until = models.DateTimeField(
        _("public from"),
        null=True,
        blank=True,
        help_text=_("A restricted document becomes public at this moment"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["meeting__date", "kind", "title", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(embargo_until__isnull=True)
                | ~models.Q(access_tier=AccessTier.PUBLIC),
                name="document_embargo_needs_restriction",
                violation_error_message=_(
                    "An embargo applies to a restricted document; a public one is public already."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workspace:document_detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def is_public(self, now=None) -> bool:
        return is_public(
            tier=self.access_tier,
            published=self.is_published,
            embargo_until=self.embargo_until,
            now=now or timezone.now(),
        )

    @property
    def body_ids(self) -> set[int]:
        """The bodies whose members may read a ``body-members`` document."""
        ids = {self.body_id}
        if self.meeting_id:
            ids.add(self.meeting.body_id)
        return {pk for pk in ids if pk is not None}

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.embargo_until and self.access_tier not in RESTRICTED_TIERS:
            errors["embargo_until"] = _(
                "An embargo applies to a restricted document; choose who may read it until then."
            )
        if self.access_tier == AccessTier.BODY_MEMBERS and not (self.body_id or self.meeting_id):
            errors["access_tier"] = _(
                "A document for the members of a body needs its meeting or its body."
            )
        if errors:
            raise ValidationError(errors)


class DocumentFile(models.Model):
    """One language version of a document. The stored name is generated; the uploader's file
    name is kept only to be shown (escaped) and to name the download."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="files", verbose_name=_("document")
    )
    language = models.CharField(_("language"), max_length=5, choices=DOCUMENT_LANGUAGES)
    file = models.FileField(
        _("file"), upload_to=generated_file_name, storage=document_storage, max_length=200
    )
    original_name = models.CharField(_("name of the uploaded file"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content_type = models.CharField(_("type (detected from the content)"), max_length=120)
    extension = models.CharField(_("extension (from the detected type)"), max_length=10)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["document", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"],
                name="one_file_per_language",
                violation_error_message=_("The document has a file in this language already."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} ({self.language})"

    def get_absolute_url(self) -> str:
        return reverse("workspace:document_download", args=[self.document.slug, self.language])

    @property
    def is_right_to_left(self) -> bool:
        return self.language in RIGHT_TO_LEFT
