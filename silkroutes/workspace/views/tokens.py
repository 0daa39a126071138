"""API tokens of the signed-in person: list, create (the key is shown once, in the answer to
the creating POST, and never stored) and revoke."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from silkroutes.accounts.models import ApiToken
from silkroutes.accounts.services import create_token, revoke_token
from silkroutes.core.text import CheckedTextForm


class TokenForm(CheckedTextForm):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. “donor reporting system”."),
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Scope"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Read: what you may see, restricted data included. Read and write: also change "
            "records through the API, as far as your rights allow."
        ),
    )


def _list_page(request, form: TokenForm, *, status: int = 200):
    tokens = ApiToken.objects.filter(user=request.user).order_by("revoked_at", "-created", "pk")
    return render(
        request,
        "workspace/tokens/token_list.html",
        {"tokens": tokens, "form": form, "api_docs": reverse("api:openapi-view")},
        status=status,
    )


@login_required
@never_cache
def token_list(request):
    """The person's tokens, and the form that creates one (POST answers with the new key)."""
    if request.method != "POST":
        return _list_page(request, TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form, status=400)
    try:
        token, key = create_token(
            request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            by=request.user,
        )
    except ValidationError as error:
        for field, problems in error.message_dict.items():
            for problem in problems:
                form.add_error(field if field in form.fields else None, problem)
        return _list_page(request, form, status=400)
    return render(request, "workspace/tokens/token_created.html", {"token": token, "key": key})


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_token(token, by=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("workspace:tokens")
