"""Workspace URLs: the meeting lifecycle (``workspace:meetings``, ``workspace:meeting``…).
Step URLs accept POST only."""

from django.urls import path

from .views import meetings

urlpatterns = [
    path("", meetings.meeting_list, name="meetings"),
    path("foresee/", meetings.meeting_foresee, name="meeting_foresee"),
    path("<slug:slug>/", meetings.meeting_detail, name="meeting"),
    path("<slug:slug>/schedule/", meetings.meeting_schedule, name="meeting_schedule"),
    path("<slug:slug>/agenda/", meetings.meeting_agenda, name="meeting_agenda"),
    path("<slug:slug>/invite/", meetings.meeting_invite, name="meeting_invite"),
    path(
        "<slug:slug>/delegations/<slug:state>/",
        meetings.delegation_register,
        name="delegation",
    ),
    path("<slug:slug>/attendance/", meetings.meeting_attendance, name="meeting_attendance"),
    path("<slug:slug>/hold/", meetings.meeting_hold, name="meeting_hold"),
    path("<slug:slug>/postpone/", meetings.meeting_postpone, name="meeting_postpone"),
    path("<slug:slug>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("<slug:slug>/history/", meetings.meeting_history, name="meeting_history"),
]
