"""Routing: the most specific rule names the agency; a routed demand becomes an action in its inbox.

Most specific = the rule whose territory is the deepest ancestor-or-self of the demand's
neighbourhood (a rule without territory is the least specific), ties broken by the deepest category
(a rule on a category's ancestor applies to its children). No rule → the office's triage queue.
Every route — automatic, chosen from triage, re-routed, sent back by the agency — is a DemandRoute
row, so a wrong routing stays visible.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.actions.services import do_action_cancel, do_action_create
from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.jalali import today as local_today
from peygir.core.text import clean_input, to_persian_digits
from peygir.core.workdays import WorkingCalendar
from peygir.organizations.models import Organization

from . import access as demand_access
from .events import check_version, lock_demand, record, save_demand, set_status
from .models import Demand, DemandCategory, DemandEvent, DemandRoute, RoutingRule

EK = DemandEvent.Kind

Status = Demand.Status
ROUTABLE = (Status.ROUTED, Status.PLANNED, Status.DONE)


def _category_chain(category: DemandCategory) -> list[int]:
    """The category and its ancestors, the category itself first (the tree is small and shallow)."""
    parents = dict(DemandCategory.objects.values_list("pk", "parent_id"))
    chain, node = [], category.pk
    while node is not None and node not in chain:
        chain.append(node)
        node = parents.get(node)
    return chain


def resolve_rule(*, category: DemandCategory, neighbourhood: Any) -> RoutingRule | None:
    """The most specific active rule for this category in this place, or None (→ triage)."""
    chain = _category_chain(category)
    territory_ids = neighbourhood.ancestor_ids()
    rules = list(
        RoutingRule.objects.filter(is_active=True, agency__is_active=True, category_id__in=chain)
        .filter(Q(territory__isnull=True) | Q(territory_id__in=territory_ids))
        .select_related("territory", "agency", "category")
    )
    if not rules:
        return None

    def specificity(rule: RoutingRule) -> tuple[int, int]:
        depth = territory_ids.index(rule.territory_id) if rule.territory_id else -1
        return depth, -chain.index(rule.category_id)

    return max(rules, key=specificity)


def _deepest_org(neighbourhood: Any, kind: str) -> Organization | None:
    ids = neighbourhood.ancestor_ids()
    orgs = list(
        Organization.objects.filter(kind=kind, is_active=True, territory_id__in=ids).select_related(
            "territory"
        )
    )
    if not orgs:
        return None
    return max(orgs, key=lambda org: (ids.index(org.territory_id), -org.pk))


def county_governorate_for(neighbourhood: Any) -> Organization | None:
    """The escalation's supervising level for a demand: the county governorate of its county."""
    return _deepest_org(neighbourhood, Organization.Kind.COUNTY_GOVERNORATE)


def provincial_office_for(neighbourhood: Any) -> Organization | None:
    return _deepest_org(neighbourhood, Organization.Kind.SOCIAL_OFFICE)


def issuer_for(demand: Demand) -> Organization:
    """The office that registered the demand issues its action (and verifies it); an online demand no
    office took is issued by the provincial social office."""
    if demand.office_id is not None:
        return demand.office.organization
    office = provincial_office_for(demand.neighbourhood)
    if office is None:
        raise ValidationError({"office": _("برای این محله دفتر امور اجتماعی استان ثبت نشده است.")})
    return office


def service_deadline(category: DemandCategory, start: dt.date | None = None) -> dt.date:
    """The category's service level in working days (weekend, official holidays, corrections)."""
    return WorkingCalendar().add_working_days(start or local_today(), category.service_level_days)


def _action_description(demand: Demand) -> str:
    """What the agency reads: the demand without the citizen (personal data stays with the office)."""
    lines = [
        _("مطالبه مردمی با کد رهگیری %(code)s") % {"code": demand.tracking_code},
        _("دسته: %(category)s") % {"category": demand.category.name},
        _("محله: %(place)s") % {"place": demand.neighbourhood.name_fa},
    ]
    if demand.on_behalf_of_group:
        lines.append(_("از طرف جمعی از ساکنان"))
    if demand.supporters_count > 1:
        lines.append(_("تعداد درخواست‌کنندگان: %(n)s") % {"n": to_persian_digits(demand.supporters_count)})
    return "\n".join(lines) + "\n\n" + demand.description


def route_to(
    demand: Demand, agency: Organization, *, user: Any, rule: RoutingRule | None = None, reason: str = ""
) -> Demand:
    """Inside a transaction, on a locked demand with no live action: create the action and the route."""
    if not agency.is_active:
        raise ValidationError({"agency": _("دستگاه انتخاب‌شده غیرفعال است.")})
    if agency.kind in (Organization.Kind.GROUP, Organization.Kind.FACILITATION_OFFICE):
        raise ValidationError({"agency": _("دستگاه انتخاب‌شده نمی‌تواند مسئول رسیدگی به مطالبات باشد.")})
    deadline = service_deadline(demand.category)
    # The caller authorized (it handles the demand, or the rules route it at intake).
    action = do_action_create(
        title=demand.title,
        description=_action_description(demand),
        responsible=agency,
        issuer=issuer_for(demand),
        deadline=deadline,
        deadline_text=_("%(n)s روز کاری") % {"n": to_persian_digits(demand.category.service_level_days)},
        source=demand,
        supervisor=county_governorate_for(demand.neighbourhood),
        created_by=user if getattr(user, "pk", None) else None,
    )
    DemandRoute.objects.create(
        demand=demand, agency=agency, rule=rule, action=action, reason=reason, routed_by=_user(user)
    )
    demand.agency = agency
    demand.current_action = action
    demand.expected_on = deadline
    demand.proposed_date = None
    demand.routed_at = timezone.now()
    set_status(
        demand,
        Status.ROUTED,
        actor=user,
        kind=EK.ROUTED,
        fields=("agency", "current_action", "expected_on", "proposed_date", "routed_at"),
        data={"agency": agency.pk, "rule": rule.pk if rule else None, "action": action.pk, "reason": reason},
    )
    return demand


def _user(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


def detach_action(demand: Demand, *, user: Any, reason: str) -> None:
    """Cancel the demand's live action (its agency is no longer in charge); the demand is changed by
    the caller, so the action's cancel does not echo back through sync."""
    action = demand.current_action
    demand.current_action = None
    save_demand(demand, "current_action")
    if action is not None and not action.is_closed:
        do_action_cancel(action=action, user=user, reason=reason)


def demand_route(*, demand: Demand, user: Any = None, expected_version: int | None = None) -> Demand:
    """Route by the rules (intake, confirmation of an online demand, a rule added since); no rule
    leaves it in triage. With a `user`, only someone who handles the demand may ask."""
    if user is not None and not demand_access.can_handle_demand(user, demand):
        raise NotAllowed
    with transaction.atomic():
        demand = lock_demand(demand)
        check_version(demand, expected_version)
        if demand.status != Status.TRIAGE or demand.current_action_id:
            return demand
        rule = resolve_rule(category=demand.category, neighbourhood=demand.neighbourhood)
        if rule is None:
            record(demand, EK.TRIAGE, actor=user, data={"reason": "no_rule"})
            return demand
        return route_to(demand, rule.agency, user=user, rule=rule)


def _reason(reason: str, *, required: bool = True) -> str:
    reason = clean_input(reason)
    if required and not reason:
        raise ValidationError({"reason": _("دلیل را بنویسید.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("متن بیش از ۲۰۰۰ نویسه است.")})
    return reason


def demand_reroute(
    *, user: Any, demand: Demand, agency: Organization, reason: str, expected_version: int | None = None
) -> Demand:
    """The office sends a routed demand to another agency: the old action is cancelled with the reason."""
    if not demand_access.can_handle_demand(user, demand):
        raise NotAllowed
    reason = _reason(reason)
    with transaction.atomic():
        demand = lock_demand(demand)
        check_version(demand, expected_version)
        if demand.status not in ROUTABLE:
            raise ValidationError({"status": _("تنها مطالبه ارجاع‌شده را می‌توان دوباره ارجاع داد.")})
        if demand.agency_id == agency.pk:
            raise ValidationError({"agency": _("مطالبه هم‌اکنون به همین دستگاه ارجاع شده است.")})
        detach_action(demand, user=user, reason=reason)
        return route_to(demand, agency, user=user, reason=reason)


def demand_assign_from_triage(
    *, user: Any, demand: Demand, agency: Organization, reason: str = "", expected_version: int | None = None
) -> Demand:
    """The office chooses the agency for a demand no rule covered (or that came back)."""
    if not demand_access.can_handle_demand(user, demand):
        raise NotAllowed
    reason = _reason(reason, required=False)
    with transaction.atomic():
        demand = lock_demand(demand)
        check_version(demand, expected_version)
        if demand.status != Status.TRIAGE:
            raise ValidationError({"status": _("این مطالبه در صف تعیین مسئول نیست.")})
        return route_to(demand, agency, user=user, reason=reason)
