"""The programme in the workspace: the pipeline board (the Secretariat moves projects), the
funding records (donors record interest and pledges for their organisation; the Secretariat turns
interests into pledges and records commitments, disbursements and budgets), the donor × project
matrix, the funding gaps and the pipeline projects looking for support."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from silkroutes.actors.models import Organisation
from silkroutes.programme import funding, permissions, services
from silkroutes.programme.currency import Rates
from silkroutes.programme.models import (
    PROJECT_TRANSITIONS,
    FundingRecord,
    Participation,
    Project,
    ProjectStatus,
)

from ..forms.programme import (
    BudgetForm,
    FundingForm,
    InterestForm,
    MoveProjectForm,
    PledgeForm,
    apply_errors,
)


def _require_workspace(request) -> None:
    if not permissions.can_use_programme_workspace(request.user):
        raise PermissionDenied


# -- the pipeline board --------------------------------------------------------------------------


def _board_projects() -> list[Project]:
    return list(
        funding.projects_with_money().prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("organisation").order_by(
                    "role", "organisation__name"
                ),
            )
        )
    )


@login_required
def board(request):
    """Projects by stage; for the Secretariat, the moves each project can make."""
    _require_workspace(request)
    projects = _board_projects()
    may_move = permissions.can_move_projects(request.user)
    columns = []
    for status in ProjectStatus:
        cards = []
        for project in (p for p in projects if p.status == status):
            moves = [s for s in ProjectStatus.values if s in PROJECT_TRANSITIONS[status]]
            moves = moves if may_move else []
            problems = services.launch_problems(project)
            cards.append({"project": project, "moves": moves, "launch_problems": problems})
        columns.append({"status": status, "cards": cards})
    return render(
        request,
        "workspace/programme/board.html",
        {
            "columns": columns,
            "may_move": may_move,
            "all_projects": projects,
            "labels": dict(ProjectStatus.choices),
        },
    )


@login_required
@require_POST
def move(request, slug):
    project = get_object_or_404(Project, slug=slug)
    permissions.require(permissions.can_move_projects(request.user))
    form = MoveProjectForm(request.POST)
    if not form.is_valid():
        problems = "; ".join(f"{e}" for errors in form.errors.values() for e in errors)
        messages.error(request, _("The project was not moved: %(p)s") % {"p": problems})
        return redirect("workspace:programme_board")
    data = form.cleaned_data
    try:
        services.move_project(
            project,
            to=data["to"],
            by=request.user,
            on=data["on"],
            note=data["note"],
            absorbed_into=data["absorbed_into"],
        )
    except ValidationError as error:
        messages.error(
            request,
            _("“%(project)s” was not moved: %(reasons)s")
            % {"project": project, "reasons": " ".join(error.messages)},
        )
        return redirect("workspace:programme_board")
    messages.success(
        request,
        _("“%(project)s” is now “%(status)s”.")
        % {"project": project, "status": ProjectStatus(data["to"]).label},
    )
    return redirect("workspace:programme_board")


# -- funding records -----------------------------------------------------------------------------


def _donors_for(user) -> list[Organisation]:
    allowed = permissions.donors_user_may_record_for(user)
    organisations = Organisation.objects.order_by("name")
    if allowed is not None:
        organisations = organisations.filter(pk__in=allowed)
    return list(organisations)


def _funding_page(request, *, status=200, **forms):
    """The funding page, with the forms given (bound ones show their errors)."""
    summaries = funding.project_summaries(funding.projects_with_money())
    projects = [s.project for s in summaries]
    donors = _donors_for(request.user)
    kinds = permissions.money_kinds_for(request.user)
    forms.setdefault("interest_form", InterestForm(projects=projects, donors=donors))
    forms.setdefault("funding_form", FundingForm(projects=projects, donors=donors, kinds=kinds))
    forms.setdefault("budget_form", BudgetForm(projects=projects))
    records = [r for s in summaries for r in s.project.funding.all()]
    converted = {r.follows_id for r in records if r.follows_id}
    pledge_forms = forms.pop("pledge_forms", {})
    open_interests = [
        r
        for r in records
        if r.kind == FundingRecord.Kind.INTEREST
        and r.pk not in converted
        and permissions.can_convert_interest(request.user, r)
    ]
    for record in open_interests:
        record.pledge_form = pledge_forms.get(record.pk) or PledgeForm(prefix=f"pledge-{record.pk}")
    context = {
        "summaries": summaries,
        "open_interests": open_interests,
        "converted": converted,
        "may_record_interest": bool(donors),
        "may_record_money": bool(donors) and bool(kinds),
        "may_record_budgets": permissions.can_record_budgets(request.user),
        "overdisbursed": funding.overdisbursed(summaries),
        **forms,
    }
    return render(request, "workspace/programme/funding.html", context, status=status)


@login_required
def funding_records(request):
    _require_workspace(request)
    return _funding_page(request)


def _bound(request, form_class, **kwargs):
    summaries_projects = list(Project.objects.order_by("slug"))
    return form_class(request.POST, projects=summaries_projects, **kwargs)


@login_required
@require_POST
def record_interest(request):
    _require_workspace(request)
    form = _bound(request, InterestForm, donors=_donors_for(request.user))
    if form.is_valid():
        data = form.cleaned_data
        permissions.require(
            permissions.can_record_funding(
                request.user, donor=data["donor"], kind=FundingRecord.Kind.INTEREST
            )
        )
        try:
            services.record_interest(
                data["project"],
                donor=data["donor"],
                by=request.user,
                on=data["on"],
                note=data["note"],
                amount=data["amount"],
                currency=data["currency"],
                source_url=data["source_url"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The interest of %(donor)s in “%(project)s” is recorded.")
                % {"donor": data["donor"], "project": data["project"]},
            )
            return redirect("workspace:programme_funding")
    return _funding_page(request, status=400, interest_form=form)


@login_required
@require_POST
def convert_interest(request, key):
    record = get_object_or_404(FundingRecord.objects.select_related("project", "donor"), key=key)
    permissions.require(permissions.can_convert_interest(request.user, record))
    form = PledgeForm(request.POST, prefix=f"pledge-{record.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.convert_interest_to_pledge(
                record,
                amount=data["amount"],
                currency=data["currency"],
                by=request.user,
                on=data["on"],
                firmness=data["firmness"],
                note=data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The interest of %(donor)s in “%(project)s” is now a pledge.")
                % {"donor": record.donor, "project": record.project},
            )
            return redirect("workspace:programme_funding")
    return _funding_page(request, status=400, pledge_forms={record.pk: form})


@login_required
@require_POST
def record_money(request):
    _require_workspace(request)
    kinds = permissions.money_kinds_for(request.user)
    form = _bound(request, FundingForm, donors=_donors_for(request.user), kinds=kinds)
    if form.is_valid():
        data = form.cleaned_data
        permissions.require(
            permissions.can_record_funding(request.user, donor=data["donor"], kind=data["kind"])
        )
        try:
            record = services.record_funding(
                data["project"],
                donor=data["donor"],
                kind=data["kind"],
                by=request.user,
                amount=data["amount"],
                currency=data["currency"],
                on=data["on"],
                firmness=data["firmness"],
                note=data["note"],
                source_url=data["source_url"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            _say_recorded(request, record)
            return redirect("workspace:programme_funding")
    return _funding_page(request, status=400, funding_form=form)


def _say_recorded(request, record: FundingRecord) -> None:
    messages.success(
        request,
        _("%(kind)s of %(donor)s for “%(project)s” recorded.")
        % {
            "kind": record.get_kind_display().capitalize(),
            "donor": record.donor,
            "project": record.project,
        },
    )
    project = funding.projects_with_money().get(pk=record.project_id)
    for flag in funding.summarise(project, Rates.loaded()).overdisbursed:
        if flag.donor.pk == record.donor_id:
            messages.warning(
                request,
                _(
                    "Flag: %(donor)s has now disbursed %(disbursed)s %(currency)s to this project, "
                    "more than its commitments of %(committed)s %(currency)s."
                )
                % {
                    "donor": flag.donor,
                    "disbursed": flag.disbursed,
                    "committed": flag.committed,
                    "currency": flag.currency,
                },
            )


@login_required
@require_POST
def record_budget(request):
    _require_workspace(request)
    permissions.require(permissions.can_record_budgets(request.user))
    form = _bound(request, BudgetForm)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_budget(
                data["project"],
                amount=data["amount"],
                currency=data["currency"],
                by=request.user,
                period_start=data["period_start"],
                period_end=data["period_end"],
                kind=data["kind"],
                status=data["status"],
                note=data["note"],
                source_url=data["source_url"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The budget of “%(project)s” is recorded.") % {"project": data["project"]},
            )
            return redirect("workspace:programme_funding")
    return _funding_page(request, status=400, budget_form=form)


# -- reads ---------------------------------------------------------------------------------------


@login_required
def matrix(request):
    _require_workspace(request)
    return render(
        request, "workspace/programme/matrix.html", {"matrix": funding.donor_project_matrix()}
    )


@login_required
def gaps(request):
    _require_workspace(request)
    summaries = funding.project_summaries()
    return render(
        request,
        "workspace/programme/gaps.html",
        {
            "summaries": summaries,
            "goals": funding.gaps_per_goal(summaries),
            "overdisbursed": funding.overdisbursed(summaries),
        },
    )


@login_required
def looking_for_support(request):
    _require_workspace(request)
    return render(
        request,
        "workspace/programme/support.html",
        {"entries": funding.looking_for_support()},
    )
