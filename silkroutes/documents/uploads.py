"""What an uploaded file is, decided from its bytes, never from its name.

Accepted: PDF; Word, Excel and PowerPoint (Office Open XML); OpenDocument text, spreadsheet and
presentation; PNG and JPEG; and plain UTF-8 text without markup. Anything else — an HTML page
renamed ``.pdf``, a script, an archive — is refused with a message saying what was found."""

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from filetype.types import archive, document, image

# Matchers in the order they are tried: the Office formats are ZIP files, so they come first.
ALLOWED_MATCHERS = (
    document.Docx(),
    document.Xlsx(),
    document.Pptx(),
    document.Odt(),
    document.Ods(),
    document.Odp(),
    archive.Pdf(),
    image.Png(),
    image.Jpeg(),
)
PLAIN_TEXT = "text/plain; charset=utf-8"
DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
_SNIFF_BYTES = 8192

# Text a browser could take for a page: tags of HTML, SVG or XML anywhere in a "plain" text file.
_MARKUP = re.compile(
    rb"<\s*(?:!doctype|!--|\?xml|html|head|body|script|iframe|svg|object|embed|style|img|"
    rb"meta|link|form|a\s|div|table|title|p[\s>]|br\b|h[1-6]\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Inspected:
    """An accepted upload: its type as detected from its content, size and checksum."""

    content_type: str
    extension: str
    size: int
    sha256: str
    original_name: str


def max_upload_bytes() -> int:
    return getattr(settings, "DOCUMENT_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def display_name(name: str) -> str:
    """The uploader's file name without any directory part or control character, for display
    and for the download's name only (it is never part of a stored path)."""
    base = PurePath(name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[:255] or "document"


def inspect_upload(upload: UploadedFile) -> Inspected:
    """Check an uploaded file's size and detect its type from its content.

    Raises ``ValidationError`` when the file is too large, empty, or of a type not accepted."""
    limit = max_upload_bytes()
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size or 0), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    kind = filetype.match(head, matchers=ALLOWED_MATCHERS)
    if kind is not None:
        content_type, extension = kind.mime, kind.extension
    elif _is_plain_text(upload):
        content_type, extension = PLAIN_TEXT, "txt"
    else:
        found = filetype.guess(head)
        raise ValidationError(
            _(
                "This kind of file is not accepted (found: %(found)s). Upload a PDF, an Office "
                "or OpenDocument file, a PNG or JPEG image, or plain text."
            )
            % {"found": found.mime if found else _("unknown or markup")},
            code="wrong_type",
        )
    return Inspected(
        content_type=content_type,
        extension=extension,
        size=upload.size,
        sha256=_sha256(upload),
        original_name=display_name(upload.name or ""),
    )


def _is_plain_text(upload: UploadedFile) -> bool:
    """UTF-8 throughout, no NUL byte, and no markup a browser might render."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if b"\x00" in data or _MARKUP.search(data):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
