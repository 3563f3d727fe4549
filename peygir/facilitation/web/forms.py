"""Forms of the facilitation-office pages.

Money is typed in tomans (as people say it) and stored in rials; dates are typed in Jalali.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peygir.core.money import RIALS_PER_TOMAN
from peygir.core.web.fields import JalaliDateField, PersianIntegerField, StyledForm, TextField
from peygir.core.web.widgets import searchable_multiple
from peygir.facilitation.models import EmpowermentActivity, VulnerableHousehold

LONG = 2000


def _choices(items: Any, label: Any = None) -> list[tuple[int, str]]:
    return [(item.pk, label(item) if label else str(item)) for item in items]


class OfficeForm(StyledForm):
    name = TextField(label=_("نام دفتر"), max_length=300)
    territory = forms.TypedChoiceField(label=_("قلمرو دفتر"), coerce=int)
    neighbourhoods = forms.TypedMultipleChoiceField(
        label=_("محله‌های تحت پوشش"),
        coerce=int,
        required=False,
    )
    opened_on = JalaliDateField(label=_("تاریخ گشایش"), required=False)
    budget_tomans = PersianIntegerField(label=_("اعتبار (تومان)"), min_value=0, required=False)
    operator = forms.TypedChoiceField(
        label=_("مجری (سمن یا نهاد)"), coerce=int, required=False, empty_value=None
    )
    is_pilot = forms.BooleanField(label=_("دفتر پایلوت"), required=False)

    def __init__(self, *args: Any, territories=(), neighbourhoods=(), operators=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].choices = _choices(
            territories, lambda t: f"{t.name_fa} ({t.get_kind_display()})"
        )
        self.fields["neighbourhoods"].choices = _choices(neighbourhoods, lambda t: t.name_fa)
        searchable_multiple(self.fields["neighbourhoods"])
        self.fields["operator"].choices = [("", "—")] + _choices(operators, lambda o: o.name)
        self.fields["is_pilot"].widget.attrs["class"] = "form-check-input"

    @property
    def budget_rials(self) -> int:
        return (self.cleaned_data.get("budget_tomans") or 0) * RIALS_PER_TOMAN


class HouseholdForm(StyledForm):
    reference = TextField(
        label=_("شناسه داخلی"),
        max_length=40,
        required=False,
        help_text=_("خالی بگذارید تا شناسه خودکار داده شود؛ نام و شماره ملی ثبت نمی‌شود."),
    )
    neighbourhood = forms.TypedChoiceField(label=_("محله"), coerce=int)
    needs = forms.MultipleChoiceField(
        label=_("نوع نیاز"), choices=VulnerableHousehold.Need.choices, widget=forms.CheckboxSelectMultiple
    )
    members_count = PersianIntegerField(label=_("تعداد اعضا"), min_value=1, max_value=50, required=False)
    programs = TextField(
        label=_("برنامه‌هایی که کمک کرده‌اند"),
        max_length=LONG,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = TextField(
        label=_("یادداشت"), max_length=LONG, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    is_active = forms.BooleanField(label=_("فعال"), required=False, initial=True)

    def __init__(self, *args: Any, neighbourhoods=(), editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].choices = _choices(neighbourhoods, lambda t: t.name_fa)
        self.fields["needs"].widget.attrs["class"] = "form-check-input"
        self.fields["is_active"].widget.attrs["class"] = "form-check-input"
        if editing:
            self.fields["reference"].disabled = True
        else:
            del self.fields["is_active"]


class ActivityForm(StyledForm):
    kind = forms.ChoiceField(label=_("نوع"), choices=EmpowermentActivity.Kind.choices)
    title = TextField(label=_("عنوان"), max_length=300)
    held_on = JalaliDateField(label=_("تاریخ برگزاری"))
    participants = PersianIntegerField(label=_("شرکت‌کنندگان"), min_value=0, max_value=100000)
    women_participants = PersianIntegerField(
        label=_("شرکت‌کنندگان زن"), min_value=0, max_value=100000, required=False
    )
    note = TextField(
        label=_("شرح"), max_length=LONG, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
