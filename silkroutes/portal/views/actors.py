"""Placeholder: being built (issue 3)."""

from django.http import Http404


def _not_yet(*args, **kwargs):
    raise Http404("This page is being built.")


organisation_list = organisation_detail = country_list = country_detail = _not_yet
partnership_list = _not_yet
