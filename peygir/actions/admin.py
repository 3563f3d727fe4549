"""Admin for the spine. Status, progress, deadline and escalation change only through the services
(which write the history), so here they are read-only; the history itself is append-only."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from peygir.core.admin import ReadOnlyInline
from peygir.core.jalali import format_jalali

from .models import Action, ActionEvent, ActionUpdate, EscalationStep, Evidence


class ActionUpdateInline(ReadOnlyInline):
    model = ActionUpdate
    fields = ["created_at", "kind", "author", "organization", "progress", "text"]


class ActionEventInline(ReadOnlyInline):
    model = ActionEvent
    fields = ["created_at", "kind", "actor", "from_status", "to_status", "data"]


class EscalationStepInline(ReadOnlyInline):
    model = EscalationStep
    fields = ["step", "deadline", "as_of", "created_at"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "title",
        "responsible_organization",
        "jalali_deadline",
        "status",
        "escalation_level",
    ]
    list_filter = ["status", "source_kind", "escalation_level"]
    search_fields = ["title", "title_normalized", "responsible_organization__name"]
    list_select_related = ["responsible_organization"]
    raw_id_fields = ["resolution", "responsible_organization", "issuer_organization", "verifier", "territory"]
    filter_horizontal = ["supporting_organizations"]
    readonly_fields = [
        "source_kind",
        "resolution",
        "responsible_organization",
        "issuer_organization",
        "territory",
        "deadline",
        "deadline_text",
        "status",
        "progress",
        "cancel_reason",
        "escalation_level",
        "version",
        "created_by",
        "created_at",
        "updated_at",
        "reported_done_at",
        "closed_at",
    ]
    inlines = [ActionUpdateInline, ActionEventInline, EscalationStepInline]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False  # actions are born from resolutions and directives, through the services

    @admin.display(description=_("مهلت اقدام"), ordering="deadline")
    def jalali_deadline(self, obj: Action) -> str:
        return format_jalali(obj.deadline)


@admin.register(ActionEvent)
class ActionEventAdmin(admin.ModelAdmin):
    list_display = ["id", "action", "kind", "actor", "from_status", "to_status", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["action", "actor"]
    search_fields = ["action__title"]
    raw_id_fields = ["action", "actor"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(EscalationStep)
class EscalationStepAdmin(admin.ModelAdmin):
    list_display = ["action", "step", "deadline", "as_of", "created_at"]
    list_filter = ["step"]
    list_select_related = ["action"]
    raw_id_fields = ["action"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["original_name", "content_type", "size", "update", "created_at"]
    list_select_related = ["update"]
    raw_id_fields = ["update"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
