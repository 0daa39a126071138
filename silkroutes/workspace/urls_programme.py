"""Workspace URLs: programme (being built)."""

urlpatterns: list = []
