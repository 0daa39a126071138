"""A full disk for uploads (issue 8, item 5), simulated: the document storage answers ENOSPC as
a full file system does. The real thing (a 1 MiB tmpfs) is the ``disk`` drill of .ci/drills.

A refused store leaves neither a row nor a file, and says why."""

import errno

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from silkroutes.documents import services
from silkroutes.documents.models import Document, DocumentFile, document_storage


@pytest.fixture
def full_disk(monkeypatch, settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path

    def no_space(name, content):
        raise OSError(errno.ENOSPC, "No space left on device", name)

    monkeypatch.setattr(document_storage(), "_save", no_space)


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n" + b"0" * 2000 + b"\n%%EOF\n")


def test_a_new_document_on_a_full_disk_is_refused_clearly_and_leaves_no_row(
    full_disk, secretariat_user
):
    before = (Document.objects.count(), DocumentFile.objects.count())

    with pytest.raises(ValidationError) as refused:
        services.create_document(
            title="Minutes",
            kind="report",
            access_tier="public",
            by=secretariat_user,
            upload=_pdf(),
        )

    assert "space" in " ".join(refused.value.messages).lower()
    assert (Document.objects.count(), DocumentFile.objects.count()) == before


def test_a_new_language_version_on_a_full_disk_is_refused_clearly(full_disk, secretariat_user):
    document = services.create_document(
        title="Minutes", kind="report", access_tier="public", by=secretariat_user
    )

    with pytest.raises(ValidationError):
        services.add_document_file(document, upload=_pdf(), language="en", by=secretariat_user)

    document.refresh_from_db()
    assert document.files.count() == 0
    assert document.version == 1


class _CutShort:
    """An upload whose write fails half-way, as a disk that fills up during the copy."""

    def __init__(self):
        self.name = "minutes.pdf"

    def chunks(self):
        yield b"%PDF-1.4\n" + b"0" * 4096
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_file_cut_short_by_a_full_disk_leaves_nothing_on_the_disk(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path

    with pytest.raises(OSError, match="No space left"):
        document_storage().save("documents/cut-short.pdf", _CutShort())

    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
