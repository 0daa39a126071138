from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "silkroutes.meetings"
    label = "meetings"
    verbose_name = _("Meetings: bodies and their meetings")
