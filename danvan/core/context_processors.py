from django.utils.functional import SimpleLazyObject

from danvan.core.navigation import MODULES


def navigation(request):
    def is_admin():
        from danvan.accounts.permissions import ACCOUNT_ROLES, has_any_role

        return has_any_role(request.user, ACCOUNT_ROLES)

    # Lazy: pages that never show the admin menu (login, errors) do not pay the query.
    return {"nav_modules": MODULES, "nav_is_admin": SimpleLazyObject(is_admin)}
