"""Sign-in throttling (django-axes' handler, ``AXES_HANDLER``). Axes locks out one user name
from one address after ``AXES_FAILURE_LIMIT`` failures; on top of that, one address is locked
out for every user name after ``AXES_ADDRESS_FAILURE_LIMIT`` failures with any names. Each
failed sign-in costs a password hash, most of a second of a worker: guessing with random names
must not be a way to load the workers.

A success still resets only its own (user name, address) count (``AXES_RESET_ON_SUCCESS``
follows ``AXES_LOCKOUT_PARAMETERS``): someone who holds one account cannot wipe the address's
count by signing in between guesses."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def address_failures(request) -> int:
    """Failed sign-ins from the request's address within the cool-off time, any user name."""
    attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def address_locked_out(request) -> bool:
    if getattr(request, "axes_ip_address", None) is None:
        return False
    return address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT


class AddressAndUserNameThrottle(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """What axes compares with ``AXES_FAILURE_LIMIT``, both to lock out after a failure
        and to refuse before the password is hashed: the (user name, address) count, raised
        to that limit while the address is locked out as a whole."""
        failures = super().get_failures(request, credentials)
        if address_locked_out(request):
            return max(failures, get_failure_limit(request, credentials))
        return failures
