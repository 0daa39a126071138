"""Uploads: the size limit, the type decided by the content (never by the name), generated
storage names, and uploaders' file names shown escaped."""

import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from silkroutes.documents.models import DocumentFile
from silkroutes.documents.services import add_document_file, create_document
from silkroutes.documents.uploads import inspect_upload
from silkroutes.meetings.models import Meeting
from tests.factories import DocumentFactory, DocumentFileFactory

from . import samples

pytestmark = pytest.mark.django_db

GENERATED = re.compile(r"^documents/[0-9a-f]{32}\.[a-z]+$")


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type", "extension"),
    [
        ("agenda.pdf", samples.PDF, "application/pdf", "pdf"),
        (
            "note.docx",
            samples.docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        (
            "budget.xlsx",
            _xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        ("map.png", samples.PNG, "image/png", "png"),
        ("photo.jpg", samples.JPEG, "image/jpeg", "jpg"),
        ("notes.txt", samples.TEXT, "text/plain; charset=utf-8", "txt"),
        ("scan.txt", samples.PDF, "application/pdf", "pdf"),  # the name does not matter
    ],
)
def test_accepted_types_are_recognised_by_their_content(name, content, content_type, extension):
    inspected = inspect_upload(samples.upload(name, content, "application/octet-stream"))

    assert (inspected.content_type, inspected.extension) == (content_type, extension)
    assert inspected.size == len(content)
    assert len(inspected.sha256) == 64


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("agenda.pdf", samples.HTML),  # an HTML page disguised by its name
        ("logo.png", samples.SVG),
        ("minutes.pdf", samples.zip_archive()),
        ("binary.pdf", b"\x00\x01\x02\x03 not a document"),
        ("latin1.txt", "Résumé".encode("latin-1")),
    ],
)
def test_other_content_is_refused_whatever_its_name(name, content):
    with pytest.raises(ValidationError, match="not accepted") as refused:
        inspect_upload(samples.upload(name, content))

    assert refused.value.code == "wrong_type"


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="empty"):
        inspect_upload(samples.upload("empty.pdf", b""))


def test_an_oversize_file_is_refused_before_anything_is_stored(settings, secretariat_user):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1000
    document = DocumentFactory(created_by=secretariat_user)
    too_big = samples.PDF + b"0" * (1001 - len(samples.PDF))

    with pytest.raises(ValidationError, match="the limit is 1000") as refused:
        add_document_file(
            document, upload=samples.upload("big.pdf", too_big), language="en", by=secretariat_user
        )

    assert refused.value.code == "too_large"
    assert not DocumentFile.objects.filter(document=document).exists()
    assert not list(Path(settings.DOCUMENTS_ROOT).rglob("*.*"))


def test_the_upload_page_shows_the_size_limit_error(client, settings, secretariat_user):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1000
    document = DocumentFactory(created_by=secretariat_user)
    client.force_login(secretariat_user)
    too_big = samples.PDF + b"0" * 2000

    response = client.post(
        reverse("workspace:document_file_add", args=[document.slug]),
        {"language": "en", "upload": samples.upload("big.pdf", too_big)},
    )

    assert response.status_code == 400
    assert "The file is 2.0\xa0KB; the limit is 1000\xa0bytes." in response.content.decode()
    assert not document.files.exists()


def test_an_html_file_renamed_pdf_is_refused_on_the_upload_page(client, secretariat_user):
    client.force_login(secretariat_user)
    meeting = Meeting.objects.get(slug="som-2016")

    response = client.post(
        reverse("workspace:document_create"),
        {
            "title": "Agenda",
            "kind": "agenda",
            "meeting": meeting.pk,
            "access_tier": "public",
            "language": "en",
            "upload": samples.upload("agenda.pdf", samples.HTML),
        },
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert "This kind of file is not accepted" in page
    assert not meeting.documents.exists()


def test_a_path_traversal_name_is_stored_under_a_generated_name(client, secretariat_user):
    document = DocumentFactory(created_by=secretariat_user)
    client.force_login(secretariat_user)
    body, content_type = samples.multipart(
        {"language": "ru"}, filename="../../etc/passwd.pdf", content=samples.PDF
    )

    response = client.generic(
        "POST",
        reverse("workspace:document_file_add", args=[document.slug]),
        body,
        content_type=content_type,
    )

    assert response.status_code == 302
    stored = document.files.get(language="ru")
    assert GENERATED.match(stored.file.name)
    assert "passwd" not in stored.file.name
    assert stored.original_name == "passwd.pdf"
    root = Path(settings.DOCUMENTS_ROOT).resolve()
    assert Path(stored.file.path).resolve().parent == root / "documents"
    assert Path(stored.file.path).read_bytes() == samples.PDF
    assert not (root.parent / "etc").exists()


def test_a_name_with_directories_is_cut_to_its_last_part_by_the_service(secretariat_user):
    document = DocumentFactory(created_by=secretariat_user)
    upload = samples.upload("x.pdf", samples.PDF)
    upload._name = "..\\..\\windows\\system32\\evil.pdf"  # as a client might send it

    stored = add_document_file(document, upload=upload, language="en", by=secretariat_user)

    assert GENERATED.match(stored.file.name)
    assert stored.original_name == "evil.pdf"


def test_a_file_name_with_markup_is_shown_escaped(client, secretariat_user):
    document = DocumentFactory(created_by=secretariat_user)
    client.force_login(secretariat_user)
    body, content_type = samples.multipart(
        {"language": "en"}, filename="<img src=x onerror=alert(1)>.pdf", content=samples.PDF
    )
    client.generic(
        "POST",
        reverse("workspace:document_file_add", args=[document.slug]),
        body,
        content_type=content_type,
    )
    DocumentFileFactory(
        document=document, language="ar", original_name="<script>alert(1)</script>.pdf"
    )

    page = client.get(reverse("workspace:document_detail", args=[document.slug])).content.decode()

    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.pdf" in page
    assert "<img src=x" not in page
    assert "<script>alert(1)" not in page


def test_a_markup_name_is_percent_encoded_in_the_download_header(client, secretariat_user):
    document = DocumentFactory(created_by=secretariat_user)
    DocumentFileFactory(document=document, original_name="<script>alert(1)</script>.pdf")
    client.force_login(secretariat_user)

    response = client.get(reverse("workspace:document_download", args=[document.slug, "en"]))

    b"".join(response.streaming_content)  # read to the end: the client closes the file
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "filename*=UTF-8''%3Cscript%3Ealert%281%29%3C%2Fscript%3E.pdf" in disposition
    assert "<" not in disposition


def test_the_type_comes_from_the_content_and_names_the_download(client, secretariat_user):
    """A PDF uploaded as "report.docx" is a PDF: stored, served and named as one."""
    document = create_document(
        title="Report",
        kind="report",
        access_tier="public",
        upload=samples.upload("report.docx", samples.PDF, "application/msword"),
        language="en",
        by=secretariat_user,
    )
    client.force_login(secretariat_user)

    response = client.get(reverse("workspace:document_download", args=[document.slug, "en"]))

    assert response["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''report.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == samples.PDF
