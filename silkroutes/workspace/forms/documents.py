"""Forms for documents: create (with the first language version), add a language version,
change the description. Uploaded files are checked by their content
(``silkroutes.documents.uploads``), never by their name."""

from django import forms
from django.utils.translation import gettext_lazy as _

from silkroutes.core.text import CheckedText, CheckedTextForm
from silkroutes.documents.models import DOCUMENT_LANGUAGES, Document
from silkroutes.documents.uploads import inspect_upload, max_upload_bytes
from silkroutes.meetings.models import Body, Meeting

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class UploadField(forms.FileField):
    """A file checked for size and type by its content when the form is cleaned."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            inspect_upload(upload)
        return upload


def _upload_help() -> str:
    from django.template.defaultfilters import filesizeformat

    return _(
        "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG or plain text; at most %(limit)s."
    ) % {"limit": filesizeformat(max_upload_bytes())}


class DocumentForm(CheckedText, forms.ModelForm):
    """A document's description (title, kind, meeting or body, who may read it, embargo)."""

    embargo_until = forms.DateTimeField(
        label=_("Public from (UTC)"),
        required=False,
        input_formats=[DATETIME_LOCAL],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        help_text=_("Optional. A restricted document becomes public at this moment."),
    )

    class Meta:
        model = Document
        fields = ["title", "kind", "meeting", "body", "access_tier", "embargo_until"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.select_related("body").order_by(
            "-date", "title"
        )
        self.fields["body"].queryset = Body.objects.order_by("name")


class NewDocumentForm(DocumentForm):
    """A new document with its first language version."""

    language = forms.ChoiceField(label=_("Language of the file"), choices=DOCUMENT_LANGUAGES)
    upload = UploadField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = _upload_help()


class DocumentFileForm(CheckedTextForm):
    """Another language version, or a new file for a language the document has."""

    language = forms.ChoiceField(label=_("Language"), choices=DOCUMENT_LANGUAGES)
    upload = UploadField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = _upload_help()
