"""The Django admin is for system administrators only (superusers), in Persian. The office's own
administrators use the pages of this package (`/manage/`), where every change is recorded."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from peygir.core.models import AuditEntry


def _superusers_only(request) -> bool:
    user = request.user
    return bool(user.is_active and user.is_superuser)


admin.site.has_permission = _superusers_only
admin.site.site_header = _("پیگیر — مدیریت سامانه")
admin.site.site_title = _("مدیریت سامانه پیگیر")
admin.site.index_title = _("مدیریت سامانه (ویژه مدیران سامانه)")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The trail, read-only: nobody adds, changes or deletes an entry here."""

    list_display = ["at", "actor_label", "ip", "verb", "object_type", "object_pk", "object_repr"]
    list_filter = ["verb", "object_type"]
    search_fields = ["actor_label", "object_repr", "object_pk"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
