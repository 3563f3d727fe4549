"""Indicator definitions and their versions, and yearly targets (check, then do).

A definition is never edited in place: `indicator_new_version` writes version n + 1 and makes it
current; values entered before keep the version they were entered under (a value re-entered later
takes the current one, and its history records the change).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.text import check_text
from peygir.territory.models import Territory

from . import access
from .models import Goal, Indicator, IndicatorTarget, IndicatorVersion

VERSION_FIELDS = (
    "kind", "direction", "unit", "numerator_label", "denominator_label", "population_denominator",
    "disaggregations", "entry_level", "period_type", "time_aggregation", "min_value", "max_value",
    "jump_percent", "note",
)  # fmt: skip


def _check_definition(fields: dict[str, Any]) -> None:
    low, high = fields.get("min_value"), fields.get("max_value")
    if low is not None and high is not None and Decimal(low) > Decimal(high):
        raise ValidationError({"max_value": _("بیشینه کمتر از کمینه است.")})
    categories = fields.get("disaggregations") or {}
    if not isinstance(categories, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(c, str) for c in v)
        for k, v in categories.items()
    ):
        raise ValidationError({"disaggregations": _("تفکیک‌ها باید به شکل {«جنس»: [«زن»، «مرد»]} باشند.")})
    if fields.get("population_denominator") and fields.get("kind") != IndicatorVersion.Kind.RATE:
        raise ValidationError({"population_denominator": _("مخرج جمعیت فقط برای نرخ در هر هزار نفر است.")})


def _write_version(indicator: Indicator, number: int, user: Any, fields: dict[str, Any]) -> IndicatorVersion:
    _check_definition(fields)
    version = IndicatorVersion(indicator=indicator, number=number, created_by=user if getattr(user, "pk", None) else None,
                               **{k: v for k, v in fields.items() if k in VERSION_FIELDS})  # fmt: skip
    version.full_clean(exclude=["indicator"])
    version.save()
    indicator.current_version = version
    indicator.save(update_fields=["current_version"])
    return version


@transaction.atomic
def indicator_create(*, user: Any, code: str, name: str, theme: str, **fields: Any) -> Indicator:
    if user is not None and not access.can_define_indicators(user):
        raise NotAllowed
    code = check_text(code, field="code", required=True, limit=40)
    name = check_text(name, field="name", required=True, limit=300)
    if Indicator.objects.filter(code=code).exists():
        raise ValidationError({"code": _("شاخصی با این کد هست.")})
    indicator = Indicator.objects.create(code=code, name=name, theme=theme, responsible=fields.pop("responsible", None),
                                         document=fields.pop("document", None))  # fmt: skip
    _write_version(indicator, 1, user, fields)
    return indicator


@transaction.atomic
def indicator_new_version(*, user: Any, indicator: Indicator, **changes: Any) -> IndicatorVersion:
    """Version n + 1: the current definition with `changes`."""
    if user is not None and not access.can_define_indicators(user):
        raise NotAllowed
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    current = indicator.current_version
    fields = {k: getattr(current, k) for k in VERSION_FIELDS} if current else {}
    fields.update({k: v for k, v in changes.items() if k in VERSION_FIELDS})
    number = (indicator.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return _write_version(indicator, number, user, fields)


@transaction.atomic
def target_set(
    *,
    user: Any,
    indicator: Indicator,
    territory: Territory,
    year: int,
    value: Decimal,
    goal: Goal | None = None,
) -> IndicatorTarget:
    """Set (or change) a yearly target: who manages the territory (national staff for the country)."""
    if user is not None:
        allowed = (
            access.can_define_indicators(user)
            if territory.kind == Territory.Kind.COUNTRY
            else access.can_create_program_in(user, territory)
        )
        if not allowed:
            raise NotAllowed
    if not 1300 <= int(year) <= 1500:
        raise ValidationError({"year": _("سال شمسی نامعتبر است.")})
    target, _created = IndicatorTarget.objects.update_or_create(
        indicator=indicator, territory=territory, year=year, defaults={"value": value, "goal": goal}
    )
    return target
