"""Admin for facilitation offices and activities (set-up work of the system administrator).

Vulnerable households are deliberately NOT in the admin: their every read must be logged, and the
admin's list and change pages would read them without a trace. They live on the office's pages, which
log through the selectors. The access log is shown read-only: it is append-only evidence.
"""

from django.contrib import admin

from .models import EmpowermentActivity, FacilitationOffice, SensitiveAccessLog


@admin.register(FacilitationOffice)
class FacilitationOfficeAdmin(admin.ModelAdmin):
    list_display = ("organization", "opened_on", "budget_rials", "operator", "is_pilot")
    list_filter = ("is_pilot",)
    search_fields = ("organization__name", "organization__name_normalized")
    list_select_related = ("organization", "operator")
    raw_id_fields = ("organization", "operator")
    filter_horizontal = ("neighbourhoods",)


@admin.register(EmpowermentActivity)
class EmpowermentActivityAdmin(admin.ModelAdmin):
    list_display = ("title", "office", "kind", "held_on", "participants", "women_participants")
    list_filter = ("kind",)
    search_fields = ("title", "office__organization__name")
    list_select_related = ("office__organization",)
    raw_id_fields = ("office", "partner", "created_by")
    date_hierarchy = "held_on"


@admin.register(SensitiveAccessLog)
class SensitiveAccessLogAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "kind", "household", "demand", "detail")
    list_filter = ("kind",)
    list_select_related = ("user", "household", "demand")
    search_fields = ("user__username", "detail")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
