"""Indicator definitions and their versions, and yearly targets (check, then do).

A definition with values is never edited in place: `indicator_new_version` writes version n + 1 and
makes it current; values entered before keep the version they were entered under (a value re-entered
later takes the current one, and its history records the change). Before any value exists the page's
edit (`indicator_edit`) corrects the current version itself. Targets carry a version for concurrent
edits (`target_set(expected_version=…)`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import ConflictError, NotAllowed, ValidationError
from peygir.core.text import check_text, to_persian_digits
from peygir.core.versioning import check_version, save_versioned
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from . import access
from .models import Goal, Indicator, IndicatorTarget, IndicatorVersion, Program, Theme
from .reporting import resync_due_dates
from .values import parse_number, plain

VERSION_FIELDS = (
    "kind", "direction", "unit", "numerator_label", "denominator_label", "population_denominator",
    "disaggregations", "entry_level", "period_type", "time_aggregation", "min_value", "max_value",
    "jump_percent", "grace_days", "note",
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


def _check_identity(name: str, theme: str) -> tuple[str, str]:
    name = check_text(name, field="name", required=True, limit=300)
    if theme not in Theme.values:
        raise ValidationError({"theme": _("حوزهٔ شاخص نامعتبر است.")})
    return name, theme


@transaction.atomic
def indicator_create(
    *, user: Any, code: str, name: str, theme: str, program: Program | None = None, **fields: Any
) -> Indicator:
    """A new indicator and its first version: national staff, or a program's managers for it."""
    if user is not None and not access.can_define_indicator_for(user, program):
        raise NotAllowed
    code = check_text(code, field="code", required=True, limit=40)
    name, theme = _check_identity(name, theme)
    if Indicator.objects.filter(code=code).exists():
        raise ValidationError({"code": _("شاخصی با این کد هست.")})
    indicator = Indicator.objects.create(code=code, name=name, theme=theme, responsible=fields.pop("responsible", None),
                                         document=fields.pop("document", None), program=program)  # fmt: skip
    _write_version(indicator, 1, user, fields)
    return indicator


@transaction.atomic
def indicator_edit(
    *,
    user: Any,
    indicator: Indicator,
    expected_version: int | None,
    name: str,
    theme: str,
    responsible: Organization | None = None,
    **definition: Any,
) -> IndicatorVersion:
    """Edit a definition from its page. While no value has been entered under the current version
    it is corrected in place (nobody has reported against it yet); once values exist the change is a
    new version (n + 1) and the values keep theirs. `expected_version` is the id of the version the
    editor read: another editor's change in between is refused, not overwritten."""
    if user is not None and not access.can_edit_indicator(user, indicator):
        raise NotAllowed
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if expected_version is not None and indicator.current_version_id != expected_version:
        raise ConflictError(
            _("تعریف این شاخص در این فاصله به‌دست کاربر دیگری تغییر کرده است؛ صفحه را دوباره باز کنید.")
        )
    name, theme = _check_identity(name, theme)
    indicator.name, indicator.theme, indicator.responsible = name, theme, responsible
    indicator.save(update_fields=["name", "theme", "responsible"])
    current = indicator.current_version
    changes = {k: v for k, v in definition.items() if k in VERSION_FIELDS}
    # A new deadline needs the day it was set (reporting.Deadlines): with values reported, never in place.
    moves_deadline = (
        current is not None and "grace_days" in changes and changes["grace_days"] != current.grace_days
    )
    if current is None or current.values.exists() or (moves_deadline and indicator.values.exists()):
        return _new_version(user, indicator, changes)
    fields = {k: getattr(current, k) for k in VERSION_FIELDS}
    fields.update(changes)
    _check_definition(fields)
    for key, value in fields.items():
        setattr(current, key, value)
    current.full_clean(exclude=["indicator"])
    current.save()
    return current


@transaction.atomic
def indicator_new_version(*, user: Any, indicator: Indicator, **changes: Any) -> IndicatorVersion:
    """Version n + 1: the current definition with `changes`."""
    if user is not None and not access.can_edit_indicator(user, indicator):
        raise NotAllowed
    return _new_version(user, indicator, changes)


def _new_version(user: Any, indicator: Indicator, changes: dict[str, Any]) -> IndicatorVersion:
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    current = indicator.current_version
    fields = {k: getattr(current, k) for k in VERSION_FIELDS} if current else {}
    fields.update({k: v for k, v in changes.items() if k in VERSION_FIELDS})
    number = (indicator.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = _write_version(indicator, number, user, fields)
    # A deadline still running moves with the definition, for the values already in (one date per period).
    resync_due_dates(indicator, timezone.localdate(version.created_at))
    return version


# The territory kinds a target may be set for, by the definition's entry level (at it or above).
TARGET_KINDS = {
    "county": (Territory.Kind.COUNTRY, Territory.Kind.PROVINCE, Territory.Kind.COUNTY),
    "province": (Territory.Kind.COUNTRY, Territory.Kind.PROVINCE),
}
NEW = 0  # `expected_version` of a target the writer believes does not exist yet


def check_target(
    indicator: Indicator, territory: Territory, year: Any, value: Any, goal: Goal | None
) -> tuple[int, Decimal]:
    """(year, value) checked: a Jalali year, a number in any digits inside the definition's range, a
    territory at or above the entry level, and a goal's program running that year."""
    try:
        year = int(parse_number(year) or 0)
    except (ValueError, TypeError):
        year = 0
    if not 1300 <= year <= 1500:
        raise ValidationError({"year": _("سال شمسی نامعتبر است.")})
    try:
        number = parse_number(value)
    except ValueError:
        number = None
        raise ValidationError({"value": _("«%(text)s» عدد نیست.") % {"text": value}}) from None
    if number is None:
        raise ValidationError({"value": _("مقدار هدف را بنویسید.")})
    if abs(number) >= Decimal("1e16"):
        raise ValidationError({"value": _("عدد هدف بیش از اندازه بزرگ است.")})
    version = indicator.current_version
    if version is not None:
        if version.min_value is not None and number < version.min_value:
            raise ValidationError(
                {"value": _("هدف کمتر از کمینهٔ مجاز شاخص (%(min)s) است.") % {"min": to_persian_digits(plain(version.min_value))}}
            )  # fmt: skip
        if version.max_value is not None and number > version.max_value:
            raise ValidationError(
                {"value": _("هدف بیشتر از بیشینهٔ مجاز شاخص (%(max)s) است.") % {"max": to_persian_digits(plain(version.max_value))}}
            )  # fmt: skip
        if territory.kind not in TARGET_KINDS.get(version.entry_level, ()):
            raise ValidationError(
                {
                    "territory": _(
                        "هدف این شاخص برای کشور، استان یا شهرستان (در سطح ورود یا بالاتر) تعیین می‌شود."
                    )
                }
            )
    if goal is not None and not goal.program.start_year <= year <= goal.program.end_year:
        raise ValidationError({"year": _("سال هدف بیرون از سال‌های برنامهٔ این هدف است.")})
    return year, number


@transaction.atomic
def target_set(
    *,
    user: Any,
    indicator: Indicator,
    territory: Territory,
    year: Any,
    value: Any,
    goal: Goal | None = None,
    expected_version: int | None = None,
) -> IndicatorTarget:
    """Set (or change) a yearly target: who manages the territory (national staff for the country).

    `expected_version`: None sets whatever is there (the API's default); NEW (0) refuses when a target
    already exists (a page's "new target" form); n refuses unless the target is still at version n."""
    if user is not None and not access.can_set_target(user, territory):
        raise NotAllowed
    year, number = check_target(indicator, territory, year, value, goal)
    actor = user if getattr(user, "pk", None) else None
    existing = (
        IndicatorTarget.objects.select_for_update()
        .filter(indicator=indicator, territory=territory, year=year)
        .first()
    )
    if existing is None:
        if expected_version not in (None, NEW):
            raise ConflictError(_("این هدف در این فاصله حذف یا جابه‌جا شده است؛ صفحه را دوباره باز کنید."))
        return IndicatorTarget.objects.create(
            indicator=indicator, territory=territory, year=year, value=number, goal=goal, updated_by=actor
        )
    if expected_version == NEW:
        raise ConflictError(
            _("هدف سال %(year)s برای %(name)s پیش‌تر ثبت شده است؛ همان را ویرایش کنید.")
            % {"year": to_persian_digits(year), "name": territory.name_fa}
        )
    check_version(existing, expected_version)
    existing.value, existing.goal, existing.updated_by = number, goal, actor
    save_versioned(existing, "value", "goal", "updated_by")
    return existing
