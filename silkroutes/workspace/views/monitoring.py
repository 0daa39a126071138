"""Implementation reporting in the workspace: the Secretariat opens cycles and reviews entries;
national focal points report and submit their state's initiatives."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from silkroutes.actors.models import Organisation
from silkroutes.monitoring import services
from silkroutes.monitoring.models import InitiativeStatus
from silkroutes.monitoring.permissions import (
    can_edit_initiative,
    can_manage_cycles,
    can_review,
    can_use_monitoring_workspace,
    get_cycle_for_user,
    get_initiative_for_user,
    reporting_states,
)
from silkroutes.monitoring.queries import (
    cycles_with_counts,
    history_of,
    initiatives_visible_to,
    open_cycles,
)

from ..forms.monitoring import CycleForm, InitiativeForm, ReviewForm

T = "workspace/monitoring/"


def _require_workspace(request) -> None:
    if not can_use_monitoring_workspace(request.user):
        raise PermissionDenied(_("Only the Secretariat and national focal points report."))


def _states_of(user):
    return Organisation.objects.filter(pk__in=sorted(reporting_states(user))).order_by("name")


@login_required
def home(request):
    _require_workspace(request)
    return render(
        request,
        T + "home.html",
        {
            "can_manage": can_manage_cycles(request.user),
            "cycles": cycles_with_counts() if can_review(request.user) else None,
            "open_cycles": open_cycles(timezone.localdate()),
            "states": _states_of(request.user),
        },
    )


@login_required
def cycle_open(request):
    if not can_manage_cycles(request.user):
        raise PermissionDenied(_("Only the Secretariat opens a reporting cycle."))
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.open_cycle(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The reporting cycle is open; focal points were told."))
            return redirect("workspace:monitoring_cycle", pk=cycle.pk)
    return render(request, T + "cycle_open.html", {"form": form})


@login_required
def cycle_detail(request, pk):
    cycle = get_cycle_for_user(request, pk)
    entries = list(initiatives_visible_to(request.user, cycle))
    groups = [
        (label, [e for e in entries if e.status == status])
        for status, label in (
            (InitiativeStatus.SUBMITTED, _("Waiting for verification")),
            (InitiativeStatus.QUERY, _("Asked back, waiting for the state")),
            (InitiativeStatus.DRAFT, _("Drafts")),
            (InitiativeStatus.VERIFIED, _("Verified and published")),
            (InitiativeStatus.REJECTED, _("Rejected")),
        )
    ]
    return render(
        request,
        T + "cycle_detail.html",
        {
            "cycle": cycle,
            "groups": groups,
            "entry_count": len(entries),
            "can_report": bool(reporting_states(request.user))
            and cycle.accepts_new_reports(timezone.localdate()),
            "can_manage": can_manage_cycles(request.user),
        },
    )


@login_required
@require_POST
def cycle_close(request, pk):
    cycle = get_cycle_for_user(request, pk)
    services.close_cycle(cycle, by=request.user)
    messages.success(request, _("The reporting cycle is closed."))
    return redirect("workspace:monitoring_cycle", pk=cycle.pk)


@login_required
def initiative_report(request, pk):
    cycle = get_cycle_for_user(request, pk)
    states = _states_of(request.user)
    if not states.exists():
        raise PermissionDenied(_("Only a national focal point reports initiatives."))
    form = InitiativeForm(request.POST or None, states=states, framework=cycle.framework)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.report_initiative(
                cycle,
                state=form.cleaned_data["state"],
                by=request.user,
                **form.service_arguments(),
            )
            if "submit" in request.POST:
                services.submit(initiative, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if "submit" in request.POST:
                messages.success(request, _("Submitted to the Secretariat for verification."))
            else:
                messages.success(request, _("Saved as a draft; submit it when it is complete."))
            return redirect("workspace:monitoring_initiative", pk=initiative.pk)
    return render(request, T + "initiative_form.html", {"cycle": cycle, "form": form})


@login_required
def initiative_detail(request, pk):
    initiative = get_initiative_for_user(request, pk)
    reviewing = can_review(request.user) and initiative.status == InitiativeStatus.SUBMITTED
    return render(
        request,
        T + "initiative_detail.html",
        {
            "initiative": initiative,
            "history": history_of(initiative),
            "can_edit": can_edit_initiative(request.user, initiative),
            "review_form": ReviewForm() if reviewing else None,
        },
    )


@login_required
def initiative_edit(request, pk):
    initiative = get_initiative_for_user(request, pk)
    if not can_edit_initiative(request.user, initiative):
        raise PermissionDenied(_("This entry cannot be changed now, or not by you."))
    initial = {
        "state": initiative.state,
        "kind": initiative.kind,
        "title": initiative.title,
        "description": initiative.description,
        "start": initiative.start_fuzzy,
        "end": initiative.end_fuzzy,
        "goals": list(initiative.goals.all()),
        "action_items": list(initiative.action_items.all()),
    }
    states = Organisation.objects.filter(pk=initiative.state_id)
    form = InitiativeForm(
        request.POST or None, initial=initial, states=states, framework=initiative.cycle.framework
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_initiative(initiative, by=request.user, **form.service_arguments())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("workspace:monitoring_initiative", pk=initiative.pk)
    return render(
        request,
        T + "initiative_form.html",
        {"cycle": initiative.cycle, "form": form, "initiative": initiative},
    )


@login_required
@require_POST
def initiative_submit(request, pk):
    initiative = get_initiative_for_user(request, pk)
    try:
        services.submit(initiative, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Submitted to the Secretariat for verification."))
    return redirect("workspace:monitoring_initiative", pk=initiative.pk)


REVIEW = {
    ReviewForm.VERIFY: (services.verify, gettext_lazy("Verified: the initiative is published.")),
    ReviewForm.ASK_BACK: (services.ask_back, gettext_lazy("Asked back: the state was told.")),
    ReviewForm.REJECT: (services.reject, gettext_lazy("Rejected: the state was told.")),
}


@login_required
@require_POST
def initiative_review(request, pk):
    initiative = get_initiative_for_user(request, pk)
    if not can_review(request.user):
        raise PermissionDenied(_("Only the Secretariat reviews entries."))
    form = ReviewForm(request.POST)
    if form.is_valid():
        service, done = REVIEW[form.cleaned_data["decision"]]
        try:
            service(initiative, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("workspace:monitoring_initiative", pk=initiative.pk)
    return render(
        request,
        T + "initiative_detail.html",
        {
            "initiative": initiative,
            "history": history_of(initiative),
            "can_edit": False,
            "review_form": form,
        },
        status=400,
    )
