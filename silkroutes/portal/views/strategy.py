"""The strategy's own text: the page that citations of the strategy link to, and its file."""

from django.http import HttpResponse
from django.shortcuts import render

from silkroutes.portal.allow_lists import reads_parameters
from silkroutes.strategy.text import STRATEGY_FILE_NAME, read_strategy_text, strategy_parts

# Where the Budapest Process published the strategy (data/strategy/README.md).
PUBLISHED_AT = "https://www.budapestprocess.org/"


@reads_parameters()
def strategy_text(request):
    return render(
        request,
        "portal/strategy/strategy_text.html",
        {"parts": strategy_parts(), "published_at": PUBLISHED_AT},
    )


@reads_parameters()
def strategy_download(request):
    response = HttpResponse(read_strategy_text(), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{STRATEGY_FILE_NAME}"'
    return response
