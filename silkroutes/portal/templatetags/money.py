"""Amounts of money as readers expect them: the currency code, then the amount grouped in the
reader's language ("EUR 3,200.00")."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def money(amount: Decimal | None, currency: str = "") -> str:
    """``{{ amount|money:currency }}``; an unknown amount reads "amount not stated"."""
    if amount is None:
        return _("amount not stated")
    number = number_format(amount, 2, use_l10n=True, force_grouping=True)
    return f"{currency} {number}".strip()


@register.filter
def lookup(mapping: dict | None, key):
    """``{{ mapping|lookup:key }}``: a dictionary's value for a key held in a variable."""
    if not mapping:
        return None
    return mapping.get(key)
