"""Placeholder: the iCalendar feeds are being built (issue 3)."""

app_name = "calendar"
urlpatterns: list = []
