"""Downloads of the open data: IATI Activity XML, the CSV data package and the XLSX workbook.
Anyone may download them; they hold only public records. Each is built once per data version
and language and served as a stored file (silkroutes/core/storedfiles.py); they read no query
parameter, so any but a campaign tag answers 400 before anything is built."""

from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from silkroutes.core.storedfiles import serve_stored
from silkroutes.portal.allow_lists import reads_parameters

from . import iati, opendata, xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _stored_name(name: str) -> str:
    """Per language: the workbook's texts are translated (the URL has no language prefix; the
    language comes from the visitor's choice)."""
    return f"{get_language()}-{name}"


@require_safe
@reads_parameters()
def iati_activities(request):
    return serve_stored(
        request,
        _stored_name("iati-activities.xml"),
        iati.render_activities,
        content_type="application/xml; charset=utf-8",
        filename="iati-activities.xml",
        attachment=False,
    )


@require_safe
@reads_parameters()
def open_data_package(request):
    return serve_stored(
        request,
        _stored_name("opendata.zip"),
        opendata.build_zip,
        content_type="application/zip",
        filename="silk-routes-open-data.zip",
    )


@require_safe
@reads_parameters()
def programme_workbook(request):
    return serve_stored(
        request,
        _stored_name("programme.xlsx"),
        xlsx.build_workbook,
        content_type=XLSX_TYPE,
        filename="silk-routes-programme.xlsx",
    )
