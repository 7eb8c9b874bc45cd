from django.contrib import admin

from danvan.ingest.models import IngestDocument, IngestRecord


@admin.register(IngestDocument)
class IngestDocumentAdmin(admin.ModelAdmin):
    # Read-only: documents are created by ingest_document_create, which audits.
    list_display = ("__str__", "unit", "uploaded_by", "created_at")
    search_fields = ("filename", "sha256")
    readonly_fields = [f.name for f in IngestDocument._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(IngestRecord)
class IngestRecordAdmin(admin.ModelAdmin):
    list_display = ("document", "status", "confirmed_by", "confirmed_at")
    list_filter = ("status",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
