"""Forms of the facilitation-office pages and the demand reports.

Money is typed in tomans (as people say it) and stored in rials; dates are typed in Jalali.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from peygir.core.jalali import format_jalali
from peygir.core.jalali import today as local_today
from peygir.core.money import RIALS_PER_TOMAN
from peygir.facilitation.models import EmpowermentActivity, VulnerableHousehold

from .fields import JalaliDateField, PersianIntegerField, StyledForm, TextField

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
        widget=forms.SelectMultiple(attrs={"size": 6}),
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


def year_start(day: dt.date) -> dt.date:
    """1 Farvardin of the Jalali year `day` falls in."""
    import jdatetime

    return jdatetime.date(jdatetime.date.fromgregorian(date=day).year, 1, 1).togregorian()


class PeriodForm(StyledForm):
    """A Jalali period for a GET page. Always bound: a missing end is filled with its default (the
    Jalali year so far), so the inputs show the period the page reports on."""

    period_from = JalaliDateField(label=_("از تاریخ"), required=False)
    period_to = JalaliDateField(label=_("تا تاریخ"), required=False)

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        values = QueryDict(mutable=True) if data is None else data.copy()
        today = local_today()
        if not values.get("period_from"):
            values["period_from"] = format_jalali(year_start(today))
        if not values.get("period_to"):
            values["period_to"] = format_jalali(today)
        super().__init__(values, *args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            self.add_error("period_to", _("پایان دوره پیش از آغاز آن است."))
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        """The period asked for, or the default when what was typed is not a valid period."""
        today = local_today()
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("period_from") or year_start(today), data.get("period_to") or today


class ReportForm(PeriodForm):
    group_by = forms.ChoiceField(
        label=_("به تفکیک"),
        choices=[
            ("office", _("دفتر تسهیلگری")),
            ("agency", _("دستگاه مسئول")),
            ("category", _("دسته مطالبه")),
        ],
        required=False,
    )


class ReviewForm(StyledForm):
    start = JalaliDateField(
        label=_("آغاز دوره"),
        required=False,
        help_text=_("خالی: شش ماه نخست پس از گشایش، یا شش ماه اخیر برای دفترهای قدیمی‌تر."),
    )
    months = PersianIntegerField(label=_("تعداد ماه"), min_value=1, max_value=24, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["months"].widget.attrs["placeholder"] = "۶"
