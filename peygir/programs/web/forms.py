"""Forms of the programs pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peygir.core.web.fields import JalaliDateField, PersianIntegerField, StyledForm, TextField
from peygir.organizations.models import Organization

from ..models import Duty, Goal, Program, Theme


class DutyForm(StyledForm):
    title = TextField(label=_("عنوان وظیفه"), max_length=500)
    responsible = forms.ModelChoiceField(label=_("مسئول"), queryset=Organization.objects.none())
    goal = forms.ModelChoiceField(label=_("هدف"), queryset=Goal.objects.none(), required=False)
    recurrence = forms.ChoiceField(label=_("تکرار"), choices=Duty.Recurrence.choices)
    deadline = JalaliDateField(label=_("مهلت (وظیفهٔ یک‌باره)"), required=False)
    description = TextField(label=_("شرح"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, program: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Agencies and county governorates (the county deputies) inside the program's territory.
        self.fields["responsible"].queryset = Organization.objects.filter(
            territory__path__startswith=program.territory.path,
            is_active=True,
            kind__in=[
                Organization.Kind.AGENCY,
                Organization.Kind.COUNTY_GOVERNORATE,
                Organization.Kind.GROUP,
            ],
        ).order_by("name")
        self.fields["goal"].queryset = program.goals.all()


class GoalForm(StyledForm):
    title = TextField(label=_("عنوان هدف"), max_length=500)


class ReopenForm(StyledForm):
    reason = TextField(label=_("دلیل بازگرداندن برای اصلاح"), max_length=1000)


class ProgramForm(StyledForm):
    owner = forms.ModelChoiceField(label=_("متولی"), queryset=Organization.objects.none())
    title = TextField(label=_("عنوان"), max_length=300, required=False)
    theme = forms.ChoiceField(label=_("حوزه"), choices=Theme.choices)
    start_year = PersianIntegerField(label=_("سال آغاز (شمسی)"), min_value=1300, max_value=1500)
    end_year = PersianIntegerField(label=_("سال پایان (شمسی)"), min_value=1300, max_value=1500)
    adopted_from = forms.ModelChoiceField(
        label=_("اقتباس از برنامهٔ ملی"), queryset=Program.objects.none(), required=False
    )
    summary = TextField(label=_("خلاصه"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["adopted_from"].queryset = Program.objects.filter(
            level=Program.Level.NATIONAL, is_active=True
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("adopted_from") and not data.get("title"):
            self.add_error("title", _("عنوان برنامه را بنویسید."))
        return data
