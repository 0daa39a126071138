"""Workspace URLs: implementation reporting (reporting cycles and states' initiatives)."""

from django.urls import path

from .views import monitoring

urlpatterns = [
    path("", monitoring.home, name="monitoring"),
    path("cycles/new/", monitoring.cycle_open, name="monitoring_cycle_open"),
    path("cycles/<int:pk>/", monitoring.cycle_detail, name="monitoring_cycle"),
    path("cycles/<int:pk>/close/", monitoring.cycle_close, name="monitoring_cycle_close"),
    path("cycles/<int:pk>/report/", monitoring.initiative_report, name="monitoring_report"),
    path("initiatives/<int:pk>/", monitoring.initiative_detail, name="monitoring_initiative"),
    path(
        "initiatives/<int:pk>/edit/", monitoring.initiative_edit, name="monitoring_initiative_edit"
    ),
    path(
        "initiatives/<int:pk>/submit/",
        monitoring.initiative_submit,
        name="monitoring_initiative_submit",
    ),
    path(
        "initiatives/<int:pk>/review/",
        monitoring.initiative_review,
        name="monitoring_initiative_review",
    ),
]
