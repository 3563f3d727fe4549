"""The office's administration: each write checks `administration.access` (NotAllowed), calls the
domain's own service (which keeps its own checks), and records the change in the audit trail
(`peygir.core.audit`) in the same transaction. Directory writes (organizations, people) go through the
set-up services of `organizations`, which take no acting user: the check here is theirs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from peygir.committees import access as committee_access
from peygir.committees import services as committee_services
from peygir.committees.models import Committee, CommitteeMember
from peygir.core import audit
from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.models import CalendarOverride
from peygir.core.text import check_text, clean_input, normalize_text
from peygir.demands import categories
from peygir.demands.models import DemandCategory, RoutingRule
from peygir.facilitation import services as office_services
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations import services as org_services
from peygir.organizations.access import forget_scope
from peygir.organizations.models import Membership, Organization

from . import access

COMMITTEE_FIELDS = ["name", "kind", "territory", "secretariat", "parent", "description", "is_active"]
ORG_FIELDS = [
    "name",
    "short_name",
    "kind",
    "territory",
    "parent",
    "supervisor",
    "email",
    "phone",
    "is_active",
]
PERSON_FIELDS = ["username", "first_name", "last_name", "title", "email", "mobile", "is_active"]
CATEGORY_FIELDS = ["name", "code", "parent", "service_level_days", "description", "is_active", "order"]
RULE_FIELDS = ["category", "territory", "agency", "is_active"]
CALENDAR_FIELDS = ["date", "is_holiday", "title"]
OFFICE_FIELDS = ["opened_on", "budget_rials", "operator", "is_pilot", "neighbourhoods"]


def _created(user: Any, obj: Any, fields: list[str], note: str = "") -> None:
    audit.record_change(
        actor=user, verb=audit.CREATE, obj=obj, changes=audit.snapshot(obj, fields), note=note
    )


def _updated(user: Any, obj: Any, before: dict, fields: list[str]) -> None:
    changes = audit.diff(before, audit.snapshot(obj, fields))
    if changes:
        audit.record_change(actor=user, verb=audit.UPDATE, obj=obj, changes=changes)


# ---------------------------------------------------------------- committees


@transaction.atomic
def committee_create(*, user: Any, **fields: Any) -> Committee:
    if not access.can_manage_committees(user):
        raise NotAllowed
    committee = committee_services.committee_create(user=user, **fields)
    _created(user, committee, COMMITTEE_FIELDS)
    return committee


@transaction.atomic
def committee_update(
    *,
    user: Any,
    committee: Committee,
    name: str,
    kind: str,
    secretariat: Organization,
    parent: Committee | None,
    description: str = "",
    is_active: bool = True,
) -> Committee:
    """Change a committee; the secretariat it moves to must be one the user may manage it as."""
    committee = Committee.objects.select_for_update().select_related("territory").get(pk=committee.pk)
    if not access.can_manage_committees(user) or not committee_access.can_manage_committee(user, committee):
        raise NotAllowed
    before = audit.snapshot(committee, COMMITTEE_FIELDS)
    committee.name = check_text(name, field="name", required=True, limit=300)
    committee.name_normalized = normalize_text(committee.name)[:300]
    committee.description = check_text(description, field="description")
    if kind not in Committee.Kind.values:
        raise ValidationError({"kind": _("نوع کمیته معتبر نیست.")})
    committee.kind = kind
    if parent is not None and (parent.pk == committee.pk or parent.kind == Committee.Kind.WORKING_GROUP):
        raise ValidationError({"parent": _("شورای بالادست باید شورا یا قرارگاه دیگری باشد.")})
    if kind != Committee.Kind.WORKING_GROUP and parent is not None and parent.parent_id == committee.pk:
        raise ValidationError({"parent": _("دو کمیته نمی‌توانند بالادست یکدیگر باشند.")})
    committee.parent = parent
    committee.secretariat = secretariat
    committee.is_active = bool(is_active)
    if not committee_access.can_manage_committee(user, committee):
        raise ValidationError({"secretariat": _("این دبیرخانه در قلمرو مدیریت شما نیست.")})
    committee.full_clean()
    committee.save()
    _updated(user, committee, before, COMMITTEE_FIELDS)
    return committee


@transaction.atomic
def committee_member_add(*, user: Any, committee: Committee, **fields: Any) -> CommitteeMember:
    if not access.can_manage_committees(user):
        raise NotAllowed
    member = committee_services.committee_member_add(user=user, committee=committee, **fields)
    audit.record_change(
        actor=user,
        verb=audit.UPDATE,
        obj=committee,
        changes={"members": [None, {"organization": str(member.organization), "position": member.position}]},
        note=_("افزودن عضو"),
    )
    return member


@transaction.atomic
def committee_member_remove(*, user: Any, member: CommitteeMember) -> None:
    if not access.can_manage_committees(user):
        raise NotAllowed
    committee, label = member.committee, str(member.organization)
    committee_services.committee_member_remove(user=user, member=member)
    audit.record_change(
        actor=user,
        verb=audit.UPDATE,
        obj=committee,
        changes={"members": [{"organization": label, "position": member.position}, None]},
        note=_("حذف عضو"),
    )


# ---------------------------------------------------------------- organizations


def _check_org_place(user: Any, organization: Organization) -> None:
    if not access.can_administer_organization(user, organization):
        raise NotAllowed


@transaction.atomic
def organization_create(
    *, user: Any, territory: Any, note: str = "", members: Iterable[Organization] = (), **fields: Any
) -> Organization:
    """A new organization in the user's province; a group gets its `members` in the same step."""
    if territory is None:
        raise ValidationError({"territory": _("قلمرو سازمان را انتخاب کنید.")})
    if not access.administers_path(user, territory.path):
        raise ValidationError({"territory": _("این قلمرو در حوزه اداره شما نیست.")})
    if fields.get("kind") not in Organization.Kind.values:
        raise ValidationError({"kind": _("نوع سازمان را انتخاب کنید.")})
    name = clean_input(fields.get("name", ""))
    if (
        name
        and Organization.objects.filter(name_normalized=normalize_text(name), territory=territory).exists()
    ):
        raise ValidationError({"name": _("سازمانی با همین نام در همین قلمرو ثبت شده است.")})
    organization = org_services.organization_create(territory=territory, **fields)
    _created(user, organization, ORG_FIELDS, note=note)
    members = list(members)
    if members and organization.kind == Organization.Kind.GROUP:
        group_set_members(user=user, group=organization, members=members)
    return organization


@transaction.atomic
def organization_update(
    *, user: Any, organization: Organization, members: Iterable[Organization] | None = None, **fields: Any
) -> Organization:
    """Change an organization; a group's `members` too when given."""
    organization = (
        Organization.objects.select_for_update().select_related("territory").get(pk=organization.pk)
    )
    _check_org_place(user, organization)
    before = audit.snapshot(organization, ORG_FIELDS)
    supervisor = fields.get("supervisor")
    if supervisor is not None and not organization.territory.path.startswith(supervisor.territory.path):
        raise ValidationError({"supervisor": _("سطح نظارتی باید در همان قلمرو یا بالاتر از آن باشد.")})
    if fields.get("parent") is not None and fields["parent"].pk == organization.pk:
        raise ValidationError({"parent": _("سازمان نمی‌تواند بالادست خودش باشد.")})
    organization = org_services.organization_update(organization=organization, **fields)
    _updated(user, organization, before, ORG_FIELDS)
    if members is not None and organization.kind == Organization.Kind.GROUP:
        group_set_members(user=user, group=organization, members=members)
    return organization


@transaction.atomic
def group_set_members(*, user: Any, group: Organization, members: Iterable[Organization]) -> Organization:
    _check_org_place(user, group)
    before = audit.snapshot(group, ["members_of_group"])
    org_services.organization_group_set_members(group=group, members=members)
    _updated(user, group, before, ["members_of_group"])
    return group


# ---------------------------------------------------------------- people


def set_password_path(person: Any) -> tuple[str, str]:
    """(uidb64, token) of a one-time link to choose a password: Django's token generator, which a
    password change (or a sign-in) invalidates, and which expires after PASSWORD_RESET_TIMEOUT."""
    return urlsafe_base64_encode(force_bytes(person.pk)), default_token_generator.make_token(person)


def _check_role(user: Any, organization: Organization, role: str) -> None:
    if not access.can_manage_people_of(user, organization):
        raise ValidationError({"organization": _("افراد این سازمان را شما اداره نمی‌کنید.")})
    if role not in access.grantable_roles(user, organization):
        raise ValidationError({"role": _("این نقش را در این سازمان نمی‌توانید بدهید.")})


@transaction.atomic
def person_create(
    *,
    user: Any,
    organization: Organization,
    role: str,
    username: str,
    first_name: str = "",
    last_name: str = "",
    title: str = "",
    email: str = "",
    mobile: str = "",
    note: str = "",
) -> Any:
    """A new person with one membership and no usable password: they choose one through the one-time
    link (`set_password_path`) the administrator gives them."""
    if not access.can_enter(user):
        raise NotAllowed
    _check_role(user, organization, role)
    if not clean_input(first_name) and not clean_input(last_name):
        raise ValidationError({"last_name": _("نام یا نام خانوادگی را بنویسید.")})
    person = org_services.user_create(
        username=username,
        password=None,
        first_name=first_name,
        last_name=last_name,
        title=title,
        email=email,
        mobile=mobile,
    )
    membership = org_services.membership_add(user=person, organization=organization, role=role)
    _created(user, person, PERSON_FIELDS, note=note)
    _membership_recorded(user, membership, added=True)
    return person


@transaction.atomic
def person_update(*, user: Any, person: Any, **fields: Any) -> Any:
    unknown = set(fields) - (set(PERSON_FIELDS) - {"username"})
    if unknown:
        raise ValueError(f"person_update: unknown fields {sorted(unknown)}")
    person = get_user_model().objects.select_for_update().get(pk=person.pk)
    if not access.can_edit_person(user, person):
        raise NotAllowed
    before = audit.snapshot(person, PERSON_FIELDS)
    for key, value in fields.items():
        setattr(person, key, clean_input(value) if isinstance(value, str) else value)
    if not person.first_name and not person.last_name:
        raise ValidationError({"last_name": _("نام یا نام خانوادگی را بنویسید.")})
    person.full_clean(exclude=["password", "username"])
    person.save()
    _updated(user, person, before, PERSON_FIELDS)
    return person


def _membership_recorded(user: Any, membership: Membership, *, added: bool) -> None:
    entry = {"organization": str(membership.organization), "role": membership.get_role_display()}
    audit.record_change(
        actor=user,
        verb=audit.UPDATE,
        obj=membership.user,
        changes={"memberships": [None, entry] if added else [entry, None]},
        note=_("افزودن عضویت") if added else _("پایان عضویت"),
    )


@transaction.atomic
def membership_add(*, user: Any, person: Any, organization: Organization, role: str) -> Membership:
    if person.is_superuser and not access.get_scope(user).is_superuser:
        raise NotAllowed
    _check_role(user, organization, role)
    if Membership.objects.filter(user=person, organization=organization, role=role, is_active=True).exists():
        raise ValidationError({"role": _("این شخص همین نقش را در این سازمان دارد.")})
    membership = org_services.membership_add(user=person, organization=organization, role=role)
    _membership_recorded(user, membership, added=True)
    return membership


@transaction.atomic
def membership_end(*, user: Any, membership: Membership) -> Membership:
    if not access.can_manage_people_of(user, membership.organization):
        raise NotAllowed
    if membership.user_id == user.pk:
        raise ValidationError({"membership": _("عضویت خودتان را نمی‌توانید پایان دهید.")})
    if membership.role == Membership.Role.HEAD and not access.administers_path(
        user, membership.organization.territory.path
    ):
        raise NotAllowed
    membership = org_services.membership_end(membership=membership)
    _membership_recorded(user, membership, added=False)
    return membership


@transaction.atomic
def password_link_issue(*, user: Any, person: Any) -> tuple[str, str]:
    """A new set-password link; the current password stops working, so a leaked one is shut out."""
    person = get_user_model().objects.select_for_update().get(pk=person.pk)
    if not access.can_edit_person(user, person):
        raise NotAllowed
    person.set_unusable_password()
    person.save(update_fields=["password"])
    forget_scope(person)
    audit.record_change(actor=user, verb=audit.UPDATE, obj=person, changes={}, note=_("پیوند تعیین گذرواژه"))
    return set_password_path(person)


# ---------------------------------------------------------------- demand categories, routing rules


@transaction.atomic
def category_create(*, user: Any, **fields: Any) -> DemandCategory:
    category = categories.category_create(user=user, **fields)
    _created(user, category, CATEGORY_FIELDS)
    return category


@transaction.atomic
def category_update(*, user: Any, category: DemandCategory, **fields: Any) -> DemandCategory:
    before = audit.snapshot(category, CATEGORY_FIELDS)
    category = categories.category_update(user=user, category=category, **fields)
    _updated(user, category, before, CATEGORY_FIELDS)
    return category


def _check_rule_place(user: Any, territory: Any) -> None:
    # The office's rules: a rule for everywhere is national staff's (demands.categories).
    if territory is None and not access.get_scope(user).is_superuser:
        raise ValidationError({"territory": _("قلمرو قاعده را انتخاب کنید.")})
    if territory is not None and not access.administers_path(user, territory.path):
        raise ValidationError({"territory": _("این قلمرو در حوزه اداره شما نیست.")})


@transaction.atomic
def routing_rule_create(
    *, user: Any, category: DemandCategory, agency: Organization, territory: Any
) -> RoutingRule:
    _check_rule_place(user, territory)
    rule = categories.routing_rule_create(user=user, category=category, agency=agency, territory=territory)
    _created(user, rule, RULE_FIELDS)
    return rule


@transaction.atomic
def routing_rule_update(*, user: Any, rule: RoutingRule, **fields: Any) -> RoutingRule:
    if rule.territory is None or not access.administers_path(user, rule.territory.path):
        raise NotAllowed
    if "territory" in fields:
        _check_rule_place(user, fields["territory"])
    before = audit.snapshot(rule, RULE_FIELDS)
    rule = categories.routing_rule_update(user=user, rule=rule, **fields)
    _updated(user, rule, before, RULE_FIELDS)
    return rule


@transaction.atomic
def routing_rule_delete(*, user: Any, rule: RoutingRule) -> None:
    if rule.territory is None or not access.administers_path(user, rule.territory.path):
        raise NotAllowed
    changes, pk, text = audit.snapshot(rule, RULE_FIELDS), rule.pk, str(rule)
    categories.routing_rule_delete(user=user, rule=rule)
    audit.record_change(
        actor=user,
        verb=audit.DELETE,
        object_type_label=audit.object_type(RoutingRule),
        object_pk=pk,
        object_repr=text,
        changes=changes,
    )


# ---------------------------------------------------------------- the working calendar


def _check_calendar(user: Any) -> None:
    # One calendar for the country (holidays are national): office administrators correct it.
    if not access.is_office_admin(user):
        raise NotAllowed


def _calendar_fields(date: Any, title: str) -> tuple[dt.date, str]:
    if not isinstance(date, dt.date):
        raise ValidationError({"date": _("تاریخ را وارد کنید.")})
    return date, check_text(title, field="title", limit=200)


@transaction.atomic
def calendar_override_create(*, user: Any, date: Any, is_holiday: bool, title: str = "") -> CalendarOverride:
    _check_calendar(user)
    date, title = _calendar_fields(date, title)
    if CalendarOverride.objects.filter(date=date).exists():
        raise ValidationError({"date": _("برای این روز پیش‌تر اصلاحی ثبت شده است.")})
    override = CalendarOverride.objects.create(date=date, is_holiday=bool(is_holiday), title=title)
    _created(user, override, CALENDAR_FIELDS)
    return override


@transaction.atomic
def calendar_override_update(
    *, user: Any, override: CalendarOverride, date: Any, is_holiday: bool, title: str = ""
) -> CalendarOverride:
    _check_calendar(user)
    override = CalendarOverride.objects.select_for_update().get(pk=override.pk)
    date, title = _calendar_fields(date, title)
    if CalendarOverride.objects.filter(date=date).exclude(pk=override.pk).exists():
        raise ValidationError({"date": _("برای این روز پیش‌تر اصلاحی ثبت شده است.")})
    before = audit.snapshot(override, CALENDAR_FIELDS)
    override.date, override.is_holiday, override.title = date, bool(is_holiday), title
    override.save()
    _updated(user, override, before, CALENDAR_FIELDS)
    return override


@transaction.atomic
def calendar_override_delete(*, user: Any, override: CalendarOverride) -> None:
    _check_calendar(user)
    changes, pk, text = audit.snapshot(override, CALENDAR_FIELDS), override.pk, str(override)
    override.delete()
    audit.record_change(
        actor=user,
        verb=audit.DELETE,
        object_type_label=audit.object_type(CalendarOverride),
        object_pk=pk,
        object_repr=text,
        changes=changes,
    )


# ---------------------------------------------------------------- facilitation offices


@transaction.atomic
def office_update(*, user: Any, office: FacilitationOffice, **fields: Any) -> FacilitationOffice:
    if not access.administers_path(user, office.organization.territory.path):
        raise NotAllowed
    before = audit.snapshot(office, OFFICE_FIELDS)
    office = office_services.office_update(user=user, office=office, **fields)
    _updated(user, office, before, OFFICE_FIELDS)
    return office
