"""The workspace of signed-in people. Each area has its own URL module; all names live in the
``workspace`` namespace (``workspace:login``, ``workspace:meeting_schedule``…)."""

from django.urls import include, path

app_name = "workspace"

urlpatterns = [
    path("", include("silkroutes.workspace.urls_account")),
    path("meetings/", include("silkroutes.workspace.urls_meetings")),
    path("documents/", include("silkroutes.workspace.urls_documents")),
    path("outcomes/", include("silkroutes.workspace.urls_outcomes")),
    path("programme/", include("silkroutes.workspace.urls_programme")),
    path("monitoring/", include("silkroutes.workspace.urls_monitoring")),
    path("tokens/", include("silkroutes.workspace.urls_tokens")),
]
