"""Everything the platform holds about one person, as JSON values: the answer to a subject
access request (``manage.py export_personal_data``; docs/decisions/0014-personal-data.md)."""

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from silkroutes.meetings.models import DelegationMember

from .privacy import (
    SIGN_IN_MODELS,
    Person,
    digest,
    matching_recipients,
    matching_usernames,
)


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def export_personal_data(person: Person) -> dict:
    """Everything held about the person, as JSON values (API tokens without their secrets)."""
    user = person.user
    usernames = {user.username} if user else set()
    return {
        "exported_at": timezone.now().isoformat(),
        "account": _export_account(user) if user else None,
        "memberships": [
            {
                "organisation": str(m.organisation),
                "acts_as": m.kind,
                "from": _when(m.start),
                "until": _when(m.end),
            }
            for m in (user.memberships.select_related("organisation") if user else [])
        ],
        "api_tokens": [
            {
                "name": t.name,
                "scope": t.scope,
                "key_prefix": t.prefix,
                "created": _when(t.created),
                "last_used": _when(t.last_used),
                "revoked": _when(t.revoked_at),
            }
            for t in (user.api_tokens.all() if user else [])
        ],
        "delegation_memberships": [_export_member(m) for m in person.members],
        "sign_in_records": _export_sign_ins(usernames | person.emails),
        "notifications": _export_notifications(person.emails),
    }


def _export_account(user) -> dict:
    return {
        "id": user.pk,
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": user.is_active,
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
    }


def _export_member(member: DelegationMember) -> dict:
    meeting = member.delegation.meeting
    return {
        "meeting": meeting.slug,
        "meeting_title": meeting.title,
        "meeting_date": _when(meeting.date),
        "state": str(member.delegation.state),
        "name": member.name,
        "function": member.function,
        "email": member.email,
        "phone": member.phone,
        "head_of_delegation": member.is_head,
        "attended": member.attended,
    }


def _export_sign_ins(names: set[str]) -> list[dict]:
    hashes = {digest(name) for name in names}
    records = []
    for model in SIGN_IN_MODELS:
        matched = matching_usernames(model, hashes)
        for row in model.objects.filter(username__in=matched).order_by("attempt_time"):
            records.append(
                {
                    "kind": model._meta.model_name,
                    "username": row.username,
                    "time": _when(row.attempt_time),
                    "ip_address": row.ip_address,
                    "user_agent": row.user_agent,
                    "path": row.path_info,
                }
            )
    return records


def _export_notifications(emails: set[str]) -> list[dict]:
    matched = matching_recipients({digest(address) for address in emails})
    return [
        {
            "to": row.args_kwargs["kwargs"].get("to"),
            "subject": row.args_kwargs["kwargs"].get("subject"),
            "status": row.status,
            "enqueued_at": _when(row.enqueued_at),
        }
        for row in DBTaskResult.objects.filter(args_kwargs__kwargs__to__in=matched).order_by(
            "enqueued_at"
        )
    ]
