"""Writes for facilitation offices, vulnerable households and empowerment activities.

Every function is keyword-only, takes the acting `user`, checks permission first (raising NotAllowed,
which pages answer with 404) and validates before writing anything. Households carry the least
personal data that serves the office's work; every change to one writes a SensitiveAccessLog row in the
same transaction, so the log can never miss a change that happened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from peygir.core import audit
from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.jalali import today as local_today
from peygir.core.text import clean_input, to_latin_digits
from peygir.organizations.models import Organization
from peygir.organizations.services import organization_create
from peygir.territory.models import Territory

from . import access as office_access
from .models import EmpowermentActivity, FacilitationOffice, SensitiveAccessLog, VulnerableHousehold

MAX_TEXT = 5000
NEED_VALUES = set(VulnerableHousehold.Need.values)


# ---------------------------------------------------------------- offices


def _check_neighbourhoods(neighbourhoods: Iterable[Territory], territory: Territory) -> list[Territory]:
    """Neighbourhoods must be neighbourhoods, inside the office's territory (an office in a county
    may serve several of its neighbourhoods; one placed in a neighbourhood serves that one)."""
    items = list(neighbourhoods)
    for item in items:
        if item.kind != Territory.Kind.NEIGHBOURHOOD:
            raise ValidationError({"neighbourhoods": _("«%(name)s» محله نیست.") % {"name": item.name_fa}})
        if not item.path.startswith(territory.path) and not territory.path.startswith(item.path):
            raise ValidationError(
                {"neighbourhoods": _("محله «%(name)s» در قلمرو این دفتر نیست.") % {"name": item.name_fa}}
            )
    return items


def _check_budget(budget_rials: Any) -> int:
    try:
        value = int(budget_rials or 0)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"budget_rials": _("اعتبار را به عدد وارد کنید.")}) from exc
    if value < 0:
        raise ValidationError({"budget_rials": _("اعتبار نمی‌تواند منفی باشد.")})
    return value


@transaction.atomic
def office_create(
    *,
    user: Any,
    name: str = "",
    territory: Territory | None = None,
    neighbourhoods: Iterable[Territory] = (),
    opened_on: dt.date | None = None,
    budget_rials: int = 0,
    operator: Organization | None = None,
    is_pilot: bool = False,
    short_name: str = "",
    supervisor: Organization | None = None,
    parent: Organization | None = None,
    organization: Organization | None = None,
) -> FacilitationOffice:
    """Open a facilitation office: its Organization (so memberships and the one permission mechanism
    apply) and what only an office has. Pass `organization` to make an existing facilitation-office
    organization an office instead of creating a new one.

    Only a territorial manager over the place may open one (provincial office, governor, county deputy).
    """
    place = organization.territory if organization is not None else territory
    if place is None:
        raise ValidationError({"territory": _("قلمرو دفتر را انتخاب کنید.")})
    if not office_access.can_manage_offices_in(user, place.path):
        raise NotAllowed
    if organization is not None:
        if organization.kind != Organization.Kind.FACILITATION_OFFICE:
            raise ValidationError({"organization": _("این سازمان از نوع دفتر تسهیلگری نیست.")})
        if FacilitationOffice.objects.filter(organization=organization).exists():
            raise ValidationError({"organization": _("برای این سازمان پیش‌تر دفتر ثبت شده است.")})
    items = _check_neighbourhoods(neighbourhoods, place)
    budget = _check_budget(budget_rials)
    if operator is not None and operator.kind not in (
        Organization.Kind.NGO,
        Organization.Kind.AGENCY,
        Organization.Kind.COUNCIL_BODY,
        Organization.Kind.SOCIAL_OFFICE,
        Organization.Kind.COUNTY_GOVERNORATE,
    ):
        raise ValidationError({"operator": _("مجری باید سمن یا نهادی اجرایی باشد.")})
    if organization is None:
        organization = organization_create(
            name=name,
            kind=Organization.Kind.FACILITATION_OFFICE,
            territory=place,
            parent=parent,
            supervisor=supervisor,
            short_name=short_name,
        )
    office = FacilitationOffice(
        organization=organization,
        opened_on=opened_on,
        budget_rials=budget,
        operator=operator,
        is_pilot=bool(is_pilot),
    )
    office.full_clean(exclude=["organization"])
    office.save()
    office.neighbourhoods.set(items)
    # The office's administration records every change (peygir.core.audit).
    audit.record_change(
        actor=user,
        verb=audit.CREATE,
        obj=office,
        changes=audit.snapshot(
            office, ["opened_on", "budget_rials", "operator", "is_pilot", "neighbourhoods"]
        ),
    )
    return office


OFFICE_FIELDS = {"opened_on", "budget_rials", "operator", "is_pilot", "neighbourhoods"}


@transaction.atomic
def office_update(*, user: Any, office: FacilitationOffice, **fields: Any) -> FacilitationOffice:
    """Change the opening date, budget, operator, pilot flag or neighbourhoods served."""
    unknown = set(fields) - OFFICE_FIELDS
    if unknown:
        raise ValueError(f"office_update: unknown fields {sorted(unknown)}")
    territory = office.organization.territory
    if not office_access.can_manage_offices_in(user, territory.path):
        raise NotAllowed
    neighbourhoods = fields.pop("neighbourhoods", None)
    if "budget_rials" in fields:
        fields["budget_rials"] = _check_budget(fields["budget_rials"])
    for key, value in fields.items():
        setattr(office, key, value)
    office.full_clean(exclude=["organization"])
    office.save()
    if neighbourhoods is not None:
        office.neighbourhoods.set(_check_neighbourhoods(neighbourhoods, territory))
    return office


# ---------------------------------------------------------------- vulnerable households


def _log(user: Any, kind: str, household: VulnerableHousehold, detail: str = "") -> None:
    SensitiveAccessLog.objects.create(user=user, kind=kind, household=household, detail=detail[:200])


def _clean_household_fields(
    office: FacilitationOffice,
    *,
    neighbourhood: Territory,
    needs: Iterable[str],
    members_count: Any,
    programs: str,
    note: str,
) -> dict[str, Any]:
    served = set(office.neighbourhoods.values_list("pk", flat=True))
    if served and neighbourhood.pk not in served:
        raise ValidationError({"neighbourhood": _("این محله در پوشش این دفتر نیست.")})
    if neighbourhood.kind != Territory.Kind.NEIGHBOURHOOD:
        raise ValidationError({"neighbourhood": _("یک محله انتخاب کنید.")})
    needs_list = sorted({str(n) for n in needs or ()})
    if not needs_list:
        raise ValidationError({"needs": _("دست‌کم یک نوع نیاز را انتخاب کنید.")})
    if set(needs_list) - NEED_VALUES:
        raise ValidationError({"needs": _("نوع نیاز نامعتبر است.")})
    if members_count in ("", None):
        count = None
    else:
        try:
            count = int(to_latin_digits(str(members_count)))
        except ValueError as exc:
            raise ValidationError({"members_count": _("تعداد اعضا را به عدد وارد کنید.")}) from exc
        if not 1 <= count <= 50:
            raise ValidationError({"members_count": _("تعداد اعضا باید بین ۱ و ۵۰ باشد.")})
    programs, note = clean_input(programs or ""), clean_input(note or "")
    if len(programs) > MAX_TEXT or len(note) > MAX_TEXT:
        raise ValidationError({"note": _("متن بیش از حد طولانی است.")})
    return {
        "neighbourhood": neighbourhood,
        "needs": needs_list,
        "members_count": count,
        "programs": programs,
        "note": note,
    }


def _next_reference(office: FacilitationOffice) -> str:
    """H-0001, H-0002 … per office: a code to say aloud instead of a name."""
    number = VulnerableHousehold.objects.filter(office=office).count() + 1
    while VulnerableHousehold.objects.filter(office=office, reference=f"H-{number:04d}").exists():
        number += 1
    return f"H-{number:04d}"


@transaction.atomic
def household_create(
    *,
    user: Any,
    office: FacilitationOffice,
    neighbourhood: Territory,
    needs: Iterable[str],
    reference: str = "",
    members_count: int | None = None,
    programs: str = "",
    note: str = "",
) -> VulnerableHousehold:
    """Record a vulnerable household with the least personal data: a reference code, not a name."""
    if not office_access.can_see_households(user, office):
        raise NotAllowed
    fields = _clean_household_fields(
        office,
        neighbourhood=neighbourhood,
        needs=needs,
        members_count=members_count,
        programs=programs,
        note=note,
    )
    reference = clean_input(reference or "").upper() or _next_reference(office)
    if len(reference) > 40:
        raise ValidationError({"reference": _("شناسه حداکثر ۴۰ نویسه است.")})
    if VulnerableHousehold.objects.filter(office=office, reference=reference).exists():
        raise ValidationError({"reference": _("این شناسه در این دفتر پیش‌تر ثبت شده است.")})
    household = VulnerableHousehold(office=office, reference=reference, created_by=user, **fields)
    household.full_clean()
    household.save()
    _log(user, SensitiveAccessLog.Kind.CREATE, household)
    return household


@transaction.atomic
def household_update(
    *,
    user: Any,
    household: VulnerableHousehold,
    neighbourhood: Territory | None = None,
    needs: Iterable[str] | None = None,
    members_count: Any = ...,
    programs: str | None = None,
    note: str | None = None,
    is_active: bool | None = None,
) -> VulnerableHousehold:
    """Change what the office knows; the log names the fields changed, never their values."""
    office = household.office
    if not office_access.can_see_households(user, office):
        raise NotAllowed
    household = VulnerableHousehold.objects.select_for_update().get(pk=household.pk)
    fields = _clean_household_fields(
        office,
        neighbourhood=neighbourhood or household.neighbourhood,
        needs=household.needs if needs is None else needs,
        members_count=household.members_count if members_count is ... else members_count,
        programs=household.programs if programs is None else programs,
        note=household.note if note is None else note,
    )
    if is_active is not None:
        fields["is_active"] = bool(is_active)
    changed = [key for key, value in fields.items() if getattr(household, key) != value]
    for key, value in fields.items():
        setattr(household, key, value)
    household.full_clean()
    household.save()
    _log(user, SensitiveAccessLog.Kind.UPDATE, household, ",".join(changed))
    return household


# ---------------------------------------------------------------- empowerment activities


@transaction.atomic
def activity_create(
    *,
    user: Any,
    office: FacilitationOffice,
    kind: str,
    title: str,
    held_on: dt.date,
    participants: int,
    women_participants: int = 0,
    partner: Organization | None = None,
    note: str = "",
) -> EmpowermentActivity:
    """A skills-training or empowerment session that was held, with how many took part."""
    if not office_access.can_work_in_office(user, office):
        raise NotAllowed
    title = clean_input(title or "")
    if not title:
        raise ValidationError({"title": _("عنوان فعالیت را وارد کنید.")})
    if kind not in EmpowermentActivity.Kind.values:
        raise ValidationError({"kind": _("نوع فعالیت نامعتبر است.")})
    if held_on is None:
        raise ValidationError({"held_on": _("تاریخ برگزاری را وارد کنید.")})
    if held_on > local_today():
        raise ValidationError({"held_on": _("فعالیتی که هنوز برگزار نشده ثبت نمی‌شود.")})
    try:
        participants, women_participants = int(participants), int(women_participants or 0)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"participants": _("تعداد شرکت‌کنندگان را به عدد وارد کنید.")}) from exc
    if participants < 0 or women_participants < 0:
        raise ValidationError({"participants": _("تعداد نمی‌تواند منفی باشد.")})
    if women_participants > participants:
        raise ValidationError({"women_participants": _("شرکت‌کنندگان زن بیش از کل شرکت‌کنندگان است.")})
    activity = EmpowermentActivity(
        office=office,
        kind=kind,
        title=title,
        held_on=held_on,
        participants=participants,
        women_participants=women_participants,
        partner=partner,
        note=clean_input(note or "")[:MAX_TEXT],
        created_by=user,
    )
    activity.full_clean()
    activity.save()
    return activity
