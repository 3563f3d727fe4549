"""Forms of the inspection pages: a Jalali period and a grouping, the facility filter, the import."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jdatetime
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from peygir.core.jalali import format_jalali
from peygir.core.jalali import today as local_today
from peygir.core.web.fields import JalaliDateField, StyledForm

from ..models import FacilityKind
from ..selectors import GROUPS


def month_start(day: dt.date) -> dt.date:
    j = jdatetime.date.fromgregorian(date=day)
    return jdatetime.date(j.year, j.month, 1).togregorian()


class CoverageForm(StyledForm):
    """Any Jalali period (by default the current month) and what to group by."""

    period_from = JalaliDateField(label=_("از تاریخ"), required=False)
    period_to = JalaliDateField(label=_("تا تاریخ"), required=False)
    group_by = forms.ChoiceField(
        label=_("به تفکیک"),
        required=False,
        choices=[("county", _("شهرستان")), ("document", _("سند")), ("kind", _("نوع مرکز"))],
    )

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        values = QueryDict(mutable=True) if data is None else data.copy()
        today = local_today()
        if not values.get("period_from"):
            values["period_from"] = format_jalali(month_start(today))
        if not values.get("period_to"):
            values["period_to"] = format_jalali(today)
        super().__init__(values, *args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            self.add_error("period_to", _("پایان دوره پیش از آغاز آن است."))
        return data

    def values(self) -> tuple[dt.date, dt.date, str]:
        today = local_today()
        data = self.cleaned_data if self.is_valid() else {}
        group = data.get("group_by") or "county"
        return (
            data.get("period_from") or month_start(today),
            data.get("period_to") or today,
            group if group in GROUPS else "county",
        )


class FacilityFilterForm(StyledForm):
    q = forms.CharField(label=_("جست‌وجو"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("نوع مرکز"), required=False, choices=[("", _("همه"))] + list(FacilityKind.choices)
    )


class FacilityImportForm(StyledForm):
    file = forms.FileField(label=_("پرونده اکسل (xlsx)"))
