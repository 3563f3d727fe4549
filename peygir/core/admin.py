"""The office corrects the working calendar here (a late-announced lunar holiday, a pollution closure,
a holiday that the office works through). Dates are typed and shown in Jalali.

Also the base of the inlines that show a history the services write (read-only in the admin)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .jalali import JalaliDateError, format_jalali, parse_jalali_date
from .models import CalendarOverride


class ReadOnlyInline(admin.TabularInline):
    """Rows shown beside their parent, never added, changed or deleted here: every field in `fields`
    is read-only."""

    extra = 0
    can_delete = False
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields or ()

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class CalendarOverrideForm(forms.ModelForm):
    date = forms.CharField(label=_("تاریخ"), help_text=_("به شکل ۱۴۰۲/۰۱/۰۱ (یا 2023-03-21)"))

    class Meta:
        model = CalendarOverride
        fields = ["date", "is_holiday", "title"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.date:
            self.initial["date"] = format_jalali(self.instance.date)

    def clean_date(self):
        try:
            return parse_jalali_date(self.cleaned_data["date"])
        except JalaliDateError as exc:
            raise forms.ValidationError(str(exc)) from exc


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    form = CalendarOverrideForm
    list_display = ["jalali_date", "date", "is_holiday", "title"]
    list_filter = ["is_holiday"]
    search_fields = ["title"]
    ordering = ["-date"]

    @admin.display(description=_("تاریخ (شمسی)"), ordering="date")
    def jalali_date(self, obj: CalendarOverride) -> str:
        return format_jalali(obj.date)
