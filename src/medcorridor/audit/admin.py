from django.contrib import admin

from .models import AccessLog, AuditEvent


class AppendOnlyAdmin(admin.ModelAdmin):
    """The logs are read here, never changed."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(AppendOnlyAdmin):
    list_display = ["occurred_at", "actor_label", "action", "target_type", "target_id", "summary"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_id", "actor_label", "summary"]


@admin.register(AccessLog)
class AccessLogAdmin(AppendOnlyAdmin):
    list_display = ["occurred_at", "actor", "target_type", "target_id", "purpose", "granted", "channel"]
    list_filter = ["granted", "target_type", "channel"]
    search_fields = ["target_id"]
