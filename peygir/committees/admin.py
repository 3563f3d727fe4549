"""Admin for committees. Committees and seats are plain records; a meeting's record changes through the
services (which version it and write amendments after approval), so here it is read-only."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from peygir.core.admin import ReadOnlyInline
from peygir.core.jalali import format_jalali

from .models import AgendaItem, Attendance, Committee, CommitteeMember, Meeting, MinutesAmendment, Resolution


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "territory", "secretariat", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_normalized"]
    list_select_related = ["territory", "secretariat", "parent"]
    raw_id_fields = ["territory", "secretariat", "parent"]
    inlines = [CommitteeMemberInline]


class AgendaItemInline(ReadOnlyInline):
    model = AgendaItem
    fields = ["order", "kind", "title", "presenter", "referred_to"]


class AttendanceInline(ReadOnlyInline):
    model = Attendance
    fields = ["organization", "person_name", "status", "represented_by"]


class ResolutionInline(ReadOnlyInline):
    model = Resolution
    fields = ["number", "label", "text", "deadline_text", "responsible_text"]


class AmendmentInline(ReadOnlyInline):
    model = MinutesAmendment
    fields = ["created_at", "author", "description", "before", "after"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "jalali_date", "status", "place"]
    list_filter = ["status"]
    list_select_related = ["committee"]
    search_fields = ["committee__name", "title", "place"]
    readonly_fields = [f.name for f in Meeting._meta.fields]
    inlines = [AgendaItemInline, AttendanceInline, ResolutionInline, AmendmentInline]

    @admin.display(description=_("تاریخ"), ordering="starts_at")
    def jalali_date(self, obj: Meeting) -> str:
        return format_jalali(obj.starts_at, with_time=True)

    def has_add_permission(self, request) -> bool:
        return False
