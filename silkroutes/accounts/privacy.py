"""Personal data: finding one person's records, and anonymising them, logged and applied again
after a restore (docs/decisions/0014-personal-data.md). The export is in ``privacy_export``,
the retention periods in ``retention``.

Personal data lives in the user account (``auth.User``) with its memberships and API tokens, in
delegation members (``meetings.DelegationMember``: name, function, e-mail, telephone), in the
sign-in records of django-axes (user names, addresses, browsers), in the admin's change log
(an object's name), in sessions and in queued or finished background tasks (a notification's
address and the recipient's name). Personal data spans apps, so this module reads the
delegation members of ``meetings`` as ``core.backup`` reads every table.

An anonymisation is found again by hashes and ids, never by the name or address itself: the
ledger file (``ANONYMISATION_LEDGER``) outlives a restore of an older backup, and
``reapply_anonymisations()`` anonymises again whoever it names."""

import datetime as dt
import hashlib
import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models.fields.json import KT
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from silkroutes.core.pagecache import data_changed
from silkroutes.meetings.models import DelegationMember

from .models import Anonymisation, ApiToken
from .permissions import access_for

User = get_user_model()
SIGN_IN_MODELS = (AccessAttempt, AccessFailureLog, AccessLog)
LEDGER_FIELDS = (
    "key",
    "created",
    "reason",
    "by_id",
    "account_id",
    "username_hash",
    "email_hashes",
    "member_ids",
    "name_hashes",
    "counts",
)


class UnknownPerson(LookupError):
    """No account or delegation member matches; the message says what was looked for."""


def digest(value: str) -> str:
    """The SHA-256 of a name or address, case and surrounding spaces ignored."""
    normal = " ".join(value.split()).casefold()
    return hashlib.sha256(normal.encode()).hexdigest()


@dataclass
class Person:
    """The records of one person: an account (or none), the e-mail addresses they are known by
    and the delegation members with one of those addresses."""

    user: object | None
    emails: set[str] = field(default_factory=set)
    members: list[DelegationMember] = field(default_factory=list)


def find_person(*, username: str = "", email: str = "") -> Person:
    """The person with this user name (exactly) and/or this e-mail address (any case).

    Raises UnknownPerson when nothing matches, or when the address belongs to several accounts
    (then the user name must be given)."""
    username, email = (username or "").strip(), (email or "").strip()
    if not username and not email:
        raise UnknownPerson(_("Give a user name or an e-mail address."))
    user = None
    if username:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise UnknownPerson(_("There is no account “%(name)s”.") % {"name": username})
    elif email:
        accounts = list(User.objects.filter(email__iexact=email))
        if len(accounts) > 1:
            raise UnknownPerson(
                _("%(n)s accounts have the address %(email)s: name one with its user name.")
                % {"n": len(accounts), "email": email}
            )
        user = accounts[0] if accounts else None
    if user is not None and email:
        others = User.objects.filter(email__iexact=email).exclude(pk=user.pk)
        if others.exists():
            raise UnknownPerson(
                _("The address %(email)s belongs to another account than “%(name)s”.")
                % {"email": email, "name": username}
            )
    emails = {address for address in (email, user.email if user else "") if address}
    members = _members_with(emails)
    if user is None and not members:
        raise UnknownPerson(
            _("No account or delegation member has the address %(email)s.") % {"email": email}
        )
    return Person(user=user, emails=emails, members=members)


def _members_with(emails: set[str]) -> list[DelegationMember]:
    hashes = {digest(address) for address in emails}
    pks = [
        pk
        for pk, address in DelegationMember.objects.exclude(email="").values_list("pk", "email")
        if digest(address) in hashes
    ]
    return list(
        DelegationMember.objects.filter(pk__in=pks).select_related(
            "delegation__meeting", "delegation__state"
        )
    )


def matching_usernames(model, hashes: set[str]) -> list[str]:
    names = (
        model.objects.exclude(username=None)
        .values_list("username", flat=True)
        .order_by()
        .distinct()
    )
    return [name for name in names if digest(name) in hashes]


def matching_recipients(hashes: set[str]) -> list[str]:
    addresses = (
        DBTaskResult.objects.annotate(recipient=KT("args_kwargs__kwargs__to"))
        .exclude(recipient=None)
        .values_list("recipient", flat=True)
        .order_by()
        .distinct()
    )
    return [address for address in addresses if digest(address) in hashes]


# -- anonymisation -----------------------------------------------------------------------------


@transaction.atomic
def anonymise_person(
    person: Person, *, by, reason: str = Anonymisation.Reason.REQUEST
) -> Anonymisation:
    """Anonymise a person everywhere, keep the attendance figures, and log it.

    Side effects, all in one transaction: the account renamed to a pseudonym, its name and
    e-mail emptied, deactivated with an unusable password, its API tokens and sessions deleted;
    each delegation member's name replaced by the pseudonym and its function, e-mail and
    telephone emptied (the member, its head-of-delegation mark and its attendance stay); the
    admin's change log names the pseudonym; sign-in records of the person's user name or
    addresses get the pseudonym and lose their address and browser; background tasks addressed
    to the person deleted; an Anonymisation row and a line in the ledger file; cached public
    pages invalidated."""
    if reason == Anonymisation.Reason.REQUEST and (by is None or not access_for(by).secretariat):
        raise PermissionDenied(_("Only the Secretariat can anonymise a person."))
    if reason not in Anonymisation.Reason.values:
        raise ValueError(f"{reason!r} is not a reason for an anonymisation")
    user = person.user
    entry = Anonymisation.objects.create(
        reason=reason,
        by=by,
        account_id=user.pk if user else None,
        username_hash=digest(user.username) if user else "",
        email_hashes=sorted({digest(address) for address in person.emails}),
        member_ids=sorted(member.pk for member in person.members),
        name_hashes=sorted({digest(member.name) for member in person.members}),
    )
    entry.counts = apply_anonymisation(entry)
    entry.save(update_fields=["counts"])
    append_to_ledger(entry)
    return entry


def apply_anonymisation(entry: Anonymisation) -> dict[str, int]:
    """Anonymise the rows that ``entry`` identifies and that are not anonymised yet; return the
    number of rows changed per kind. Run inside a transaction (``anonymise_person`` and
    ``reapply_anonymisations`` do)."""
    email_hashes = set(entry.email_hashes)
    counts = {"accounts": 0, "api_tokens": 0, "sessions": 0}
    user = _account_of(entry)
    if user is not None:
        counts.update(_anonymise_account(user, entry))
    counts["delegation_members"] = _anonymise_members(entry, email_hashes)
    counts["admin_log_entries"] = _rename_in_admin_log(entry, user)
    sign_in_names = email_hashes | ({entry.username_hash} if entry.username_hash else set())
    counts["sign_in_records"] = 0
    for model in SIGN_IN_MODELS:
        matched = matching_usernames(model, sign_in_names)
        rows = model.objects.filter(username__in=matched)
        changes = {"username": entry.pseudonym_username, "ip_address": None, "user_agent": ""}
        if model is AccessAttempt:
            changes.update(get_data="", post_data="")
        counts["sign_in_records"] += rows.update(**changes)
    recipients = matching_recipients(email_hashes)
    counts["task_results"] = (
        DBTaskResult.objects.filter(args_kwargs__kwargs__to__in=recipients).delete()[0]
        if recipients
        else 0
    )
    if any(counts.values()):
        data_changed()
    return counts


def _account_of(entry: Anonymisation):
    """The account the entry names, if it is still that person's (an id can be given again to
    someone else after an older backup was restored: the user name's hash must match too)."""
    if entry.account_id is None:
        return None
    user = User.objects.filter(pk=entry.account_id).first()
    if user is None:
        return None
    if user.username == entry.pseudonym_username or digest(user.username) == entry.username_hash:
        return user
    return None


def _anonymise_account(user, entry: Anonymisation) -> dict[str, int]:
    sessions = [
        session.pk
        for session in Session.objects.all()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    counts = {
        "api_tokens": ApiToken.objects.filter(user=user).delete()[0],
        "sessions": Session.objects.filter(pk__in=sessions).delete()[0],
    }
    already = (
        user.username == entry.pseudonym_username
        and not user.email
        and not user.is_active
        and not user.has_usable_password()
    )
    if not already:
        user.username = entry.pseudonym_username
        user.first_name = entry.pseudonym
        user.last_name = ""
        user.email = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.last_login = None
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
    counts["accounts"] = 0 if already else 1
    return counts


def _anonymise_members(entry: Anonymisation, email_hashes: set[str]) -> int:
    name_hashes = set(entry.name_hashes)
    pks = {
        pk
        for pk, name in DelegationMember.objects.filter(pk__in=entry.member_ids).values_list(
            "pk", "name"
        )
        if digest(name) in name_hashes
    }
    pks |= {
        pk
        for pk, address in DelegationMember.objects.exclude(email="").values_list("pk", "email")
        if digest(address) in email_hashes
    }
    return (
        DelegationMember.objects.filter(pk__in=pks)
        .exclude(name=entry.pseudonym, function="", email="", phone="")
        .update(name=entry.pseudonym, function="", email="", phone="")
    )


def _rename_in_admin_log(entry: Anonymisation, user) -> int:
    changed = 0
    if user is not None:
        changed += (
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
            )
            .exclude(object_repr=entry.pseudonym_username)
            .update(object_repr=entry.pseudonym_username)
        )
    if entry.member_ids:
        changed += (
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(DelegationMember),
                object_id__in=[str(pk) for pk in entry.member_ids],
            )
            .exclude(object_repr=entry.pseudonym)
            .update(object_repr=entry.pseudonym)
        )
    return changed


# -- the ledger and re-application after a restore ---------------------------------------------


def ledger_path() -> Path:
    return Path(settings.ANONYMISATION_LEDGER)


def _ledger_line(entry: Anonymisation) -> str:
    values = {name: getattr(entry, name) for name in LEDGER_FIELDS}
    values["key"] = str(entry.key)
    values["created"] = entry.created.isoformat()
    return json.dumps(values, sort_keys=True)


def append_to_ledger(entry: Anonymisation) -> None:
    """Append the entry to the ledger file and flush it to disk. Called last inside the
    anonymisation's transaction: if the file cannot be written, nothing is anonymised."""
    path = ledger_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as ledger:
        ledger.write(_ledger_line(entry) + "\n")
        ledger.flush()
        os.fsync(ledger.fileno())


def read_ledger() -> list[dict]:
    """The ledger's entries (none when the file does not exist). A damaged line is an error:
    skipping it could bring a person back."""
    path = ledger_path()
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            values = json.loads(line)
            entries.append({name: values[name] for name in LEDGER_FIELDS})
        except (ValueError, KeyError) as error:
            raise ValueError(f"{path}, line {number}: not a ledger entry ({error})") from None
    return entries


def anonymisation_table_exists() -> bool:
    with connection.cursor() as cursor:
        return Anonymisation._meta.db_table in connection.introspection.table_names(cursor)


@dataclass
class Reapplied:
    entries: int = 0
    from_ledger: int = 0
    written_to_ledger: int = 0
    counts: dict[str, int] = field(default_factory=dict)


@transaction.atomic
def reapply_anonymisations() -> Reapplied:
    """Apply every anonymisation again: those in the database and those only in the ledger (made
    after the backup that was restored). Idempotent: rows already anonymised are left alone.

    Side effects: the rows each entry identifies anonymised again (see ``anonymise_person``);
    ledger entries missing from the database inserted into it; database entries missing from
    the ledger appended to it (a lost ledger is rebuilt); ``reapplied_at`` set on every entry."""
    result = Reapplied()
    known = {str(entry.key): entry for entry in Anonymisation.objects.all()}
    in_ledger = set()
    for values in read_ledger():
        in_ledger.add(values["key"])
        if values["key"] not in known:
            known[values["key"]] = _entry_from_ledger(values)
            result.from_ledger += 1
    now = timezone.now()
    for entry in sorted(known.values(), key=lambda e: (e.created, str(e.key))):
        for kind, number in apply_anonymisation(entry).items():
            result.counts[kind] = result.counts.get(kind, 0) + number
        entry.reapplied_at = now
        entry.save(update_fields=["reapplied_at"])
        result.entries += 1
    for key, entry in known.items():
        if key not in in_ledger:
            append_to_ledger(entry)
            result.written_to_ledger += 1
    return result


def _entry_from_ledger(values: dict) -> Anonymisation:
    by_id = values["by_id"]
    if by_id is not None and not User.objects.filter(pk=by_id).exists():
        by_id = None
    return Anonymisation.objects.create(
        **{
            **values,
            "key": uuid.UUID(values["key"]),
            "by_id": by_id,
            "created": dt.datetime.fromisoformat(values["created"]),
        }
    )
