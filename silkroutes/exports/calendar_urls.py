"""iCalendar feeds and files. Inside the language prefixes: ``/calendar/…`` is in English,
``/ru/calendar/…`` in Russian, ``/ar/calendar/…`` in Arabic, whatever language the subscriber's
browser asks for, so that a subscription URL always gives the same feed."""

from django.urls import path

from . import calendar_views

app_name = "calendar"

urlpatterns = [
    path("timetable.ics", calendar_views.timetable_feed, name="timetable"),
    path("day-not-known.ics", calendar_views.day_not_known_feed, name="day_not_known"),
    path("bodies/<slug:slug>.ics", calendar_views.body_feed, name="body"),
    path("goals/<slug:code>.ics", calendar_views.goal_feed, name="goal"),
    path("meetings/<slug:slug>.ics", calendar_views.meeting_file, name="meeting"),
]
