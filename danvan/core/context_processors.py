from django.utils.functional import SimpleLazyObject

from danvan.core.navigation import MODULES


def navigation(request):
    def is_admin():
        from danvan.accounts.permissions import ACCOUNT_ROLES, has_any_role

        return has_any_role(request.user, ACCOUNT_ROLES)

    def unread():
        if not getattr(request.user, "is_authenticated", False):
            return 0
        from danvan.core.inbox import unread_notice_count

        return unread_notice_count(request.user)

    # Lazy: pages that never show the admin menu or the bell (login, errors) do not pay the query.
    return {"nav_modules": MODULES, "nav_is_admin": SimpleLazyObject(is_admin), "nav_unread": SimpleLazyObject(unread)}
