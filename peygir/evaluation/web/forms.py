"""The evaluation pages' forms: which year (and day) a scorecard is read for, and the office's weights."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peygir.core.jalali import MONTHS_FA
from peygir.core.web.fields import JalaliDateField, PersianIntegerField, StyledForm, TextField
from peygir.evaluation.measures import FIRST_YEAR, LAST_YEAR, MEASURES, PERFORMANCE_KEYS, current_year
from peygir.evaluation.models import MEASURE_KEYS
from peygir.evaluation.roadmap import programs_module
from peygir.programs.periods import SEASONS_FA

PART_CHOICES = [("num", _("صورت")), ("den", _("مخرج"))]
# The part of the year a scorecard is read for: the whole year, a Jalali season or a Jalali month.
PERIOD_CHOICES = [
    ("", _("کل سال")),
    *((f"S{n}", name) for n, name in enumerate(SEASONS_FA, start=1)),
    *((f"M{n:02d}", name) for n, name in enumerate(MONTHS_FA, start=1)),
]


class YearForm(StyledForm):
    """?year=1403&period=S1&as_of=1403/11/01&weights=<id>: all optional; a bad value is reported,
    never a 500. `period` narrows the year to a season (S1..S4) or a month (M01..M12)."""

    year = PersianIntegerField(label=_("سال"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)
    period = forms.ChoiceField(label=_("دوره"), required=False, choices=PERIOD_CHOICES)
    as_of = JalaliDateField(label=_("تا تاریخ"), required=False)
    weights = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def values(self) -> dict[str, Any]:
        """year, part, as_of, weights_id: the valid ones (the current whole year by default)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "year": data.get("year") or current_year(),
            "part": data.get("period") or "",
            "as_of": data.get("as_of"),
            "weights_id": data.get("weights"),
        }


class MeasureForm(YearForm):
    """The comparison and the map: one measure (or the score) of one year."""

    measure = forms.ChoiceField(
        label=_("شاخص"),
        required=False,
        choices=[("score", _("امتیاز کل")), ("quality", _("کیفیت داده"))]
        + [(k, MEASURES[k].label) for k in PERFORMANCE_KEYS],
    )

    def __init__(self, *args: Any, indicators: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if indicators:  # the map: any indicator of the programs domain too, once it is installed
            self.fields["measure"].choices = [*self.fields["measure"].choices, *indicator_choices()]

    def measure_key(self) -> str:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("measure") or "score"


def indicator_choices() -> list[tuple[str, str]]:
    selectors = programs_module("selectors")
    if selectors is None or not hasattr(selectors, "indicators_for"):
        return []
    return [(f"indicator:{pk}", name) for pk, name in selectors.indicators_for().values_list("pk", "name")]


class WeightsForm(StyledForm):
    overdue_cap_days = PersianIntegerField(label=_("سقف روزهای تأخیر"), min_value=1, max_value=365)
    note = TextField(label=_("توضیح"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in MEASURE_KEYS:
            self.fields[f"w_{key}"] = PersianIntegerField(
                label=MEASURES[key].label, min_value=0, max_value=100
            )
        # the weights first, in the order of the scorecard
        self.order_fields([f"w_{k}" for k in MEASURE_KEYS] + ["overdue_cap_days", "note"])

    def values(self) -> dict[str, int]:
        return {key: self.cleaned_data[f"w_{key}"] for key in MEASURE_KEYS}
