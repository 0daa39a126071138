"""Workspace URLs: documents (being built)."""

urlpatterns: list = []
