"""Open-data downloads (``data:iati``, ``data:opendata``, ``data:xlsx``), outside the language
prefix like the calendar feeds. Included in config/urls.py as
``path("data/", include("silkroutes.exports.data_urls"))``."""

from django.urls import path

from . import data_views

app_name = "data"

urlpatterns = [
    path("iati-activities.xml", data_views.iati_activities, name="iati"),
    path("opendata.zip", data_views.open_data_package, name="opendata"),
    path("programme.xlsx", data_views.programme_workbook, name="xlsx"),
]
