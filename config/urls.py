from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from silkroutes.core.health import healthz


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the API's documentation). A
    temporary redirect: the file's name carries its hash, which changes with the icon."""
    return redirect(static("portal/favicon.ico"))


# The language is part of the URL (/ru/…, /ar/…; English without a prefix), so that a link
# always opens in the language it was shared in and a cached page is cached per language.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("data/", include("silkroutes.exports.data_urls")),
    path("api/", include("silkroutes.api.urls")),  # JSON: no language prefix
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("workspace/", include("silkroutes.workspace.urls")),
    # Feeds in the language of their URL (silkroutes/exports/calendar_urls.py).
    path("calendar/", include("silkroutes.exports.calendar_urls")),
    path("", include("silkroutes.portal.urls")),
    prefix_default_language=False,
)

# A body found too large while it is read is a 413 page, not a 400 (silkroutes/core/limits.py).
handler400 = "silkroutes.core.limits.bad_request"
