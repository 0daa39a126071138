from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "silkroutes.accounts"
    label = "accounts"
    verbose_name = _("Accounts: people and what they may do")
