"""E-mail notifications, sent through the task interface (django-tasks): in the request's process
by default, by a worker in production (``TASKS_BACKEND``).

Other apps call ``notify(users, subject=…, template=…, context=…)``; nothing else here is public.
"""

import json
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import translation

from silkroutes.core.text import one_line

from .tasks import send_notification


def absolute_url(path: str) -> str:
    """A link for an e-mail: the site's address (``SITE_URL``) followed by ``path``."""
    return f"{settings.SITE_URL}{path}"


def notify(users: Iterable, *, subject: str, template: str, context: dict) -> int:
    """Send one e-mail to each active user with an address, once the current transaction
    commits (nothing is sent for a change that is rolled back).

    ``template`` is a plain-text template (``notifications/invitation.txt``) rendered with
    ``context`` plus ``recipient`` (the person's name) and ``site_url``. ``context`` must hold
    JSON values only (strings, numbers, lists, dicts): a worker receives it serialised; pass
    links made with ``absolute_url``, not model instances.

    Side effects: one ``send_notification`` task enqueued per recipient, on commit. Inside a
    test's transaction that is never committed, run the callbacks with pytest-django's
    ``django_capture_on_commit_callbacks(execute=True)``.

    Returns the number of e-mails that will be sent."""
    try:
        json.dumps(context)
    except TypeError as error:
        raise TypeError(f"notify(): the context must hold JSON values only: {error}") from None
    language = translation.get_language() or settings.LANGUAGE_CODE
    # A title stored with a line break would make Django refuse the mail (header injection).
    subject = one_line(str(subject))
    recipients = {
        user.email: user.get_full_name() or user.get_username()
        for user in users
        if user.is_active and user.email
    }
    for email, name in sorted(recipients.items()):
        transaction.on_commit(
            partial(
                send_notification.enqueue,
                to=email,
                subject=subject,
                template=template,
                context={**context, "recipient": name},
                language=language,
            ),
            robust=True,
        )
    return len(recipients)
