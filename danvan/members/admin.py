"""Read-only admin views: every write goes through the services (and their audit events)."""

from django.contrib import admin

from danvan.members.models import Branch, CccdProvinceCode, Organisation


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["code", "short_name", "min_age", "max_age", "sex_only", "province"]


@admin.register(Branch)
class BranchAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "organisation", "owner", "commune"]


@admin.register(CccdProvinceCode)
class CccdProvinceCodeAdmin(ReadOnlyAdmin):
    list_display = ["code", "name"]


# Person and Membership hold personal data: deliberately not in the admin.
