"""Reads for facilitation offices, vulnerable households and empowerment activities.

Offices are visible to their own members and to territorial readers over them. Households are not:
only the office and the provincial office's authorized staff see them (access.can_see_personal_data),
and reading them — a page of the list or one record — writes SensitiveAccessLog, one row per household
shown, in one INSERT. Everyone else gets the same 404 as for a missing office.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Min, QuerySet, Sum
from django.http import Http404

from peygir.organizations import access
from peygir.organizations.models import Membership
from peygir.territory.models import Territory

from . import access as office_access
from .models import EmpowermentActivity, FacilitationOffice, SensitiveAccessLog, VulnerableHousehold


def office_base_queryset() -> QuerySet[FacilitationOffice]:
    return FacilitationOffice.objects.select_related(
        "organization__territory", "organization__supervisor", "operator"
    )


def office_detail(*, user: Any, pk: Any) -> FacilitationOffice:
    """One office, or 404 for missing and not-visible alike."""
    qs = office_base_queryset().filter(office_access.offices_visible_q(user))
    return access.get_for_user(qs, pk)


def office_for_households(*, user: Any, pk: Any) -> FacilitationOffice:
    """The office, only for those who may see its households; 404 for everyone else, including
    territorial readers (a governor, an inspector) who may see the office itself."""
    office = access.get_for_user(office_base_queryset(), pk)
    if not office_access.can_see_households(user, office):
        raise Http404
    return office


def office_staff(office: FacilitationOffice) -> list[Membership]:
    """The office's people (facilitators first); names and roles only."""
    return list(
        Membership.objects.filter(organization_id=office.organization_id, is_active=True)
        .select_related("user")
        .order_by("role", "user__last_name", "pk")
    )


# ---------------------------------------------------------------- households


def _log_reads(user: Any, households: list[VulnerableHousehold], detail: str) -> None:
    SensitiveAccessLog.objects.bulk_create(
        [
            SensitiveAccessLog(user=user, kind=SensitiveAccessLog.Kind.READ, household=h, detail=detail)
            for h in households
        ]
    )


def household_list(
    *,
    user: Any,
    office: FacilitationOffice,
    page: Any = 1,
    per_page: int = 25,
    active_only: bool = True,
) -> Page:
    """One page of the office's households; the households shown are logged as read (one INSERT)."""
    if not office_access.can_see_households(user, office):
        raise Http404
    qs = VulnerableHousehold.objects.filter(office=office).select_related("neighbourhood")
    if active_only:
        qs = qs.filter(is_active=True)
    result = Paginator(qs.order_by("reference", "pk"), per_page).get_page(page)
    rows = list(result.object_list)
    result.object_list = rows
    if rows:
        _log_reads(user, rows, f"list page {result.number}")
    return result


def household_detail(*, user: Any, pk: Any) -> VulnerableHousehold:
    """One household for those allowed, logged as read; 404 (and nothing logged) for anyone else."""
    try:
        household = VulnerableHousehold.objects.select_related(
            "office__organization__territory", "neighbourhood", "created_by"
        ).get(pk=int(str(pk)))
    except (ValueError, TypeError, VulnerableHousehold.DoesNotExist) as exc:
        raise Http404 from exc
    if not office_access.can_see_households(user, household.office):
        raise Http404
    _log_reads(user, [household], "detail")
    return household


def sensitive_access_log(*, user: Any) -> QuerySet[SensitiveAccessLog]:
    """The log of reads and changes of personal data, for the provincial office's authorized staff
    (over their territory). Facilitators do not audit themselves: 404 for them and everyone else."""
    scope = access.get_scope(user)
    if not scope.is_superuser and not scope.personal_data_paths:
        raise Http404
    qs = SensitiveAccessLog.objects.select_related("user", "household__office__organization", "demand")
    if not scope.is_superuser:
        qs = qs.filter(
            scope.path_q("household__office__organization__territory__path", scope.personal_data_paths)
            | scope.path_q("demand__neighbourhood__path", scope.personal_data_paths)
        )
    return qs.order_by("-created_at", "-id")


# ---------------------------------------------------------------- activities


def activity_list(
    *,
    user: Any,
    office: FacilitationOffice | None = None,
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
) -> QuerySet[EmpowermentActivity]:
    """Activities of the offices the user may see (not personal data: counts, not names)."""
    qs = EmpowermentActivity.objects.filter(
        office__in=FacilitationOffice.objects.filter(office_access.offices_visible_q(user)).values("pk")
    ).select_related("office__organization", "partner")
    if office is not None:
        qs = qs.filter(office=office)
    if period_from:
        qs = qs.filter(held_on__gte=period_from)
    if period_to:
        qs = qs.filter(held_on__lte=period_to)
    return qs.order_by("-held_on", "-id")


@dataclass(frozen=True)
class ActivityTotals:
    office_id: int | None
    office_name: str
    activities: int
    participants: int
    women_participants: int


def activity_totals(
    *,
    user: Any,
    office: FacilitationOffice | None = None,
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
) -> tuple[list[ActivityTotals], ActivityTotals]:
    """Per office and in total, for a period: how many activities, participants and women (one query)."""
    rows = [
        ActivityTotals(
            office_id=row["office_id"],
            office_name=row["office__organization__name"],
            activities=row["n"],
            participants=row["p"] or 0,
            women_participants=row["w"] or 0,
        )
        for row in activity_list(user=user, office=office, period_from=period_from, period_to=period_to)
        .order_by()
        .values("office_id", "office__organization__name")
        .annotate(n=Count("id"), p=Sum("participants"), w=Sum("women_participants"))
        .order_by("office__organization__name")
    ]
    total = ActivityTotals(
        office_id=None,
        office_name="",
        activities=sum(r.activities for r in rows),
        participants=sum(r.participants for r in rows),
        women_participants=sum(r.women_participants for r in rows),
    )
    return rows, total


@dataclass(frozen=True)
class ProvinceOffices:
    """A province's offices in one line of the offices list: how many, their budget, when they opened."""

    province: Territory
    offices: int
    budget_rials: int
    first_opened: dt.date | None
    last_opened: dt.date | None


def office_totals_by_province(*, user: Any) -> list[ProvinceOffices]:
    """Totals of the offices the user may see, per province, in two queries whatever their number:
    one aggregate per territory the offices sit in, folded into provinces by path, and the provinces."""
    rows = (
        FacilitationOffice.objects.filter(office_access.offices_visible_q(user))
        .values("organization__territory__path")
        .annotate(n=Count("id"), budget=Sum("budget_rials"), first=Min("opened_on"), last=Max("opened_on"))
        .order_by()
    )
    folded: dict[int, dict[str, Any]] = {}
    for row in rows:
        parts = [int(p) for p in row["organization__territory__path"].strip("/").split("/") if p]
        if len(parts) < 2:  # an office placed on the country itself: no province to count it under
            continue
        total = folded.setdefault(parts[1], {"n": 0, "budget": 0, "first": None, "last": None})
        total["n"] += row["n"]
        total["budget"] += row["budget"] or 0
        if row["first"] and (total["first"] is None or row["first"] < total["first"]):
            total["first"] = row["first"]
        if row["last"] and (total["last"] is None or row["last"] > total["last"]):
            total["last"] = row["last"]
    provinces = Territory.objects.in_bulk(list(folded))
    return sorted(
        (
            ProvinceOffices(provinces[pk], t["n"], t["budget"], t["first"], t["last"])
            for pk, t in folded.items()
            if pk in provinces
        ),
        key=lambda p: p.province.name_fa,
    )
