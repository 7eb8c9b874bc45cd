"""How a caller proves who they are: an API token (other systems) or the browser's session (with CSRF)."""

from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, django_auth

from danvan.api.selectors import api_token_authenticate


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer dv_…`: the request runs as the token's owner, with their roles and unit scope."""

    def authenticate(self, request, token):
        user = api_token_authenticate(key=token.strip())
        if user is None:
            # A wrong, revoked or expired key is refused outright rather than tried as a session, so the caller
            # gets 401 (fix the key), not a CSRF 403.
            raise AuthenticationError()
        # Selectors, predicates and services read request.user: the token's owner, exactly as on the pages.
        request.user = user
        return user


AUTH = [ApiTokenAuth(), django_auth]
