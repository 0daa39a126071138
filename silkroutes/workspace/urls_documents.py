"""Workspace URLs: documents. The download answers anonymous visitors too when the document is
public; every other page needs a signed-in person."""

from django.urls import path, register_converter

from .views import documents


class LanguageConverter:
    """A document language code: two or three lower-case letters."""

    regex = "[a-z]{2,3}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "doclang")

urlpatterns = [
    path("", documents.document_list, name="document_list"),
    path("new/", documents.document_create, name="document_create"),
    path("<slug:slug>/", documents.document_detail, name="document_detail"),
    path("<slug:slug>/edit/", documents.document_edit, name="document_edit"),
    path("<slug:slug>/files/", documents.document_file_add, name="document_file_add"),
    path("<slug:slug>/publish/", documents.document_publish, name="document_publish"),
    path("<slug:slug>/history/", documents.document_history, name="document_history"),
    path("<slug:slug>/<doclang:lang>/", documents.document_download, name="document_download"),
]
