"""The weights in force for a territory, and the office's service that sets a new version of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.text import check_text
from peygir.organizations.access import get_scope
from peygir.territory.models import Territory

from .models import DEFAULT_OVERDUE_CAP_DAYS, DEFAULT_WEIGHTS, MEASURE_KEYS, WeightSet

MAX_WEIGHT = 100
MAX_CAP_DAYS = 365


@dataclass(frozen=True)
class Weights:
    """The weights a scorecard was computed with; `version` 0 is the built-in default."""

    values: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    overdue_cap_days: int = DEFAULT_OVERDUE_CAP_DAYS
    version: int = 0
    id: int | None = None
    territory_name: str = ""
    created_at: dt.datetime | None = None
    note: str = ""

    @property
    def is_default(self) -> bool:
        return self.id is None

    @classmethod
    def of(cls, row: WeightSet, territory_name: str = "") -> Weights:
        return cls(
            values=row.weights(),
            overdue_cap_days=row.overdue_cap_days,
            version=row.version,
            id=row.pk,
            territory_name=territory_name,
            created_at=row.created_at,
            note=row.note,
        )


def _owner_ids(territory: Territory, *, national: bool) -> list[int]:
    """Whose weights apply: the province's (its office's), then the country's; the country's alone for
    a national comparison, so that every province is scored with the same weights."""
    ids = territory.ancestor_ids()
    if national or len(ids) < 2:
        return ids[:1]
    return [ids[1], ids[0]]


def weights_for(territory: Territory, *, national: bool = False, weights_id: int | None = None) -> Weights:
    """The latest version set for the territory's province, else for the country, else the default;
    `weights_id` recomputes with an earlier version of those (to reproduce an old scorecard)."""
    owners = _owner_ids(territory, national=national)
    qs = WeightSet.objects.filter(territory_id__in=owners).select_related("territory")
    if weights_id is not None:
        row = qs.filter(pk=weights_id).first()
        if row is not None:
            return Weights.of(row, row.territory.name_fa)
    rows = list(qs.order_by("-version")[:20])  # the latest few of each owner are enough to choose
    for owner in owners:
        row = next((r for r in rows if r.territory_id == owner), None)
        if row is not None:
            return Weights.of(row, row.territory.name_fa)
    return Weights()


def weight_history(territory: Territory) -> list[WeightSet]:
    return list(
        WeightSet.objects.filter(territory=territory).select_related("created_by").order_by("-version")
    )


# ---------------------------------------------------------------- setting weights


def can_set_weights(user: Any, territory: Territory) -> bool:
    """A province's weights: who manages the whole province (its office, the governor). The country's:
    only an administrator (the national organization reads, it does not manage)."""
    scope = get_scope(user)
    if territory.kind == Territory.Kind.COUNTRY:
        return scope.is_superuser
    return territory.kind == Territory.Kind.PROVINCE and scope.manages_path(territory.path)


def check_weights_set(
    *, user: Any, territory: Territory, values: dict[str, Any], overdue_cap_days: Any
) -> None:
    if not can_set_weights(user, territory):
        raise NotAllowed
    errors: dict[str, str] = {}
    for key in MEASURE_KEYS:
        value = values.get(key)
        if not isinstance(value, int) or not 0 <= value <= MAX_WEIGHT:
            errors[key] = _("وزن باید عددی از ۰ تا ۱۰۰ باشد.")
    if not errors and sum(values[k] for k in MEASURE_KEYS) == 0:
        errors["on_time"] = _("دست‌کم یکی از وزن‌ها باید بیش از صفر باشد.")
    if not isinstance(overdue_cap_days, int) or not 1 <= overdue_cap_days <= MAX_CAP_DAYS:
        errors["overdue_cap_days"] = _("سقف روزهای تأخیر باید عددی از ۱ تا ۳۶۵ باشد.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_weights_set(
    *, user: Any, territory: Territory, values: dict[str, int], overdue_cap_days: int, note: str = ""
) -> WeightSet:
    # Lock the territory row so that two offices' staff saving at once get versions n and n+1.
    Territory.objects.select_for_update().filter(pk=territory.pk).first()
    last = WeightSet.objects.filter(territory=territory).aggregate(v=Max("version"))["v"] or 0
    row = WeightSet(
        territory=territory,
        version=last + 1,
        overdue_cap_days=overdue_cap_days,
        note=note,
        created_by=user if getattr(user, "pk", None) else None,
        **{f"w_{k}": values[k] for k in MEASURE_KEYS},
    )
    row.full_clean()
    row.save()
    return row


def weights_set(
    *, user: Any, territory: Territory, values: dict[str, Any], overdue_cap_days: Any, note: str = ""
) -> WeightSet:
    """A new version of the territory's weights (the earlier ones stay, for old scorecards)."""
    check_weights_set(user=user, territory=territory, values=values, overdue_cap_days=overdue_cap_days)
    if note:
        note = check_text(note, field="note", limit=500)
    return do_weights_set(
        user=user, territory=territory, values=values, overdue_cap_days=overdue_cap_days, note=note
    )
