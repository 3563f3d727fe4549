"""Approval of indicator values upward (county → province → national), corrections, closed periods.

A county's deputy approves the county's values of a period; the province approves once every county
of the province has; national staff approve a province's. Each approval locks the values it covers
(`values.lock_reason` says by whom and when). A correction after approval sends the value back to
draft — whoever may approve at the value's level or above does it, with a reason — and the history
keeps the approval and the return; the value then climbs the chain again. Closing a period is in
`closures.py`.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.text import check_text
from peygir.territory.models import Territory

from . import access
from .models import Indicator, IndicatorValue, PeriodClosure, ValueEvent
from .periods import Period
from .values import CORRECTION, find_closure, lock_province_values

Status = IndicatorValue.Status
EK = ValueEvent.Kind
ORDER = [Status.DRAFT, Status.COUNTY, Status.PROVINCE, Status.NATIONAL]
# The approval level → the territory kind it is given for, and the status values must have before.
LEVELS = {
    Status.COUNTY: (Territory.Kind.COUNTY, Status.DRAFT),
    Status.PROVINCE: (Territory.Kind.PROVINCE, Status.COUNTY),
    Status.NATIONAL: (Territory.Kind.PROVINCE, Status.PROVINCE),
}


def check_approve(user: Any, territory: Territory, level: str) -> None:
    if level not in LEVELS:
        raise ValidationError({"level": _("سطح تأیید نامعتبر است.")})
    if territory.kind != LEVELS[level][0]:
        raise ValidationError({"territory": _("این سطح تأیید برای این قلمرو نیست.")})
    if user is not None and not access.can_approve(user, territory, level):
        raise NotAllowed


@transaction.atomic
def values_approve(
    *, user: Any, indicators: list[Indicator], territory: Territory, period: Period, level: str
) -> int:
    """Approve at `level` every value of `indicators` for `period` under `territory`. Refuses (and
    changes nothing) when something below is missing or not yet approved at the level before."""
    check_approve(user, territory, level)
    lock_province_values([territory.path])  # one after the other with the closing of a period there
    before = LEVELS[level][1]
    covered = IndicatorValue.objects.filter(
        indicator__in=indicators,
        territory_path__startswith=territory.path,
        period_type=period.type,
        year=period.year,
        number=period.number,
    )
    values = list(covered.select_for_update(of=("self",)).select_related("indicator", "territory"))
    problems: list[str] = []
    for indicator in indicators:
        mine = [v for v in values if v.indicator_id == indicator.pk]
        if not mine:
            problems.append(
                _("«%(name)s»: برای %(period)s مقداری ثبت نشده است.")
                % {"name": indicator.name, "period": period.label}
            )
            continue
        if level != Status.COUNTY:
            reported = {v.territory_id for v in mine if not v.disaggregation}
            missing = Territory.objects.filter(
                path__startswith=territory.path, kind=indicator.current_version.entry_level, is_active=True
            ).exclude(pk__in=reported)
            names = list(missing.values_list("name_fa", flat=True)[:5])
            if names:
                problems.append(
                    _("«%(name)s»: مقدار این قلمروها ثبت نشده است: %(list)s")
                    % {"name": indicator.name, "list": "، ".join(names)}
                )
        behind = sorted({v.territory.name_fa for v in mine if ORDER.index(v.status) < ORDER.index(before)})
        if behind:
            problems.append(
                _("«%(name)s»: هنوز در سطح پایین‌تر تأیید نشده: %(list)s")
                % {"name": indicator.name, "list": "، ".join(behind[:5])}
            )
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    actor = user if getattr(user, "pk", None) else None
    to_approve = [v for v in values if v.status == before]
    # One UPDATE of the rows locked above (same condition, same transaction): bulk_update would build
    # a CASE per row, minutes for a province's thousands of values.
    covered.filter(status=before).update(status=level, approved_by=actor, approved_at=now)
    ValueEvent.objects.bulk_create(
        [ValueEvent(value=v, kind=EK.APPROVED, actor=actor, data={"level": level}) for v in to_approve]
    )
    return len(to_approve)


def can_reopen(user: Any, value: IndicatorValue, closure: PeriodClosure | None = None) -> bool:
    """Whoever may approve at the value's level or above, where it lies. A draft value is locked only
    by its closed period (`closure`): the province's approvers may open it for one correction."""
    if value.status == Status.DRAFT:
        if closure is None or CORRECTION in (value.flags or []):
            return False
        province = _ancestor(value.territory, Territory.Kind.PROVINCE)
        return province is not None and access.can_approve(user, province, Status.PROVINCE)
    scope_territory = value.territory
    for level in ORDER[ORDER.index(value.status) :]:
        kind = LEVELS[level][0]
        target = scope_territory if kind == scope_territory.kind else _ancestor(scope_territory, kind)
        if target is not None and access.can_approve(user, target, level):
            return True
    return False


def _ancestor(territory: Territory, kind: str) -> Territory | None:
    node = territory
    while node is not None and node.kind != kind:
        node = node.parent
    return node


@transaction.atomic
def value_reopen(*, user: Any, value: IndicatorValue, reason: str) -> IndicatorValue:
    """Send an approved value back to draft for correction; the history keeps who, when and why."""
    reason = check_text(reason, field="reason", required=True, limit=1000)
    lock_province_values([value.territory_path])  # the province first, then the value (as entries do)
    value = (
        IndicatorValue.objects.select_for_update(of=("self",)).select_related("territory").get(pk=value.pk)
    )
    closure = find_closure(value.territory_path, Period(value.period_type, value.year, value.number))
    if user is not None and not can_reopen(user, value, closure):
        raise NotAllowed
    if value.status == Status.DRAFT and closure is None:
        raise ValidationError(_("این مقدار قفل نیست؛ همین حالا قابل اصلاح است."))
    old = value.status
    value.status, value.approved_by, value.approved_at = Status.DRAFT, None, None
    if closure is not None:
        # In a closed period the return opens the value for one correction: the next write resets
        # the flags, and the closed period locks it again.
        value.flags = [*(value.flags or []), CORRECTION]
    value.row_version += 1
    value.save(update_fields=["status", "approved_by", "approved_at", "row_version", "flags"])
    ValueEvent.objects.create(
        value=value,
        kind=EK.REOPENED,
        actor=user if getattr(user, "pk", None) else None,
        text=reason,
        data={"from": old},
    )
    return value
