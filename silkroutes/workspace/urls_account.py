"""Workspace URLs: account (being built)."""

urlpatterns: list = []
