"""Workspace URLs: outcomes (being built)."""

urlpatterns: list = []
