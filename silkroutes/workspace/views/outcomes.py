"""Outcomes and action points in the workspace: adopt at a meeting, revise without overwriting
anyone, follow action points up, and the package the next meeting reviews."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from silkroutes.meetings.models import Meeting
from silkroutes.outcomes import queries, services
from silkroutes.outcomes.permissions import (
    can_manage_outcomes,
    can_see_history,
    can_update_action_point,
    get_action_point_for_user,
    get_outcome_for_user,
    may_read_outcome_of,
    outcome_seen_by,
    require_outcome_manager,
)

from ..forms.outcomes import (
    ActionPointFilterForm,
    ActionPointForm,
    ActionPointStatusForm,
    OutcomeAdoptForm,
    OutcomeEditForm,
)


def _with_rights(user, action_points) -> list:
    """The action points, each with ``can_update`` (whether the person may change its status)
    and ``outcome_seen`` (its outcome, or only the words "a restricted outcome")."""
    points = list(action_points)
    for point in points:
        point.can_update = can_update_action_point(user, point)
        point.outcome_seen = outcome_seen_by(user, point)
    return points


def _meeting(slug: str) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body"), slug=slug)


@login_required
def meeting_outcomes(request, slug):
    """A meeting's outcomes (those the person may read) with their action points."""
    meeting = _meeting(slug)
    outcomes = queries.outcomes_of_meeting_for(request.user, meeting)
    return render(
        request,
        "workspace/outcomes/meeting_outcomes.html",
        {"meeting": meeting, "outcomes": outcomes, "can_manage": can_manage_outcomes(request.user)},
    )


@login_required
def outcome_adopt(request, slug):
    meeting = _meeting(slug)
    require_outcome_manager(request)
    form = OutcomeAdoptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.adopt_outcome(meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Outcome recorded. Add its action points below."))
            return redirect("workspace:outcome_detail", pk=outcome.pk)
    return render(
        request, "workspace/outcomes/outcome_adopt.html", {"meeting": meeting, "form": form}
    )


@login_required
def outcome_detail(request, pk):
    outcome = get_outcome_for_user(request, pk)
    action_points = _with_rights(
        request.user,
        queries.action_points_visible_to(request.user).filter(outcome=outcome).order_by("pk"),
    )
    return render(
        request,
        "workspace/outcomes/outcome_detail.html",
        {
            "outcome": outcome,
            "action_points": action_points,
            "revision_count": outcome.revisions.count(),
            "action_point_form": ActionPointForm(),
            "can_manage": can_manage_outcomes(request.user),
            "can_see_history": can_see_history(request.user),
        },
    )


@login_required
def outcome_edit(request, pk):
    """Revise an outcome. A save based on a stale version shows the text saved meanwhile beside
    the editor's own, which stays in the form (nothing is lost); saving again then wins."""
    outcome = get_outcome_for_user(request, pk)
    require_outcome_manager(request)
    initial = {"title": outcome.title, "text": outcome.text, "version": outcome.version}
    form = OutcomeEditForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.revise_outcome(
                outcome,
                title=data["title"],
                text=data["text"],
                expected_version=data["version"],
                by=request.user,
            )
        except services.ConflictError as error:
            conflict = error
            form = OutcomeEditForm(
                initial={
                    "title": data["title"],
                    "text": data["text"],
                    "version": error.current_version,
                }
            )
        else:
            messages.success(request, _("Revision saved."))
            return redirect("workspace:outcome_detail", pk=outcome.pk)
    return render(
        request,
        "workspace/outcomes/outcome_edit.html",
        {"outcome": outcome, "form": form, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
@require_POST
def outcome_publish(request, pk):
    outcome = get_outcome_for_user(request, pk)
    require_outcome_manager(request)
    services.publish_outcome(outcome, by=request.user)
    messages.success(request, _("Published."))
    return redirect("workspace:outcome_detail", pk=outcome.pk)


@login_required
def outcome_history(request, pk):
    outcome = get_outcome_for_user(request, pk)
    if not can_see_history(request.user):
        raise PermissionDenied(_("Only the Secretariat sees the history of outcomes."))
    return render(
        request,
        "workspace/outcomes/outcome_history.html",
        {
            "outcome": outcome,
            "revisions": queries.revisions_of(outcome),
            "changes": _with_diffs(queries.outcome_history(outcome)),
            "action_point_changes": _with_diffs(queries.action_point_history(outcome), by="id"),
        },
    )


def _with_diffs(history, by=None):
    """Each historical record with its changes against the previous record of the same row."""
    records = list(history)
    previous = {}
    for record in reversed(records):
        key = getattr(record, by) if by else None
        record.delta = record.diff_against(previous[key]).changes if key in previous else []
        previous[key] = record
    return records


@login_required
def action_point_add(request, pk):
    outcome = get_outcome_for_user(request, pk)
    require_outcome_manager(request)
    form = ActionPointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_action_point(outcome, by=request.user, **form.cleaned_data)
        messages.success(request, _("Action point added."))
        return redirect("workspace:outcome_detail", pk=outcome.pk)
    return render(
        request,
        "workspace/outcomes/action_point_form.html",
        {"outcome": outcome, "form": form},
        status=400 if form.is_bound else 200,
    )


_STATUS_CHANGES = {
    "done": (services.complete_action_point, gettext_lazy("Marked done.")),
    "drop": (services.drop_action_point, gettext_lazy("Dropped.")),
    "reopen": (services.reopen_action_point, gettext_lazy("Open again.")),
}


@login_required
@require_POST
def action_point_status(request, pk, change):
    action_point = get_action_point_for_user(request, pk)
    if not can_update_action_point(request.user, action_point):
        raise PermissionDenied(_("Only the Secretariat and the owner update an action point."))
    service, done_message = _STATUS_CHANGES[change]
    form = ActionPointStatusForm(request.POST)
    expected = form.cleaned_data["version"] if form.is_valid() else None
    try:
        service(action_point, by=request.user, expected_version=expected)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done_message)
    back = _safe_next(request)
    if back:
        return redirect(back)
    if may_read_outcome_of(request.user, action_point):
        return redirect("workspace:outcome_detail", pk=action_point.outcome_id)
    # An owner who may not read the outcome would land on its 404.
    return redirect("workspace:action_point_list")


def _safe_next(request) -> str:
    """The page to go back to (the list the change was made from), if it is on this site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@login_required
def action_point_list(request):
    """Open and overdue action points the person may read, of one body and/or one owner."""
    filters = ActionPointFilterForm(request.GET)
    if not filters.is_valid():
        return render(
            request,
            "workspace/outcomes/invalid_filter.html",
            {"errors": [e for errors in filters.errors.values() for e in errors]},
            status=400,
        )
    body, owner = filters.cleaned_data["body"], filters.cleaned_data["owner"]
    action_points = queries.open_and_overdue_action_points(
        body=body, owner=owner, visible_to=request.user
    )
    return render(
        request,
        "workspace/outcomes/action_point_list.html",
        {"action_points": _with_rights(request.user, action_points), "body": body, "owner": owner},
    )


@login_required
def follow_up_package(request, slug):
    """What the meeting reviews: open action points of its body's earlier meetings."""
    meeting = _meeting(slug)
    action_points = queries.follow_up_package(meeting, visible_to=request.user)
    return render(
        request,
        "workspace/outcomes/follow_up_package.html",
        {"meeting": meeting, "action_points": _with_rights(request.user, action_points)},
    )
