"""Writes of the accounts app: API tokens.

A token's key is ``srp_<prefix>_<secret>``. The prefix finds the token and is shown in lists;
the secret is stored only as its SHA-256 hash, so a database leak does not give working keys.
The secrets are random (256 bits), so a plain SHA-256 suffices (no slow password hash needed)."""

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken

KEY_PREFIX = "srp"
# A token's last use is written at most this often, so that reads do not write on every request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def _new_prefix() -> str:
    while True:
        prefix = secrets.token_hex(6)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            return prefix


def create_token(user, *, name: str, scope: str, by) -> tuple[ApiToken, str]:
    """Create an API token for ``user`` and return it with its key, which is not stored and
    cannot be shown again.

    Side effects: one ApiToken row (prefix and SHA-256 of the secret)."""
    if by.pk != user.pk:
        raise PermissionDenied(_("A token can only be created by the person it acts for."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name that says what it is for.")})
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("“%(s)s” is not a token scope.") % {"s": scope}})
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken(
            user=user,
            name=name,
            scope=scope,
            prefix=_new_prefix(),
            secret_hash=hashlib.sha256(secret.encode()).hexdigest(),
        )
        token.full_clean()
        token.save()
    return token, f"{KEY_PREFIX}_{token.prefix}_{secret}"


def revoke_token(token: ApiToken, *, by) -> ApiToken:
    """Revoke a token: from the next request on, it is refused.

    Side effects: sets ``revoked_at`` (a token already revoked keeps its first date)."""
    if by.pk != token.user_id:
        raise PermissionDenied(_("Only the person a token acts for can revoke it."))
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


def revoke_all_tokens(user, *, by) -> int:
    """Revoke every active API token of ``user``, when their password is changed or reset: a
    token made by whoever knew the old password must not outlive it (as the sessions do not).
    ``by`` is the person themselves (changing it, or through a reset link) or an administrator.

    Side effects: sets ``revoked_at`` on each active token; returns how many were revoked."""
    if by.pk != user.pk and not by.has_perm("auth.change_user"):
        raise PermissionDenied(_("Only the person or an administrator can revoke their tokens."))
    with transaction.atomic():
        return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )


def split_key(key: str) -> tuple[str, str] | None:
    """(prefix, secret) of a key in the form ``srp_<prefix>_<secret>``, or None."""
    parts = key.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


def use_token(key: str) -> ApiToken | None:
    """The active token whose key this is (its user loaded), or None; records the use.

    Side effects: updates ``last_used`` when the last recorded use is older than a minute."""
    parts = split_key(key)
    if parts is None:
        return None
    prefix, secret = parts
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=prefix, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not token.matches(secret):
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now
    return token
