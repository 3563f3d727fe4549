"""Who sees and runs programs and indicators: this domain's rules on the shared scope.

- Programs: every signed-in user sees national programs; territorial readers see the programs of
  their territory; an organization sees the programs it owns or has duties in. The owner's managers and
  territorial managers of the program's territory manage it (goals, targets, duties).
- Indicator definitions are open to every signed-in user; national staff (and the superuser) define
  and version them.
- Values: territorial readers read them under their territory; the indicator's reporting organization
  reads the values it entered. Entry: territorial managers of the value's territory (a county deputy
  in the county, the provincial office anywhere in the province) and members of the reporting
  organization for territories under its own.
- Approval: a county approves in the county (its deputy), a province in the province (office staff,
  governor), national staff nationally.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from peygir.organizations.access import get_scope
from peygir.organizations.models import Membership
from peygir.territory.models import Territory

from .models import Duty, Indicator, IndicatorValue, PeriodClosure, Program

Role = Membership.Role
LEVELS = ("county", "province", "national")


def programs_visible_q(user: Any) -> Q:
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    duty_programs = Duty.objects.filter(responsible_id__in=scope.org_ids).values("program_id")
    return (
        Q(level=Program.Level.NATIONAL)
        | scope.path_q("territory__path", scope.read_paths)
        | Q(owner_id__in=scope.org_ids)
        | Q(pk__in=duty_programs)
    )


def programs_visible_to(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    qs = Program.objects.all() if queryset is None else queryset
    return qs.filter(programs_visible_q(user))


def can_manage_program(user: Any, program: Program) -> bool:
    scope = get_scope(user)
    return (
        scope.is_superuser
        or program.owner_id in scope.managing_org_ids
        or scope.manages_path(program.territory.path)
        or (program.level == Program.Level.NATIONAL and Role.NATIONAL in scope.roles)
    )


def programs_managed_q(user: Any) -> Q:
    """The programs `user` manages (the condition of `can_manage_program`, as a query)."""
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    q = Q(owner_id__in=sorted(scope.managing_org_ids)) | scope.path_q("territory__path", scope.manage_paths)
    if Role.NATIONAL in scope.roles:
        q |= Q(level=Program.Level.NATIONAL)
    return q


def may_manage_some_program(user: Any) -> bool:
    """Whether the user could create or manage a program anywhere: asked before an API body is read,
    so that someone without the right learns nothing from the body's validation."""
    scope = get_scope(user)
    return bool(
        scope.is_superuser or Role.NATIONAL in scope.roles or scope.manage_paths or scope.managing_org_ids
    )


def can_create_program_in(user: Any, territory: Territory) -> bool:
    scope = get_scope(user)
    if territory.kind == Territory.Kind.COUNTRY:
        return scope.is_superuser or Role.NATIONAL in scope.roles
    return scope.manages_path(territory.path)


# ---------------------------------------------------------------- indicators


def can_define_indicators(user: Any) -> bool:
    """National staff define indicators of their own (no program) and edit any."""
    scope = get_scope(user)
    return scope.is_superuser or Role.NATIONAL in scope.roles


def can_define_indicator_for(user: Any, program: Program | None) -> bool:
    """A new indicator: national staff (with or without a program), or a program's managers for it."""
    if can_define_indicators(user):
        return True
    return program is not None and can_manage_program(user, program)


def can_edit_indicator(user: Any, indicator: Indicator) -> bool:
    """Its definition: national staff, or the managers of the program it was defined for."""
    if can_define_indicators(user):
        return True
    return indicator.program_id is not None and can_manage_program(user, indicator.program)


def may_define_some_indicator(user: Any) -> bool:
    return can_define_indicators(user) or may_manage_some_program(user)


def can_set_target(user: Any, territory: Territory) -> bool:
    """A target for a territory: its managers (national staff for the country)."""
    if territory.kind == Territory.Kind.COUNTRY:
        return can_define_indicators(user)
    return can_create_program_in(user, territory)


def indicators_visible_to(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    qs = Indicator.objects.all() if queryset is None else queryset
    return qs if get_scope(user).is_authenticated else qs.none()


def values_visible_q(user: Any) -> Q:
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    return scope.path_q("territory_path", scope.read_paths) | Q(organization_id__in=scope.org_ids)


def values_visible_to(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    qs = IndicatorValue.objects.all() if queryset is None else queryset
    return qs.filter(values_visible_q(user))


def can_read_territory(user: Any, territory: Territory) -> bool:
    scope = get_scope(user)
    return scope.reads_path(territory.path)


def can_open_territory(user: Any, territory: Territory) -> bool:
    """The entry grid and approval page of a territory: its readers, and the reporting organizations
    of an indicator for territories under their own."""
    scope = get_scope(user)
    if scope.reads_path(territory.path):
        return True
    return Indicator.objects.filter(
        responsible_id__in=scope.reporting_org_ids,
        responsible__territory__path__in=[p for p in _ancestors(territory.path)],
    ).exists()


def _ancestors(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def can_enter_values(user: Any, indicator: Indicator, territory: Territory) -> bool:
    scope = get_scope(user)
    if scope.is_superuser or scope.manages_path(territory.path):
        return True
    responsible = indicator.responsible
    return (
        responsible is not None
        and responsible.pk in scope.reporting_org_ids
        and territory.path.startswith(responsible.territory.path)
    )


def can_approve(user: Any, territory: Territory, level: str) -> bool:
    """Approve at `level` the values under `territory` (a county for "county", a province for
    "province" and for "national")."""
    scope = get_scope(user)
    if scope.is_superuser:
        return True
    if level == "national":  # national staff approve a province's values
        return territory.kind == Territory.Kind.PROVINCE and Role.NATIONAL in scope.roles
    if level == "province":
        return territory.kind == Territory.Kind.PROVINCE and any(
            territory.path.startswith(path) for path in scope.manage_paths
        )
    return territory.kind == Territory.Kind.COUNTY and scope.manages_path(territory.path)


def approval_levels(user: Any, territory: Territory) -> list[str]:
    return [level for level in LEVELS if can_approve(user, territory, level)]


# ---------------------------------------------------------------- closing periods


def closures_visible_to(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    """The closings of the provinces the user reads."""
    qs = PeriodClosure.objects.all() if queryset is None else queryset
    scope = get_scope(user)
    if scope.is_superuser:
        return qs
    if not scope.is_authenticated:
        return qs.none()
    return qs.filter(scope.path_q("territory__path", scope.read_paths))


def may_close_some_period(user: Any) -> bool:
    """Whether the user could close a period anywhere (a province's approvers manage there): asked
    before an API body is read, so that someone without the right learns nothing from its validation."""
    scope = get_scope(user)
    return bool(scope.is_superuser or scope.manage_paths)
