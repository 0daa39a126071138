"""Workspace URLs: meetings (being built)."""

urlpatterns: list = []
