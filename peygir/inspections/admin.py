"""Admin for setting inspections up: facilities, checklists (read-only: versions are published through
`checklists.version_publish`), plans and their rules. Draws, visits and answers are deliberately
absent: their dates are secret until the day before (docs/inspections.md), even from the admin site."""

from __future__ import annotations

from django.contrib import admin

from peygir.core.admin import ReadOnlyInline

from .models import ChecklistTemplate, ChecklistVersion, Facility, InspectionPlan, PlanRule


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "territory", "responsible_agency", "licence_number", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "licence_number"]
    raw_id_fields = ["territory", "responsible_agency"]
    readonly_fields = ["last_score", "last_passed", "last_visited_on"]


class VersionInline(ReadOnlyInline):
    model = ChecklistVersion
    fields = ["number", "pass_score", "note", "created_at"]


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "document", "pass_score", "is_active"]
    search_fields = ["title"]
    inlines = [VersionInline]


class PlanRuleInline(admin.TabularInline):
    model = PlanRule
    extra = 1


@admin.register(InspectionPlan)
class InspectionPlanAdmin(admin.ModelAdmin):
    """A plan is set up here as a draft; it is approved — and its period drawn and sealed — on its page."""

    list_display = ["title", "organization", "territory", "document", "period", "status"]
    list_filter = ["status", "period"]
    search_fields = ["title"]
    raw_id_fields = ["organization", "territory", "document"]
    filter_horizontal = ["inspectors", "partner_organizations"]
    readonly_fields = ["status", "approved_at", "approved_by"]
    exclude = ["created_by"]
    inlines = [PlanRuleInline]
