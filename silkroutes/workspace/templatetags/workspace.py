"""The workspace's navigation: the areas a signed-in person may open, and which one is open."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from silkroutes.monitoring.permissions import can_use_monitoring_workspace

register = template.Library()

# (URL name, label, prefixes of the URL names in the area, who may open it: None for everyone)
AREAS = [
    ("home", _("Workspace"), ("home",), None),
    ("meetings", _("Meetings"), ("meeting",), None),
    ("document_list", _("Documents"), ("document",), None),
    ("action_point_list", _("Action points"), ("action_point", "outcome"), None),
    ("programme_board", _("Programme"), ("programme",), None),
    ("monitoring", _("Reporting"), ("monitoring",), can_use_monitoring_workspace),
    ("tokens", _("API tokens"), ("token",), None),
    ("password_change", _("Password"), ("password_change",), None),
]


@register.inclusion_tag("workspace/_nav.html", takes_context=True)
def workspace_nav(context):
    request = context["request"]
    match = request.resolver_match
    current = match.url_name if match and match.namespace == "workspace" else ""
    links = []
    for name, label, prefixes, allowed in AREAS:
        if allowed is not None and not allowed(request.user):
            continue
        links.append(
            {
                "url": reverse(f"workspace:{name}"),
                "label": label,
                "current": current.startswith(prefixes),
            }
        )
    return {"links": links}
