"""iCalendar feeds. They live outside the language prefixes: a subscription URL gives the same
feed whatever language the subscriber's browser asks for (the feeds are in the default
language)."""

from django.urls import path

from . import calendar

app_name = "calendar"

urlpatterns = [
    path("timetable.ics", calendar.timetable_feed, name="timetable"),
    path("bodies/<slug:slug>.ics", calendar.body_feed, name="body"),
    path("goals/<slug:code>.ics", calendar.goal_feed, name="goal"),
]
