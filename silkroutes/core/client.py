"""Which address a request comes from, for sign-in throttling and the API's rate limits.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only as far as
our own proxies go: with ``TRUSTED_PROXY_COUNT = n`` (nginx in front: 1), the client is the n-th
address from the right of that header, which the proxy nearest to us appended. With 0 (the
default: nothing in front) the header is ignored and the peer address is the client."""

from django.conf import settings


def client_address(request) -> str | None:
    """None when the request has no peer address (``Client.force_login`` builds such one)."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded.strip():
        return remote
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if not addresses:
        return remote
    return addresses[-min(proxies, len(addresses))]
