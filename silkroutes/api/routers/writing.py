"""Helpers shared by the write endpoints: references and dates from a request body, the
version a client last read, and refusals. The rules themselves are the services' and the
permission predicates' of the domain apps; these only translate them into HTTP."""

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from silkroutes.core.fuzzydates import FuzzyDate

from ..auth import require_write
from ..problems import Problem


def acting(request):
    """The user behind the request's token, which must have the write scope."""
    return require_write(request).user


def forbid_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise Problem("forbidden", message)


def fuzzy_in(field: str, value: str | None) -> FuzzyDate | None:
    if not value:
        return None
    try:
        return FuzzyDate.parse(value)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def resolve(model: type[Model], field: str, value, **lookup):
    """The record a body field names, or a 422 naming the field."""
    if value in (None, ""):
        return None
    record = model.objects.filter(**lookup).first()
    if record is None:
        raise ValidationError({field: _("“%(value)s” names nothing.") % {"value": value}})
    return record


def resolve_all(model: type[Model], field: str, values, key: str) -> list:
    records = {getattr(r, key): r for r in model.objects.filter(**{f"{key}__in": values})}
    missing = [value for value in values if value not in records]
    if missing:
        raise ValidationError({field: _("These name nothing: %(v)s.") % {"v": ", ".join(missing)}})
    return [records[value] for value in values]


def check_revision(current: int, expected: int | None, what: str) -> None:
    """409 when the client's copy is older than the stored record."""
    if expected is not None and expected != current:
        raise Problem(
            "conflict",
            _(
                "The %(what)s changed since you read it (revision %(yours)s, now %(now)s); read "
                "it again and resend your change."
            )
            % {"what": what, "yours": expected, "now": current},
        )
