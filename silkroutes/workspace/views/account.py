"""The workspace home: for whom the signed-in person acts, and what waits for them."""

from django.conf import settings
from django.contrib.auth import views as auth
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone

from silkroutes.accounts.permissions import access_for
from silkroutes.accounts.services import revoke_all_tokens
from silkroutes.accounts.signin import address_locked_out
from silkroutes.meetings.models import Body, Meeting
from silkroutes.meetings.queries import NOT_YET_HELD
from silkroutes.meetings.queries_lifecycle import invitations_of_states, meetings_for_workspace


@login_required
def home(request):
    access = access_for(request.user)
    today = timezone.localdate()
    memberships = [
        m
        for m in request.user.memberships.select_related("organisation").order_by("start")
        if m.active_on(today)
    ]
    context = {
        "memberships": memberships,
        "access": access,
        "to_prepare": [],
        "invitations": [],
        "chaired_bodies": [],
    }
    if access.secretariat:
        context["to_prepare"] = list(meetings_for_workspace(access).filter(status__in=NOT_YET_HELD))
    if access.states:
        context["invitations"] = list(invitations_of_states(access.states))
    if access.chaired_bodies:
        context["chaired_bodies"] = list(
            Body.objects.filter(pk__in=access.chaired_bodies)
            .prefetch_related(
                Prefetch(
                    "meetings",
                    queryset=Meeting.objects.filter(status__in=NOT_YET_HELD).order_by("date"),
                    to_attr="upcoming",
                )
            )
            .order_by("name")
        )
    return render(request, "workspace/account/home.html", context)


def locked_out(request, original_response=None, credentials=None):
    """What django-axes answers once a user name has failed to sign in too often from one
    address, or the address with any names (``AXES_LOCKOUT_CALLABLE``): a page that says which
    and for how long, HTTP 429."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "address_limit": (
            settings.AXES_ADDRESS_FAILURE_LIMIT if address_locked_out(request) else None
        ),
        "minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "workspace/account/locked_out.html", context, status=429)


class PasswordChangeView(auth.PasswordChangeView):
    """Django's, and the person's API tokens are revoked with the old password."""

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            revoke_all_tokens(form.user, by=form.user)
        return response


class PasswordResetConfirmView(auth.PasswordResetConfirmView):
    """Django's, and the person's API tokens are revoked with the forgotten password (the reset
    link proves that it is the person)."""

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            revoke_all_tokens(form.user, by=form.user)
        return response
