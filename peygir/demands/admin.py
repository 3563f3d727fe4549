"""Admin for demands. Status, routes and history change only through the services (which write the
events, the action and the citizen's SMS), so here they are read-only; personal data is not listed."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from peygir.core.admin import ReadOnlyInline

from .models import Demand, DemandCategory, DemandEvent, DemandRoute, DemandSupporter, RoutingRule


class DemandRouteInline(ReadOnlyInline):
    model = DemandRoute
    fields = ["created_at", "agency", "rule", "action", "reason", "routed_by"]


class DemandEventInline(ReadOnlyInline):
    model = DemandEvent
    fields = ["created_at", "kind", "from_status", "to_status", "is_public", "public_text", "actor"]


class DemandSupporterInline(ReadOnlyInline):
    model = DemandSupporter
    fields = ["created_at", "note", "created_by"]


@admin.register(DemandCategory)
class DemandCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "parent", "service_level_days", "is_active", "order"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "territory", "agency", "is_active"]
    list_filter = ["is_active", "category"]
    autocomplete_fields = ["agency"]
    raw_id_fields = ["territory"]


@admin.register(Demand)
class DemandAdmin(admin.ModelAdmin):
    list_display = ["tracking_code", "title", "status", "category", "neighbourhood", "agency", "created_at"]
    list_filter = ["status", "channel", "category"]
    search_fields = ["tracking_code", "title"]
    date_hierarchy = "created_at"
    inlines = [DemandRouteInline, DemandSupporterInline, DemandEventInline]
    fieldsets = [
        (None, {"fields": ["tracking_code", "title", "description", "category", "neighbourhood", "office"]}),
        (_("پیگیری"), {"fields": ["status", "agency", "current_action", "expected_on", "proposed_date"]}),
        (
            _("شهروند"),
            {"fields": ["channel", "on_behalf_of_group", "supporters_count", "rating", "anonymized_at"]},
        ),
        (_("توضیح عمومی"), {"fields": ["public_note"]}),
    ]
    readonly_fields = [
        "tracking_code",
        "status",
        "agency",
        "current_action",
        "expected_on",
        "proposed_date",
        "channel",
        "supporters_count",
        "rating",
        "anonymized_at",
        "office",
        "neighbourhood",
        "category",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
