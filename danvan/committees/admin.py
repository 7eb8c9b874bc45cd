"""The data officials edit: the subjects and the positions in a committee. Committees, their decisions and
members are written only through the app's pages (services, audited)."""

from django.contrib import admin

from danvan.committees.models import Position, Subject


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "links_case", "links_bases", "active"]
    list_editable = ["order", "links_case", "links_bases", "active"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "active"]
    list_editable = ["order", "active"]
