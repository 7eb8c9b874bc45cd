"""The data officials edit: the topic list and the severity scale (which levels alert, how long to acknowledge).
Reports and hotspots are written only through the app's pages (services, audited)."""

from django.contrib import admin

from danvan.situation.models import SeverityLevel, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "active"]
    list_editable = ["order", "active"]


@admin.register(SeverityLevel)
class SeverityLevelAdmin(admin.ModelAdmin):
    list_display = ["rank", "name", "alerts", "acknowledge_hours"]
    list_editable = ["name", "alerts", "acknowledge_hours"]
