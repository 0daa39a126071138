"""Workspace URLs: outcomes of meetings, their action points, and follow-up."""

from django.urls import path

from .views import outcomes

urlpatterns = [
    path("action-points/", outcomes.action_point_list, name="action_point_list"),
    path(
        "action-points/<int:pk>/done/",
        outcomes.action_point_status,
        {"change": "done"},
        name="action_point_complete",
    ),
    path(
        "action-points/<int:pk>/drop/",
        outcomes.action_point_status,
        {"change": "drop"},
        name="action_point_drop",
    ),
    path(
        "action-points/<int:pk>/reopen/",
        outcomes.action_point_status,
        {"change": "reopen"},
        name="action_point_reopen",
    ),
    path("meetings/<slug:slug>/", outcomes.meeting_outcomes, name="meeting_outcomes"),
    path("meetings/<slug:slug>/adopt/", outcomes.outcome_adopt, name="outcome_adopt"),
    path("meetings/<slug:slug>/follow-up/", outcomes.follow_up_package, name="follow_up_package"),
    path("<int:pk>/", outcomes.outcome_detail, name="outcome_detail"),
    path("<int:pk>/edit/", outcomes.outcome_edit, name="outcome_edit"),
    path("<int:pk>/publish/", outcomes.outcome_publish, name="outcome_publish"),
    path("<int:pk>/history/", outcomes.outcome_history, name="outcome_history"),
    path("<int:pk>/action-points/new/", outcomes.action_point_add, name="action_point_add"),
]
