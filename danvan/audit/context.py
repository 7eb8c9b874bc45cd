"""Request facts (client IP) for audit events, carried in a context variable set by the middleware.

A context variable is per request (thread or task), so nothing is shared between requests.
"""

from contextvars import ContextVar

current_ip: ContextVar[str | None] = ContextVar("danvan_audit_ip", default=None)
