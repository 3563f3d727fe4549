"""Forms of the demand reports: a Jalali period, what to group by, an office's review period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from peygir.core.jalali import format_jalali
from peygir.core.jalali import today as local_today
from peygir.core.web.fields import JalaliDateField, PersianIntegerField, StyledForm


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
