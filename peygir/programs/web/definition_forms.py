"""Forms of the indicator definition, target and period-closing pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peygir.core.web.fields import PersianIntegerField, StyledForm, TextField

from ..indicators_models import DEFAULT_GRACE_DAYS, MAX_GRACE_DAYS
from ..models import IndicatorVersion, Theme
from ..periods import PERIOD_TYPES
from ..values import parse_number

V = IndicatorVersion


class NumberField(forms.CharField):
    """A number as people type it (Persian or Arabic digits, ٬ and ٫ separators) → Decimal."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        try:
            number = parse_number(text)
        except ValueError:
            raise forms.ValidationError(_("«%(text)s» عدد نیست."), params={"text": text}) from None
        if number is not None and abs(number) >= Decimal("1e16"):
            raise forms.ValidationError(_("عدد بیش از اندازه بزرگ است."))
        return number


def parse_categories(text: str) -> dict[str, list[str]]:
    """«جنس: زن، مرد» one dimension a line → {"جنس": ["زن", "مرد"]}."""
    result: dict[str, list[str]] = {}
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        if ":" not in line:
            raise forms.ValidationError(_("هر سطر تفکیک به شکل «جنس: زن، مرد» باشد."))
        name, items = (part.strip() for part in line.split(":", 1))
        values = [v.strip() for v in items.replace("،", ",").split(",") if v.strip()]
        if not name or not values:
            raise forms.ValidationError(_("هر سطر تفکیک به شکل «جنس: زن، مرد» باشد."))
        if name in result:
            raise forms.ValidationError(_("تفکیک «%(name)s» دو بار آمده است."), params={"name": name})
        result[name] = values
    return result


def categories_text(categories: dict[str, list[str]]) -> str:
    return "\n".join(f"{name}: {'، '.join(items)}" for name, items in (categories or {}).items())


class IndicatorForm(StyledForm):
    """A definition: the identity (name, theme, reporting organization, program) and the version's
    fields. `code` only when creating; `version` (hidden) is the definition the editor read."""

    code = TextField(label=_("کد"), max_length=40)
    name = TextField(label=_("نام شاخص"), max_length=300)
    theme = forms.ChoiceField(label=_("حوزه"), choices=Theme.choices)
    program = forms.ModelChoiceField(label=_("برنامه"), queryset=None, required=False)
    responsible = forms.ModelChoiceField(label=_("دستگاه گزارش‌دهنده"), queryset=None, required=False)
    kind = forms.ChoiceField(label=_("نوع"), choices=V.Kind.choices)
    direction = forms.ChoiceField(label=_("جهت مطلوب"), choices=V.Direction.choices)
    unit = TextField(label=_("واحد"), max_length=60, required=False)
    numerator_label = TextField(label=_("صورت (برای درصد و نرخ)"), max_length=200, required=False)
    denominator_label = TextField(label=_("مخرج (برای درصد و نرخ)"), max_length=200, required=False)
    population_denominator = forms.BooleanField(label=_("مخرج: جمعیت قلمرو"), required=False)
    entry_level = forms.ChoiceField(label=_("سطح ورود"), choices=V.EntryLevel.choices)
    period_type = forms.ChoiceField(label=_("دورهٔ گزارش"), choices=PERIOD_TYPES)
    time_aggregation = forms.ChoiceField(label=_("جمع زمانی"), choices=V.TimeAggregation.choices)
    min_value = NumberField(label=_("کمینهٔ مجاز"), required=False)
    max_value = NumberField(label=_("بیشینهٔ مجاز"), required=False)
    jump_percent = PersianIntegerField(
        label=_("آستانهٔ جهش (درصد)"), required=False, min_value=1, max_value=1000
    )
    grace_days = PersianIntegerField(
        label=_("مهلت گزارش پس از پایان دوره (روز)"),
        required=False,
        min_value=0,
        max_value=MAX_GRACE_DAYS,
        initial=DEFAULT_GRACE_DAYS,
    )
    disaggregations = TextField(
        label=_("تفکیک‌ها (هر سطر: «جنس: زن، مرد»)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = TextField(
        label=_("توضیح"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    DEFINITION = (
        "kind", "direction", "unit", "numerator_label", "denominator_label", "population_denominator",
        "entry_level", "period_type", "time_aggregation", "min_value", "max_value", "jump_percent", "grace_days",
        "note",
    )  # fmt: skip

    def __init__(
        self, *args: Any, programs: Any, organizations: Any, editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs
        self.fields["responsible"].queryset = organizations
        if editing:  # the code names the indicator in files and the API: fixed once made
            del self.fields["code"]
            del self.fields["program"]

    def clean_disaggregations(self) -> dict[str, list[str]]:
        return parse_categories(self.cleaned_data.get("disaggregations") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", _("بیشینه کمتر از کمینه است."))
        if data.get("kind") == V.Kind.NUMBER and (
            data.get("numerator_label") or data.get("denominator_label")
        ):
            self.add_error("numerator_label", _("شاخص عددی صورت و مخرج ندارد؛ نوع را درصد یا نرخ بگذارید."))
        return data

    def definition(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {k: data.get(k) for k in self.DEFINITION}
        fields["disaggregations"] = data.get("disaggregations") or {}
        fields["unit"] = fields["unit"] or ""
        fields["note"] = fields["note"] or ""
        if fields["grace_days"] is None:  # left blank: the default grace
            fields["grace_days"] = DEFAULT_GRACE_DAYS
        return fields

    @staticmethod
    def initial_for(indicator: Any) -> dict[str, Any]:
        version = indicator.current_version
        initial = {"name": indicator.name, "theme": indicator.theme, "responsible": indicator.responsible_id}
        if version is not None:
            initial.update({k: getattr(version, k) for k in IndicatorForm.DEFINITION})
            initial["disaggregations"] = categories_text(version.disaggregations)
            initial["version"] = version.pk
        return initial


class TargetForm(StyledForm):
    """A yearly target. `target` and `version` (hidden) name the target being edited and the version
    the editor read; a new target sends version 0."""

    territory = forms.ModelChoiceField(label=_("قلمرو"), queryset=None)
    year = TextField(label=_("سال (شمسی)"), max_length=8)
    value = TextField(label=_("مقدار هدف"), max_length=40)
    goal = forms.ModelChoiceField(label=_("هدف برنامه"), queryset=None, required=False)
    target = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, territories: Any, goals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories
        self.fields["goal"].queryset = goals


class CloseForm(StyledForm):
    """`version` (hidden): the version of the period's record the page showed (closures.period_version)."""

    reason = TextField(label=_("دلیل یا توضیح بستن"), max_length=300, required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
