"""The catalogue officials edit: religions, recognised religious organisations, ethnic groups, holidays and their
solar date per year (with the source). The registers are written only through the app's pages (services, audited)."""

from django.contrib import admin

from danvan.faiths.models import Denomination, EthnicGroup, Holiday, HolidayDate, Religion


@admin.register(Religion)
class ReligionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "active"]
    list_editable = ["order", "active"]


@admin.register(Denomination)
class DenominationAdmin(admin.ModelAdmin):
    list_display = ["name", "religion", "recognised", "note"]
    list_filter = ["religion"]


@admin.register(EthnicGroup)
class EthnicGroupAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "other_names"]


class HolidayDateInline(admin.TabularInline):
    model = HolidayDate
    extra = 1


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "religion", "ethnic_group", "rule"]
    inlines = [HolidayDateInline]
