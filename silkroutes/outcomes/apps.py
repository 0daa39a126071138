from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "silkroutes.outcomes"
    label = "outcomes"
    verbose_name = _("Outcomes: conclusions, decisions and action points")
