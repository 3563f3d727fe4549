"""The Django admin is for system administrators only (superusers), in Persian. The office's own
administrators use the pages of this package (`/manage/`), where every change is recorded."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from peygir.core.models import AuditEntry

from . import access


def _superusers_only(request) -> bool:
    user = request.user
    return bool(user.is_active and user.is_superuser)


_admin_login = admin.site.login


def _login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """A signed-in person who is not a system administrator, sent here by any admin page, gets the
    site's Persian 403 page saying where the office's own administration is — not Django's login box
    asking them to sign in as somebody else."""
    if request.user.is_authenticated and not _superusers_only(request):
        user = request.user
        context = {"can_administer": access.can_enter(user) or access.can_issue_directives(user)}
        return render(request, "web/administration/admin_only.html", context, status=403)
    return _admin_login(request, extra_context)


admin.site.has_permission = _superusers_only
admin.site.login = _login
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
