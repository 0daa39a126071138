"""The meeting lifecycle in the workspace: the list of meetings a person works on, a meeting's
page with its next steps as forms, and one view per step. Steps are POSTed and redirect back
(post/redirect/get); a refused or invalid step shows the page again with the reason."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from silkroutes.accounts.permissions import access_for
from silkroutes.actors.models import Country, Organisation
from silkroutes.core.fuzzydates import fuzzy
from silkroutes.meetings import permissions, services
from silkroutes.meetings.models import Body, DelegationMember, Meeting, MeetingStatus
from silkroutes.meetings.queries_lifecycle import (
    attendance_at,
    delegations_of,
    history_of,
    invitations_to,
    meetings_for_workspace,
    status_changes_of,
)
from silkroutes.portal.templatetags.portal import fuzzy as fuzzy_words

from ..forms.meetings import (
    AgendaFormSet,
    AttendanceForm,
    CancelForm,
    DelegationFormSet,
    ForeseeForm,
    HoldForm,
    InviteForm,
    PostponeForm,
    ScheduleForm,
)

STEP_FORMS = {
    "schedule": ScheduleForm,
    "invite": InviteForm,
    "hold": HoldForm,
    "postpone": PostponeForm,
    "cancel": CancelForm,
}


@login_required
def meeting_list(request):
    access = access_for(request.user)
    status = request.GET.get("status", "")
    if status and status not in MeetingStatus.values:
        context = {"value": status, "statuses": MeetingStatus.choices}
        return render(request, "workspace/meetings/invalid_filter.html", context, status=400)
    context = {
        "meetings": list(meetings_for_workspace(access, status=status)),
        "status": status,
        "statuses": MeetingStatus.choices,
        "may_foresee": access.secretariat or bool(access.chaired_bodies),
    }
    return render(request, "workspace/meetings/list.html", context)


@login_required
def meeting_foresee(request):
    access = access_for(request.user)
    bodies = Body.objects.order_by("name")
    if not access.secretariat:
        bodies = bodies.filter(pk__in=access.chaired_bodies)
    if not access.secretariat and not access.chaired_bodies:
        raise PermissionDenied("Only the Secretariat and the chairs of bodies foresee meetings.")
    form = ForeseeForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.foresee_meeting(
                form.cleaned_data["body"],
                date=form.cleaned_data["date"],
                title=form.cleaned_data["title"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is foreseen."))
            return redirect("workspace:meeting", meeting.slug)
    return _form_page(request, "workspace/meetings/foresee.html", {"form": form})


@login_required
def meeting_detail(request, slug):
    meeting = permissions.get_meeting_for_user(request, slug)
    return _meeting_page(request, meeting)


def _form_page(request, template, context):
    """A page with a form: a submission shown again (with its errors) answers 400."""
    return render(request, template, context, status=400 if request.method == "POST" else 200)


def _meeting_page(request, meeting, bound_forms=None, status=200):
    """The meeting's workspace page; ``bound_forms`` replaces the empty form of a step whose
    submission is shown again with its errors."""
    user, access = request.user, access_for(request.user)
    steps = permissions.meeting_steps(user, meeting)
    invitations = list(invitations_to(meeting))
    attendance = list(attendance_at(meeting))
    forms = {}
    for step in steps & STEP_FORMS.keys():
        forms[step] = _empty_form(step, meeting, attendance)
    forms.update(bound_forms or {})
    own_states = [i.organisation for i in invitations if i.organisation_id in access.states]
    visible_states = None if access.secretariat else access.states
    context = {
        "meeting": meeting,
        "steps": steps,
        "forms": forms,
        "agenda": list(meeting.agenda_items.all()),
        "invitations": invitations,
        "delegations": list(delegations_of(meeting, states=visible_states)),
        "delegation_count": meeting.delegations.count(),
        "attendance": attendance,
        "status_changes": list(status_changes_of(meeting)),
        "own_states": own_states if meeting.status not in permissions.CLOSED else [],
        "may_see_history": permissions.can_see_history(user, meeting),
    }
    return render(request, "workspace/meetings/detail.html", context, status=status)


def _empty_form(step, meeting, attendance):
    if step == "schedule":
        return ScheduleForm.for_meeting(meeting)
    if step == "invite":
        return InviteForm(meeting=meeting)
    if step == "hold":
        return HoldForm(initial=_counts_from_attendance(attendance))
    return STEP_FORMS[step]()


def _counts_from_attendance(rows) -> dict:
    """The hold form's numbers as the recorded attendance gives them."""
    if not rows:
        return {}
    persons = [row.persons for row in rows]
    states = [row for row in rows if row.organisation.kind == Organisation.Kind.GOVERNMENT]
    return {
        "participants": sum(persons) if None not in persons else None,
        "countries_count": len(states),
        "organisations_count": len(rows) - len(states),
    }


def _run_step(request, slug, step, action, done):
    """Load the meeting, check the user may take this step at all (403), check the form, run
    the service; on success say ``done`` and go back to the meeting's page."""
    meeting = permissions.get_meeting_for_user(request, slug)
    allowed = {
        "schedule": permissions.can_prepare_meeting,
        "invite": permissions.can_manage_meeting,
        "hold": permissions.can_manage_meeting,
        "postpone": permissions.can_manage_meeting,
        "cancel": permissions.can_manage_meeting,
    }[step]
    if not allowed(request.user, meeting):
        raise PermissionDenied("You may not take this step with this meeting.")
    if step == "invite":
        form = InviteForm(request.POST, meeting=meeting)
    else:
        form = STEP_FORMS[step](request.POST)
    if form.is_valid():
        try:
            action(meeting, form.cleaned_data, request.user)
        except ValidationError as error:
            form.add_error(None, error)
            meeting.refresh_from_db()  # the page shows the meeting as stored, not as attempted
        else:
            messages.success(request, done)
            return redirect("workspace:meeting", meeting.slug)
    messages.error(request, _("The step was not taken: see the form below."))
    return _meeting_page(request, meeting, {step: form}, status=400)


@login_required
@require_POST
def meeting_schedule(request, slug):
    def action(meeting, data, by):
        services.schedule_meeting(
            meeting,
            first_day=data["first_day"],
            last_day=data["last_day"],
            city=data["city"],
            country=data["country"],
            host=data["host"],
            by=by,
        )

    return _run_step(request, slug, "schedule", action, _("The meeting is scheduled."))


@login_required
@require_POST
def meeting_invite(request, slug):
    def action(meeting, data, by):
        services.invite(meeting, organisations=data["organisations"], by=by)

    return _run_step(request, slug, "invite", action, _("The invitations are recorded."))


@login_required
@require_POST
def meeting_hold(request, slug):
    def action(meeting, data, by):
        services.hold_meeting(meeting, **data, by=by)

    return _run_step(request, slug, "hold", action, _("The meeting is recorded as held."))


@login_required
@require_POST
def meeting_postpone(request, slug):
    def action(meeting, data, by):
        services.postpone_meeting(meeting, reason=data["reason"], new_date=data["new_date"], by=by)

    return _run_step(request, slug, "postpone", action, _("The meeting is postponed."))


@login_required
@require_POST
def meeting_cancel(request, slug):
    def action(meeting, data, by):
        services.cancel_meeting(meeting, reason=data["reason"], by=by)

    return _run_step(request, slug, "cancel", action, _("The meeting is cancelled."))


@login_required
def meeting_agenda(request, slug):
    meeting = permissions.get_meeting_for_user(request, slug)
    if not permissions.can_prepare_meeting(request.user, meeting):
        raise PermissionDenied("Only the Secretariat and the body's chair publish its agenda.")
    initial = [{"title": i.title, "goals": i.goals} for i in meeting.agenda_items.all()]
    formset = AgendaFormSet(request.POST or None, initial=initial, prefix="agenda")
    if request.method == "POST" and formset.is_valid():
        items = [form.cleaned_data for form in formset.forms if form.cleaned_data]
        try:
            services.publish_agenda(meeting, items=items, by=request.user)
        except ValidationError as error:
            formset._non_form_errors.extend(error.messages)
        else:
            messages.success(request, _("The agenda is published."))
            return redirect("workspace:meeting", meeting.slug)
    context = {"meeting": meeting, "formset": formset}
    return _form_page(request, "workspace/meetings/agenda.html", context)


@login_required
def delegation_register(request, slug, state):
    meeting = permissions.get_meeting_for_user(request, slug)
    state = get_object_or_404(Organisation, slug=state, kind=Organisation.Kind.GOVERNMENT)
    if not permissions.can_register_delegation(request.user, meeting, state):
        raise PermissionDenied("Only the state's focal points register its delegation.")
    delegation = delegations_of(meeting, states=[state.pk]).first()
    initial = [
        {f: getattr(m, f) for f in ("name", "function", "email", "phone", "is_head")}
        for m in (delegation.members.all() if delegation else [])
    ]
    formset = DelegationFormSet(request.POST or None, initial=initial, prefix="members")
    if request.method == "POST" and formset.is_valid():
        try:
            services.register_delegation(
                meeting, state=state, members=formset.members(), by=request.user
            )
        except ValidationError as error:
            formset._non_form_errors.extend(error.messages)
        else:
            messages.success(
                request, _("The delegation of %(state)s is registered.") % {"state": state}
            )
            return redirect("workspace:meeting", meeting.slug)
    context = {
        "meeting": meeting,
        "state": state,
        "delegation": delegation,
        "formset": formset,
        "invited": meeting.invitations.filter(organisation=state).exists(),
        "open": meeting.status not in permissions.CLOSED,
    }
    return _form_page(request, "workspace/meetings/delegation.html", context)


@login_required
def meeting_attendance(request, slug):
    meeting = permissions.get_meeting_for_user(request, slug)
    if not permissions.can_manage_meeting(request.user, meeting):
        raise PermissionDenied("Only the Secretariat records attendance.")
    attendance = list(attendance_at(meeting))
    organisations = {i.organisation.pk: i.organisation for i in invitations_to(meeting)}
    organisations.update({row.organisation.pk: row.organisation for row in attendance})
    members = list(
        DelegationMember.objects.filter(delegation__meeting=meeting)
        .select_related("delegation__state")
        .order_by("delegation__state__name", "-is_head", "pk")
    )
    form = AttendanceForm(
        request.POST or None,
        organisations=sorted(
            organisations.values(), key=lambda o: (o.kind != "government", o.name)
        ),
        attendance=attendance,
        members=members,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendance(
                meeting,
                organisations=form.present(),
                attended_members=form.members_present(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The attendance is recorded."))
            return redirect("workspace:meeting", meeting.slug)
    context = {"meeting": meeting, "form": form}
    return _form_page(request, "workspace/meetings/attendance.html", context)


# Why a version was saved (the services' reasons), as people read it.
REASONS = {
    "created": gettext_lazy("created"),
    "foreseen": gettext_lazy("foreseen"),
    "scheduled": gettext_lazy("scheduled"),
    "agenda published": gettext_lazy("agenda published"),
    "held": gettext_lazy("held"),
    "postponed": gettext_lazy("postponed"),
    "cancelled": gettext_lazy("cancelled"),
}

# Fields of a meeting shown in its history, in this order.
HISTORY_FIELDS = (
    "title",
    "status",
    "date",
    "end_date",
    "city",
    "country",
    "host",
    "participants",
    "countries_count",
    "organisations_count",
    "agenda_published_at",
    "description",
)


@login_required
def meeting_history(request, slug):
    meeting = permissions.get_meeting_for_user(request, slug)
    if not permissions.can_see_history(request.user, meeting):
        raise PermissionDenied("Only the Secretariat sees the history of a meeting.")
    versions = list(history_of(meeting))
    names = _names_of_related(versions)
    rows = []
    for newer, older in zip(versions, [*versions[1:], None], strict=True):
        changes = []
        for field in HISTORY_FIELDS:
            after = _value(newer, field)
            before = _value(older, field) if older else None
            if older is None and after in (None, ""):
                continue
            if older is None or before != after:
                changes.append(
                    (
                        Meeting._meta.get_field(field).verbose_name,
                        _shown(field, before, names) if older else "",
                        _shown(field, after, names),
                    )
                )
        reason = newer.history_change_reason or ("created" if newer.history_type == "+" else "")
        rows.append({"version": newer, "reason": REASONS.get(reason, reason), "changes": changes})
    context = {"meeting": meeting, "rows": rows}
    return render(request, "workspace/meetings/history.html", context)


def _value(version, field):
    if field == "date":  # a date is shown as precisely as it is known ("2015", "2015-04-17")
        return fuzzy(version.date, version.date_precision)
    return getattr(version, f"{field}_id" if field in ("country", "host") else field)


def _names_of_related(versions) -> dict:
    """Names of the countries and hosts that appear in a meeting's versions (two queries)."""
    country_ids = {v.country_id for v in versions if v.country_id}
    host_ids = {v.host_id for v in versions if v.host_id}
    names = {("country", c.pk): c.name for c in Country.objects.filter(pk__in=country_ids)}
    names.update({("host", o.pk): o.name for o in Organisation.objects.filter(pk__in=host_ids)})
    return names


def _shown(field, value, names):
    if value in (None, ""):
        return _("empty")
    if field in ("country", "host"):
        return names.get((field, value), str(value))
    if field == "status":
        return MeetingStatus(value).label
    if field == "date":
        return fuzzy_words(value)
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return date_format(value, "DATE_FORMAT")
    return str(value)
