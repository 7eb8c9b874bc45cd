import ipaddress

from django.conf import settings

from danvan.audit.context import current_ip


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or with N trusted proxies in front (settings.DANVAN_TRUSTED_PROXIES)
    the N-th address from the right of X-Forwarded-For — the one our outermost proxy saw. Entries further left
    are whatever the client sent, so they are never used."""
    remote = _valid_ip(request.META.get("REMOTE_ADDR"))
    proxies = settings.DANVAN_TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    return _valid_ip(forwarded[-min(proxies, len(forwarded))]) or remote


def _valid_ip(value: str | None) -> str | None:
    try:
        # Without an IPv6 zone ("%eth0"): PostgreSQL's inet column does not take one.
        return str(ipaddress.ip_address((value or "").strip())).split("%")[0]
    except ValueError:
        return None


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)
