"""Downloads of the open data: IATI Activity XML, the CSV data package and the XLSX workbook.
Anyone may download them; they hold only public records."""

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from . import iati, opendata, xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, content_type: str, filename: str, *, attachment=True):
    response = HttpResponse(content, content_type=content_type)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_safe
def iati_activities(request):
    return _download(
        iati.render_activities(),
        "application/xml; charset=utf-8",
        "iati-activities.xml",
        attachment=False,
    )


@require_safe
def open_data_package(request):
    return _download(opendata.build_zip(), "application/zip", "silk-routes-open-data.zip")


@require_safe
def programme_workbook(request):
    return _download(xlsx.build_workbook(), XLSX_TYPE, "silk-routes-programme.xlsx")
