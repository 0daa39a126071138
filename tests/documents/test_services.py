"""Creating, changing and publishing documents: drafts, versions, history, notifications."""

import pytest
from django.core.exceptions import ValidationError

from silkroutes.documents.services import (
    add_document_file,
    create_document,
    publish_document,
    update_document,
)
from silkroutes.meetings.models import Meeting

from . import samples

pytestmark = pytest.mark.django_db


def _document(by, tier="participating-states", **extra):
    return create_document(
        title="Concept note on return and readmission",
        kind="concept-note",
        access_tier=tier,
        meeting=Meeting.objects.get(slug="wg-silk-routes-2016"),
        upload=samples.upload("note.pdf", samples.PDF),
        language="en",
        by=by,
        **extra,
    )


def test_a_new_document_is_a_draft_with_its_first_language(secretariat_user):
    document = _document(secretariat_user)

    assert document.slug == "concept-note-on-return-and-readmission"
    assert document.published_at is None
    assert [f.language for f in document.files.all()] == ["en"]
    record = document.history.get()
    assert (record.history_type, record.history_user) == ("+", secretariat_user)


def test_slugs_stay_unique(secretariat_user):
    first, second = _document(secretariat_user), _document(secretariat_user)

    assert (first.slug, second.slug) == (
        "concept-note-on-return-and-readmission",
        "concept-note-on-return-and-readmission-2",
    )


def test_a_language_version_is_added_and_replaced_with_the_version_rising(secretariat_user):
    document = _document(secretariat_user)

    add_document_file(
        document, upload=samples.upload("ru.pdf", samples.PDF), language="ru", by=secretariat_user
    )
    add_document_file(
        document, upload=samples.upload("ru.txt", samples.TEXT), language="ru", by=secretariat_user
    )

    files = {f.language: f for f in document.files.all()}
    assert set(files) == {"en", "ru"}
    assert files["ru"].content_type == "text/plain; charset=utf-8"
    document.refresh_from_db()
    assert document.version == 3
    assert document.history.count() == 3


def test_an_embargo_needs_a_restricted_tier(secretariat_user):
    from django.utils import timezone

    with pytest.raises(ValidationError, match="embargo applies to a restricted document"):
        _document(secretariat_user, tier="public", embargo_until=timezone.now())


def test_a_change_is_recorded_with_before_and_after(secretariat_user):
    document = _document(secretariat_user)

    update_document(document, access_tier="secretariat", by=secretariat_user)

    latest, first = document.history.order_by("-history_date", "-pk")[:2]
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(first).changes}
    assert changes["access_tier"] == ("participating-states", "secretariat")
    assert latest.history_user == secretariat_user


def test_publishing_tells_everyone_who_may_read_it(
    secretariat_user,
    turkey_focal_point,
    pakistan_focal_point,
    sweden_donor,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    document = _document(secretariat_user)

    with django_capture_on_commit_callbacks(execute=True):
        publish_document(document, by=secretariat_user)

    assert document.published_at is not None
    assert sorted(m.to[0] for m in mailoutbox) == ["ayse@example.org", "imran@example.org"]
    mail = mailoutbox[0]
    assert mail.subject == "Document published: Concept note on return and readmission"
    assert "8th Meeting of the Working Group on the Silk Routes Region" in mail.body
    assert f"/workspace/documents/{document.slug}/" in mail.body
    assert "Languages: English" in mail.body


def test_a_secretariat_document_is_announced_to_nobody_else(
    secretariat_user, turkey_focal_point, mailoutbox, django_capture_on_commit_callbacks
):
    document = _document(secretariat_user, tier="secretariat")

    with django_capture_on_commit_callbacks(execute=True):
        publish_document(document, by=secretariat_user)

    assert mailoutbox == []


def test_a_document_without_a_file_cannot_be_published(secretariat_user):
    document = create_document(
        title="Empty", kind="other", access_tier="public", by=secretariat_user
    )

    with pytest.raises(ValidationError, match="at least one language version"):
        publish_document(document, by=secretariat_user)


def test_a_slug_never_hides_a_page_of_the_workspace(secretariat_user):
    document = create_document(title="New", kind="other", access_tier="public", by=secretariat_user)

    assert document.slug == "new-2"
