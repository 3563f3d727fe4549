"""The NGO registry: registering an NGO (one per national ID), its profile, its documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.files import validate_upload
from peygir.core.jalali import format_jalali
from peygir.core.jalali import today as local_today
from peygir.core.text import check_text, clean_input
from peygir.core.versioning import check_version, lock_row, save_versioned
from peygir.organizations import access as org_access
from peygir.organizations.models import Organization
from peygir.organizations.services import organization_create
from peygir.territory.models import Territory

from .. import access
from ..checks import check_national_id, check_sheba, check_themes
from ..models import NgoDocument, NgoProfile

PROFILE_FIELDS = (
    "registration_number",
    "licence_issuer",
    "licence_expires_on",
    "activity_territory",
    "themes",
    "board_contacts",
    "sheba",
)


def _check_board(contacts: Any) -> list[dict[str, str]]:
    rows = []
    for row in contacts or []:
        name = check_text(row.get("name", ""), field="board_contacts", limit=200)
        if not name:
            continue
        rows.append(
            {
                "name": name,
                "role": check_text(row.get("role", ""), field="board_contacts", limit=100),
                "phone": clean_input(str(row.get("phone", "")))[:30],
            }
        )
    return rows


def _clean_profile(fields: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    if "registration_number" in fields:
        clean["registration_number"] = check_text(
            fields["registration_number"], field="registration_number", limit=40
        )
    if "licence_issuer" in fields:
        clean["licence_issuer"] = check_text(
            fields["licence_issuer"], field="licence_issuer", required=True, limit=200
        )
    if "licence_expires_on" in fields:
        if not isinstance(fields["licence_expires_on"], dt.date):
            raise ValidationError({"licence_expires_on": _("تاریخ پایان اعتبار مجوز را وارد کنید.")})
        clean["licence_expires_on"] = fields["licence_expires_on"]
    if "activity_territory" in fields:
        if not isinstance(fields["activity_territory"], Territory):
            raise ValidationError({"activity_territory": _("قلمرو فعالیت را انتخاب کنید.")})
        clean["activity_territory"] = fields["activity_territory"]
    if "themes" in fields:
        clean["themes"] = check_themes(fields["themes"])
    if "board_contacts" in fields:
        clean["board_contacts"] = _check_board(fields["board_contacts"])
    if "sheba" in fields:
        clean["sheba"] = check_sheba(fields["sheba"])
    return clean


def check_ngo_register(user: Any, *, territory: Territory) -> None:
    """The managers over the territory register NGOs (the office, a county governorate)."""
    if not org_access.get_scope(user).manages_path(territory.path):
        raise NotAllowed


@transaction.atomic
def do_ngo_register(*, name: str, territory: Territory, national_id: str, **fields: Any) -> NgoProfile:
    """Write the NGO and its profile. A second licence of a known NGO is the same NGO: refused with
    the name it is registered under, so nobody creates a twin."""
    national_id = check_national_id(national_id)
    existing = NgoProfile.objects.select_related("organization").filter(national_id=national_id).first()
    if existing is not None:
        raise ValidationError(
            {
                "national_id": _("سمنی با این شناسه ملی با نام «%(name)s» ثبت شده است؛ همان را به‌روز کنید.")
                % {"name": existing.organization.name}
            }
        )
    fields.setdefault("activity_territory", territory)
    clean = _clean_profile({key: fields[key] for key in PROFILE_FIELDS if key in fields})
    if "licence_expires_on" not in clean or "licence_issuer" not in clean:
        raise ValidationError({"licence_issuer": _("مرجع صدور و تاریخ اعتبار مجوز را وارد کنید.")})
    organization = organization_create(name=name, kind=Organization.Kind.NGO, territory=territory)
    profile = NgoProfile(organization=organization, national_id=national_id, **clean)
    profile.full_clean()
    profile.save()
    return profile


def ngo_register(
    *, user: Any, name: str, territory: Territory, national_id: str, **fields: Any
) -> NgoProfile:
    check_ngo_register(user, territory=territory)
    return do_ngo_register(name=name, territory=territory, national_id=national_id, **fields)


@transaction.atomic
def ngo_profile_update(
    *, user: Any, profile: NgoProfile, expected_version: int | None = None, **fields: Any
) -> NgoProfile:
    """The NGO's own user keeps its profile (the national ID, the key, does not change)."""
    if not access.can_edit_ngo(user, profile.organization):
        raise NotAllowed
    profile = lock_row(NgoProfile.objects, profile.pk)
    check_version(profile, expected_version)
    clean = _clean_profile({key: fields[key] for key in PROFILE_FIELDS if key in fields})
    for key, value in clean.items():
        setattr(profile, key, value)
    profile.full_clean()
    save_versioned(profile, *clean)
    profile.refresh_from_db()
    return profile


@transaction.atomic
def ngo_document_add(*, user: Any, profile: NgoProfile, title: str, file: Any) -> NgoDocument:
    if not access.can_edit_ngo(user, profile.organization):
        raise NotAllowed
    title = check_text(title, field="title", required=True, limit=200)
    checked = validate_upload(file)
    document = NgoDocument(
        profile=profile,
        title=title,
        file=checked.file,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    document.file.name = checked.name
    document.save()
    return document


def check_licence(ngo: Organization, *, on: dt.date | None = None) -> NgoProfile:
    """The NGO's profile, or a clear message: no profile, or a licence expired on a given date."""
    profile = NgoProfile.objects.filter(organization=ngo).first()
    if profile is None:
        raise ValidationError({"ngo": _("پرونده این سمن (شناسه ملی و مجوز) هنوز ثبت نشده است.")})
    day = on or local_today()
    if profile.licence_expires_on < day:
        raise ValidationError(
            {
                "ngo": _(
                    "مجوز فعالیت این سمن در %(date)s به پایان رسیده است؛ تا تمدید آن طرح تازه نمی‌پذیریم."
                )
                % {"date": format_jalali(profile.licence_expires_on)}
            }
        )
    return profile
