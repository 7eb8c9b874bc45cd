"""Read-only admin views: every write goes through the services (and their audit events)."""

from django.contrib import admin

from danvan.initiatives.models import Commendation, EvaluationCriterion, EvaluationScheme, Initiative


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "unit", "year", "field", "status"]
    list_filter = ["year", "status", "field"]
    search_fields = ["code", "name_folded"]
    list_select_related = ["unit"]


class CriterionInline(admin.TabularInline):
    model = EvaluationCriterion
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(EvaluationScheme)
class EvaluationSchemeAdmin(ReadOnlyAdmin):
    list_display = ["name", "unit", "year", "is_starter"]
    inlines = [CriterionInline]


@admin.register(Commendation)
class CommendationAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "form", "deciding_body", "decision_number", "decided_on"]
