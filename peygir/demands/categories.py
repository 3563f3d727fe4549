"""The category tree the office edits, and the routing rules that map (category, territory) → agency."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.text import clean_input
from peygir.organizations import access
from peygir.organizations.models import Membership, Organization

from .models import DemandCategory, RoutingRule

Role = Membership.Role

# (code, Persian name, service level in working days, order)
DEFAULT_CATEGORIES: tuple[tuple[str, str, int, int], ...] = (
    ("education", "آموزش و پرورش", 20, 1),
    ("health", "بهداشت و درمان", 10, 2),
    ("construction", "عمران و زیرساخت", 30, 3),
    ("welfare", "رفاه و حمایت اجتماعی", 15, 4),
    ("employment", "اشتغال و مهارت‌آموزی", 20, 5),
    ("culture-sport", "فرهنگ و ورزش", 20, 6),
    ("environment", "محیط زیست", 15, 7),
)


def ensure_default_categories() -> list[DemandCategory]:
    """The default tree of categories (idempotent by code; names an office changed are kept)."""
    result = []
    for code, name, days, order in DEFAULT_CATEGORIES:
        category, _created = DemandCategory.objects.get_or_create(
            code=code, defaults={"name": name, "service_level_days": days, "order": order}
        )
        result.append(category)
    return result


def can_manage_categories(user: Any) -> bool:
    """The tree is shared by every office: provincial office staff and heads, and the national
    organization's administrator (its head). National staff only read it."""
    scope = access.get_scope(user)
    if scope.is_superuser or access.is_national_administrator(user):
        return True
    return any(
        m.role == Role.OFFICE_STAFF
        or (m.role == Role.HEAD and m.organization.kind == Organization.Kind.SOCIAL_OFFICE)
        for m in scope.memberships
    )


def can_manage_rule(user: Any, territory: Any) -> bool:
    """A rule for a territory: its managers; a rule for everywhere: the national organization's
    administrator (its head) — national staff are read-only (issue 14)."""
    scope = access.get_scope(user)
    if scope.is_superuser:
        return True
    if territory is None:
        return access.is_national_administrator(user)
    return can_manage_categories(user) and scope.manages_path(territory.path)


def can_manage_some_rule(user: Any) -> bool:
    """May the user write routing rules anywhere at all (asked before a request's body is read)."""
    return can_manage_rule(user, None) or can_manage_categories(user)


def _category_fields(name: str, service_level_days: Any, code: str | None) -> tuple[str, int, str]:
    name = clean_input(name)
    if not name:
        raise ValidationError({"name": _("نام دسته را بنویسید.")})
    try:
        days = int(service_level_days)
    except (TypeError, ValueError):
        days = -1
    if not 1 <= days <= 365:
        raise ValidationError({"service_level_days": _("مهلت رسیدگی باید بین ۱ تا ۳۶۵ روز کاری باشد.")})
    code = slugify(clean_input(code or ""), allow_unicode=False)[:60]
    return name, days, code


@transaction.atomic
def category_create(
    *,
    user: Any,
    name: str,
    service_level_days: int = 10,
    parent: DemandCategory | None = None,
    code: str = "",
    description: str = "",
    order: int = 0,
) -> DemandCategory:
    if not can_manage_categories(user):
        raise NotAllowed
    name, days, code = _category_fields(name, service_level_days, code)
    if not code:
        code = f"c{DemandCategory.objects.count() + 1}"
        while DemandCategory.objects.filter(code=code).exists():
            code += "x"
    if DemandCategory.objects.filter(code=code).exists():
        raise ValidationError({"code": _("این کد پیش‌تر برای دسته دیگری به کار رفته است.")})
    return DemandCategory.objects.create(
        name=name,
        parent=parent,
        code=code,
        service_level_days=days,
        description=clean_input(description),
        order=order,
    )


@transaction.atomic
def category_update(
    *,
    user: Any,
    category: DemandCategory,
    name: str | None = None,
    service_level_days: int | None = None,
    parent: Any = ...,
    description: str | None = None,
    is_active: bool | None = None,
    order: int | None = None,
) -> DemandCategory:
    """Change what is given; a parent may not be the category itself or one of its descendants."""
    if not can_manage_categories(user):
        raise NotAllowed
    category = DemandCategory.objects.select_for_update().get(pk=category.pk)
    new_name, days, _code = _category_fields(
        category.name if name is None else name,
        category.service_level_days if service_level_days is None else service_level_days,
        category.code,
    )
    category.name, category.service_level_days = new_name, days
    if parent is not ...:
        node = parent
        while node is not None:
            if node.pk == category.pk:
                raise ValidationError({"parent": _("دسته نمی‌تواند زیرمجموعه خودش باشد.")})
            node = node.parent
        category.parent = parent
    if description is not None:
        category.description = clean_input(description)
    if is_active is not None:
        category.is_active = is_active
    if order is not None:
        category.order = order
    category.save()
    return category


def _check_rule(category: Any, territory: Any, agency: Organization, exclude: int | None = None) -> None:
    if not agency.is_active or agency.kind in (
        Organization.Kind.GROUP,
        Organization.Kind.FACILITATION_OFFICE,
    ):
        raise ValidationError({"agency": _("دستگاه انتخاب‌شده نمی‌تواند مسئول رسیدگی به مطالبات باشد.")})
    clash = RoutingRule.objects.filter(category=category, territory=territory)
    if exclude:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise ValidationError({"territory": _("برای این دسته و این قلمرو پیش‌تر قاعده‌ای ثبت شده است.")})


@transaction.atomic
def routing_rule_create(
    *, user: Any, category: DemandCategory, agency: Organization, territory: Any = None
) -> RoutingRule:
    if not can_manage_rule(user, territory):
        raise NotAllowed
    _check_rule(category, territory, agency)
    return RoutingRule.objects.create(category=category, territory=territory, agency=agency)


@transaction.atomic
def routing_rule_update(
    *,
    user: Any,
    rule: RoutingRule,
    agency: Organization | None = None,
    category: DemandCategory | None = None,
    territory: Any = ...,
    is_active: bool | None = None,
) -> RoutingRule:
    rule = RoutingRule.objects.select_for_update(of=("self",)).select_related("territory").get(pk=rule.pk)
    new_territory = rule.territory if territory is ... else territory
    if not can_manage_rule(user, rule.territory) or not can_manage_rule(user, new_territory):
        raise NotAllowed
    rule.agency = agency or rule.agency
    rule.category = category or rule.category
    rule.territory = new_territory
    _check_rule(rule.category, rule.territory, rule.agency, exclude=rule.pk)
    if is_active is not None:
        rule.is_active = is_active
    rule.save()
    return rule


@transaction.atomic
def routing_rule_delete(*, user: Any, rule: RoutingRule) -> None:
    """Routes that used the rule keep their history (DemandRoute.rule becomes empty)."""
    if not can_manage_rule(user, rule.territory):
        raise NotAllowed
    rule.delete()
