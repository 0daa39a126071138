"""Documents in the workspace: list, upload with language versions, publish, history, and the
download that every reader goes through (anonymous visitors too, for public documents)."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from silkroutes.documents import queries, services
from silkroutes.documents.permissions import (
    can_manage_documents,
    can_see_history,
    get_document_for_user,
    require_document_manager,
)
from silkroutes.meetings.models import Meeting

from ..forms.documents import DocumentFileForm, DocumentForm, NewDocumentForm


@login_required
def document_list(request):
    """The documents the signed-in person may read, optionally of one meeting."""
    documents = queries.documents_visible_to(request.user)
    meeting = None
    meeting_slug = request.GET.get("meeting", "")
    if meeting_slug:
        meeting = Meeting.objects.filter(slug=meeting_slug).first()
        if meeting is None:
            return render(
                request,
                "workspace/documents/invalid_filter.html",
                {"problem": _("No meeting “%(slug)s”.") % {"slug": meeting_slug}},
                status=400,
            )
        documents = documents.filter(meeting=meeting)
    return render(
        request,
        "workspace/documents/document_list.html",
        {
            "documents": documents,
            "meeting": meeting,
            "can_manage": can_manage_documents(request.user),
        },
    )


@login_required
def document_create(request):
    require_document_manager(request)
    initial = {}
    meeting = Meeting.objects.filter(slug=request.GET.get("meeting", "")).first()
    if meeting is not None:
        initial["meeting"] = meeting
    form = NewDocumentForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.create_document(
                title=data["title"],
                kind=data["kind"],
                access_tier=data["access_tier"],
                meeting=data["meeting"],
                body=data["body"],
                embargo_until=data["embargo_until"],
                upload=data["upload"],
                language=data["language"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Draft saved. Publish it when it is ready."))
            return redirect("workspace:document_detail", slug=document.slug)
    return render(request, "workspace/documents/document_form.html", {"form": form})


def _detail_context(request, document, file_form=None):
    return {
        "document": document,
        "files": queries.document_with_files(document),
        "file_form": file_form or DocumentFileForm(),
        "can_manage": can_manage_documents(request.user),
        "can_see_history": can_see_history(request.user),
    }


@login_required
def document_detail(request, slug):
    document = get_document_for_user(request, slug)
    return render(
        request, "workspace/documents/document_detail.html", _detail_context(request, document)
    )


@login_required
def document_edit(request, slug):
    document = get_document_for_user(request, slug)
    require_document_manager(request)
    form = DocumentForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        services.update_document(document, by=request.user, **form.cleaned_data)
        messages.success(request, _("Document changed."))
        return redirect("workspace:document_detail", slug=document.slug)
    return render(
        request, "workspace/documents/document_form.html", {"form": form, "document": document}
    )


@login_required
@require_POST
def document_file_add(request, slug):
    document = get_document_for_user(request, slug)
    require_document_manager(request)
    form = DocumentFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_document_file(
                document,
                upload=form.cleaned_data["upload"],
                language=form.cleaned_data["language"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("upload", error)
        else:
            messages.success(request, _("Language version saved."))
            return redirect("workspace:document_detail", slug=document.slug)
    context = _detail_context(request, document, file_form=form)
    return render(request, "workspace/documents/document_detail.html", context, status=400)


@login_required
@require_POST
def document_publish(request, slug):
    document = get_document_for_user(request, slug)
    require_document_manager(request)
    try:
        services.publish_document(document, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Published. Those who may read it are told by e-mail."))
    return redirect("workspace:document_detail", slug=document.slug)


@login_required
def document_history(request, slug):
    document = get_document_for_user(request, slug)
    if not can_see_history(request.user):
        raise PermissionDenied(_("Only the Secretariat sees the history of documents."))
    records = list(queries.document_history(document))
    for record, older in zip(records, [*records[1:], None], strict=True):
        record.delta = record.diff_against(older).changes if older else []
    return render(
        request,
        "workspace/documents/document_history.html",
        {"document": document, "records": records},
    )


def document_download(request, slug, lang):
    """A language version of a document, for whoever may read it (checked on every request).
    Served as an attachment, with the type detected at upload and ``nosniff``."""
    document = get_document_for_user(request, slug)
    stored = get_object_or_404(document.files, language=lang)
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing.")) from None
    response = FileResponse(handle, content_type=stored.content_type)
    response["Content-Disposition"] = _attachment(stored)
    response["Content-Length"] = str(stored.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = f'"{stored.sha256}"'
    if document.is_public():
        response["Cache-Control"] = "public, max-age=300"
    else:
        response["Cache-Control"] = "private, no-store"
    return response


def _attachment(stored) -> str:
    """``attachment`` with the uploader's name (its extension replaced by the detected type's),
    UTF-8 encoded as RFC 6266 says, and an ASCII fallback."""
    stem = stored.original_name.rsplit(".", 1)[0] or stored.document.slug
    name = f"{stem}.{stored.extension}"
    fallback = "".join(ch if (ch.isascii() and ch.isalnum()) or ch in "-_." else "_" for ch in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
