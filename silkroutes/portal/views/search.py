"""Placeholder: being built (issue 3)."""

from django.http import Http404


def _not_yet(*args, **kwargs):
    raise Http404("This page is being built.")


search = _not_yet
