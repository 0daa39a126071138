"""Background work of notifications. A task receives only JSON values (a database-backed worker
stores its arguments), renders its e-mail in the language it was sent in, and sends it."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template import Context, engines
from django.utils import translation
from django_tasks import task

from silkroutes.core.text import one_line

logger = logging.getLogger(__name__)


@task
def send_notification(
    *, to: str, subject: str, template: str, context: dict, language: str
) -> None:
    """Render ``template`` with ``context`` and send it to one address."""
    with translation.override(language):
        body = render_plain_text(template, {**context, "site_url": settings.SITE_URL})
    send_mail(one_line(subject), body, None, [to])  # also a mail queued before notify() did so
    # Not the address: process logs outlive an anonymisation (docs/decisions/0014).
    logger.info("notification %s sent", template)


def render_plain_text(template: str, context: dict) -> str:
    """A plain-text mail body: rendered without HTML escaping, which would turn "Officials'"
    into "Officials&#x27;" in a text e-mail."""
    compiled = engines["django"].get_template(template).template
    return compiled.render(Context(context, autoescape=False))
