"""Read-only admin views: every write goes through the services (and their audit events)."""

from django.contrib import admin

from danvan.movements.models import Movement, MovementRegistration


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Movement)
class MovementAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "unit", "status", "start_date", "end_date"]
    list_filter = ["status", "kind"]
    search_fields = ["code", "name_folded"]


@admin.register(MovementRegistration)
class MovementRegistrationAdmin(ReadOnlyAdmin):
    list_display = ["movement", "unit", "registered_at", "in_bulk"]
    raw_id_fields = ["movement", "unit"]
