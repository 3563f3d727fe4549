"""The NGO registry: an office registers an NGO (verified at once), or the NGO registers itself from the
public page (unconfirmed until its representative types back the code sent by SMS — `ngo_codes` —,
then pending until the provincial office checks its documents and verifies or refuses it, with the
reason); one NGO per national ID; its profile and documents. Only a verified NGO with a licence in
force writes and submits proposals (`check_licence`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.files import validate_upload
from peygir.core.jalali import format_jalali
from peygir.core.jalali import today as local_today
from peygir.core.text import check_text, clean_input, to_latin_digits
from peygir.core.versioning import check_version, lock_row, save_versioned
from peygir.notifications.outbox import absolute_url, queue_sms, shorten
from peygir.organizations import access as org_access
from peygir.organizations.models import Membership, Organization
from peygir.organizations.services import membership_add, organization_create, user_create
from peygir.territory.models import Territory

from .. import access
from ..checks import check_national_id, check_sheba, check_themes
from ..models import NgoDocument, NgoEvent, NgoProfile
from . import ngo_codes

# Registrations from the public page per address and day (PEYGIR_NGO_REGISTRATIONS_PER_IP_PER_DAY).
REGISTRATIONS_PER_IP_PER_DAY = 3

PROFILE_FIELDS = (
    "registration_number",
    "licence_issuer",
    "licence_expires_on",
    "activity_territory",
    "themes",
    "board_contacts",
    "sheba",
)
# What the office checked against the licence document when it verified the NGO.
LICENCE_FIELDS = ("licence_issuer", "licence_expires_on")


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


def _check_new_national_id(national_id: Any) -> str:
    """A second licence of a known NGO is the same NGO: refused with the name it is registered under,
    so nobody creates a twin."""
    national_id = check_national_id(national_id)
    existing = NgoProfile.objects.select_related("organization").filter(national_id=national_id).first()
    if existing is not None:
        raise ValidationError(
            {
                "national_id": _("سمنی با این شناسه ملی با نام «%(name)s» ثبت شده است؛ همان را به‌روز کنید.")
                % {"name": existing.organization.name}
            }
        )
    return national_id


def _clean_new_profile(territory: Territory, fields: dict[str, Any]) -> dict[str, Any]:
    fields.setdefault("activity_territory", territory)
    clean = _clean_profile({key: fields[key] for key in PROFILE_FIELDS if key in fields})
    if "licence_expires_on" not in clean or "licence_issuer" not in clean:
        raise ValidationError({"licence_issuer": _("مرجع صدور و تاریخ اعتبار مجوز را وارد کنید.")})
    return clean


def ngo_event(profile: NgoProfile, kind: str, actor: Any, reason: str = "") -> NgoEvent:
    return NgoEvent.objects.create(
        profile=profile,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
    )


@transaction.atomic
def do_ngo_register(
    *, name: str, territory: Territory, national_id: str, actor: Any = None, **fields: Any
) -> NgoProfile:
    """Write the NGO and its profile, verified: the office registering it has seen its licence."""
    national_id = _check_new_national_id(national_id)
    clean = _clean_new_profile(territory, fields)
    organization = organization_create(name=name, kind=Organization.Kind.NGO, territory=territory)
    profile = NgoProfile(
        organization=organization,
        national_id=national_id,
        status=NgoProfile.Status.VERIFIED,
        verified_at=timezone.now(),
        verified_by=actor if getattr(actor, "is_authenticated", False) else None,
        **clean,
    )
    profile.full_clean()
    profile.save()
    ngo_event(profile, NgoEvent.Kind.REGISTERED, actor)
    return profile


def ngo_register(
    *, user: Any, name: str, territory: Territory, national_id: str, **fields: Any
) -> NgoProfile:
    check_ngo_register(user, territory=territory)
    return do_ngo_register(name=name, territory=territory, national_id=national_id, actor=user, **fields)


# ---------------------------------------------------------------- registering oneself


def _check_mobile(value: Any) -> str:
    mobile = to_latin_digits(clean_input(str(value or "")))
    if not re.fullmatch(r"09\d{9}", mobile):
        raise ValidationError({"mobile": _("شماره همراه باید ۱۱ رقم و با ۰۹ آغاز شود.")})
    return mobile


def _check_account(account: dict[str, Any]) -> dict[str, Any]:
    """The representative's new account: a username not taken, a password twice that passes the site's
    password rules, a name and a mobile number (confirmed by a code sent by SMS)."""
    username = clean_input(str(account.get("username", "")))
    if not username or len(username) > 150:
        raise ValidationError({"username": _("نام کاربری را وارد کنید (تا ۱۵۰ نویسه).")})
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("این نام کاربری پیش‌تر ثبت شده است.")})
    password = str(account.get("password", ""))
    if password != str(account.get("password2", "")):
        raise ValidationError({"password2": _("دو گذرواژه یکسان نیستند.")})
    try:
        validate_password(password)
    except DjangoValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    mobile = _check_mobile(account.get("mobile", ""))
    return {
        "username": username,
        "password": password,
        "first_name": check_text(account.get("first_name", ""), field="first_name", required=True, limit=150),
        "last_name": check_text(account.get("last_name", ""), field="last_name", required=True, limit=150),
        "mobile": mobile,
    }


def check_rate(client_ip: str | None) -> None:
    """A few registrations a day from one address: enough for an office's shared connection, too few
    to flood the province's queue."""
    if not client_ip:
        return
    limit = int(getattr(settings, "PEYGIR_NGO_REGISTRATIONS_PER_IP_PER_DAY", REGISTRATIONS_PER_IP_PER_DAY))
    since = timezone.now() - dt.timedelta(days=1)
    if NgoProfile.objects.filter(registered_from=client_ip, created_at__gte=since).count() >= limit:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "از این نشانی امروز چند سمن ثبت‌نام کرده‌اند؛ فردا دوباره تلاش کنید یا با دفتر تماس بگیرید."
                )
            }
        )


def ngo_apply(
    *,
    user: Any,
    name: str,
    county: Territory,
    national_id: str,
    documents: list[tuple[str, Any]],
    account: dict[str, Any] | None = None,
    mobile: str = "",
    phone: str = "",
    email: str = "",
    client_ip: str | None = None,
    **fields: Any,
) -> NgoProfile:
    """An NGO registers itself: its organization (inactive until verified), its profile (unconfirmed),
    its documents (at least the licence, each checked like evidence) and, for a visitor without an
    account, the representative's account; a code goes by SMS to the representative's mobile (the new
    account's; for a signed-in applicant `mobile`, or their account's), and only once it
    comes back (`ngo_codes.ngo_confirm_mobile`) does the registration wait for the office. The
    representative's membership counts once the office verifies the NGO.

    Everything is checked before anything is written, then written all or nothing: a bad document
    leaves no account and no organization. Raises RateLimited when the number had too many codes today
    (counted even when the registration then fails)."""
    if county.kind != Territory.Kind.COUNTY or not county.is_active:
        raise ValidationError({"county": _("شهرستان محل فعالیت را انتخاب کنید.")})
    check_rate(client_ip)
    name = check_text(name, field="name", required=True, limit=300)
    national_id = _check_new_national_id(national_id)
    clean = _clean_new_profile(county, fields)
    if not documents:
        raise ValidationError({"documents": _("دست‌کم تصویر پروانه فعالیت سمن را پیوست کنید.")})
    checked = [
        (check_text(title, field="documents", required=True, limit=200), validate_upload(file))
        for title, file in documents
    ]
    signed_in = getattr(user, "is_authenticated", False)
    details = None if signed_in else _check_account(account or {})
    # The number typed for this registration; a signed-in applicant's account's when none was typed.
    to = details["mobile"] if details else _check_mobile(mobile or getattr(user, "mobile", ""))
    ngo_codes.check_code_rate(to)
    with transaction.atomic():
        applicant = user if signed_in else user_create(**details)
        organization = organization_create(
            name=name, kind=Organization.Kind.NGO, territory=county, phone=phone[:30], email=email
        )
        organization.is_active = False
        organization.save(update_fields=["is_active"])
        profile = NgoProfile(
            organization=organization,
            national_id=national_id,
            applicant=applicant,
            applicant_created=not signed_in,
            registered_from=client_ip or None,
            status=NgoProfile.Status.UNCONFIRMED,
            **clean,
        )
        profile.full_clean()
        profile.save()
        membership_add(user=applicant, organization=organization, role=Membership.Role.NGO_REP)
        for title, file in checked:
            _save_document(profile, title, file, applicant)
        ngo_event(profile, NgoEvent.Kind.APPLIED, applicant)
        ngo_codes.send_code(profile, to)
    return profile


def _lock_profile(profile: NgoProfile, expected_version: int | None) -> NgoProfile:
    profile = lock_row(NgoProfile.objects, profile.pk)
    check_version(profile, expected_version)
    return profile


def check_verify(user: Any, profile: NgoProfile) -> None:
    if not access.can_verify_ngo(user, profile):
        raise NotAllowed


@transaction.atomic
def ngo_verify(*, user: Any, profile: NgoProfile, expected_version: int | None = None) -> NgoProfile:
    """The provincial office has checked the documents: the NGO is active and may write proposals."""
    check_verify(user, profile)
    profile = _lock_profile(profile, expected_version)
    if profile.status == NgoProfile.Status.UNCONFIRMED:
        raise ValidationError(
            {
                "status": _(
                    "نماینده سمن هنوز کد پیامک‌شده به شماره همراه خود را وارد نکرده است؛ پیش از آن نمی‌توان ثبت را تأیید کرد."
                )
            }
        )
    if profile.status == NgoProfile.Status.VERIFIED:
        raise ValidationError({"status": _("این سمن پیش‌تر تأیید شده است.")})
    if not profile.documents.exists():
        raise ValidationError({"status": _("سمن مدرکی پیوست نکرده است؛ پیش از تأیید مدارک را ببینید.")})
    profile.status, profile.status_reason = NgoProfile.Status.VERIFIED, ""
    profile.verified_at, profile.verified_by = timezone.now(), user
    save_versioned(profile, "status", "status_reason", "verified_at", "verified_by")
    Organization.objects.filter(pk=profile.organization_id).update(is_active=True)
    if profile.applicant is not None:
        org_access.forget_scope(profile.applicant)
    ngo_event(profile, NgoEvent.Kind.VERIFIED, user)
    profile.refresh_from_db()
    _tell_representative(
        profile,
        "verified",
        _("ثبت سمن «%(name)s» تأیید شد؛ اکنون می‌توانید برای فراخوان‌ها طرح بفرستید: %(url)s"),
    )
    return profile


def _tell_representative(profile: NgoProfile, what: str, text: str, reason: str = "") -> None:
    """An SMS to the representative's confirmed mobile (a self-registered NGO's; one the office
    registered has none): nobody else tells them the office has decided. Sent after the commit."""
    mobile = ngo_codes.confirmed_mobile(profile)
    if not mobile:
        return
    url = absolute_url(reverse("web:grant_ngo_profile", args=[profile.pk]))
    body = text % {"name": shorten(profile.organization.name, 80), "reason": shorten(reason, 160), "url": url}
    queue_sms([(mobile, f"ngo:{profile.pk}:{what}:{profile.version}")], body)


@transaction.atomic
def ngo_refuse(
    *, user: Any, profile: NgoProfile, reason: str, expected_version: int | None = None
) -> NgoProfile:
    """Refused with what to correct; the NGO corrects its profile or documents and sends it again."""
    check_verify(user, profile)
    reason = check_text(reason, field="reason", required=True, limit=2000)
    profile = _lock_profile(profile, expected_version)
    if profile.status != NgoProfile.Status.PENDING:
        raise ValidationError({"status": _("تنها درخواست در انتظار بررسی را می‌توان رد کرد.")})
    profile.status, profile.status_reason = NgoProfile.Status.REFUSED, reason
    save_versioned(profile, "status", "status_reason")
    ngo_event(profile, NgoEvent.Kind.REFUSED, user, reason)
    profile.refresh_from_db()
    _tell_representative(
        profile,
        "refused",
        _("ثبت سمن «%(name)s» نیازمند اصلاح است: %(reason)s — پرونده را اصلاح و دوباره بفرستید: %(url)s"),
        reason,
    )
    return profile


@transaction.atomic
def ngo_resubmit(*, user: Any, profile: NgoProfile, expected_version: int | None = None) -> NgoProfile:
    """The NGO sends its corrected registration back to the office."""
    if not access.can_edit_ngo(user, profile.organization, profile):
        raise NotAllowed
    profile = _lock_profile(profile, expected_version)
    if profile.status != NgoProfile.Status.REFUSED:
        raise ValidationError({"status": _("تنها درخواست ردشده را پس از اصلاح می‌توان دوباره فرستاد.")})
    profile.status = NgoProfile.Status.PENDING
    save_versioned(profile, "status")
    ngo_event(profile, NgoEvent.Kind.RESUBMITTED, user, profile.status_reason)
    profile.refresh_from_db()
    return profile


@transaction.atomic
def ngo_profile_update(
    *,
    user: Any,
    profile: NgoProfile,
    expected_version: int | None = None,
    documents: list[tuple[str, Any]] = (),  # type: ignore[assignment]
    **fields: Any,
) -> NgoProfile:
    """The NGO's own user keeps its profile (the national ID, the key, does not change), with any new
    documents in the same transaction: a refused file leaves the profile as it was.

    A verified NGO's own people cannot extend or replace its licence by typing a date: a change of
    the licence's issuer or expiry needs the new licence attached, and sends the registration back to
    the office, which checks it (until then no new proposal is accepted)."""
    if not access.can_edit_ngo(user, profile.organization, profile):
        raise NotAllowed
    profile = lock_row(NgoProfile.objects, profile.pk)
    check_version(profile, expected_version)
    clean = _clean_profile({key: fields[key] for key in PROFILE_FIELDS if key in fields})
    relicensed = (
        profile.status == NgoProfile.Status.VERIFIED
        and any(key in clean and clean[key] != getattr(profile, key) for key in LICENCE_FIELDS)
        and not access.can_verify_ngo(user, profile)
    )
    if relicensed and not documents:
        raise ValidationError(
            {
                "document": _(
                    "برای تمدید یا تغییر مجوز، تصویر مجوز تازه را پیوست کنید؛ دفتر امور اجتماعی آن را بررسی و تأیید می‌کند."
                )
            }
        )
    for key, value in clean.items():
        setattr(profile, key, value)
    profile.full_clean()
    checked = [
        (check_text(title, field="document_title", required=True, limit=200), validate_upload(file))
        for title, file in documents
    ]
    changed = list(clean)
    if relicensed:
        profile.status, profile.status_reason = NgoProfile.Status.PENDING, ""
        changed += ["status", "status_reason"]
    save_versioned(profile, *changed)
    for title, file in checked:
        _save_document(profile, title, file, user)
    if relicensed:
        ngo_event(profile, NgoEvent.Kind.RELICENSED, user, "")
    profile.refresh_from_db()
    return profile


def _save_document(profile: NgoProfile, title: str, checked: Any, user: Any) -> NgoDocument:
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


@transaction.atomic
def ngo_document_add(*, user: Any, profile: NgoProfile, title: str, file: Any) -> NgoDocument:
    if not access.can_edit_ngo(user, profile.organization, profile):
        raise NotAllowed
    title = check_text(title, field="title", required=True, limit=200)
    return _save_document(profile, title, validate_upload(file), user)


def check_licence(ngo: Organization, *, on: dt.date | None = None) -> NgoProfile:
    """The NGO's profile, or a clear message: no profile, not verified by the office (yet, or refused
    with its reason), or a licence expired on a given date."""
    profile = NgoProfile.objects.filter(organization=ngo).first()
    if profile is None:
        raise ValidationError({"ngo": _("پرونده این سمن (شناسه ملی و مجوز) هنوز ثبت نشده است.")})
    if profile.status == NgoProfile.Status.UNCONFIRMED:
        raise ValidationError(
            {
                "ngo": _(
                    "شماره همراه نماینده این سمن هنوز با کد پیامکی تأیید نشده است؛ پس از آن و تأیید دفتر امور اجتماعی می‌توانید طرح بفرستید."
                )
            }
        )
    if profile.status == NgoProfile.Status.PENDING:
        raise ValidationError(
            {
                "ngo": _(
                    "ثبت این سمن هنوز به تأیید دفتر امور اجتماعی نرسیده است؛ پس از تأیید می‌توانید طرح بفرستید."
                )
            }
        )
    if profile.status == NgoProfile.Status.REFUSED:
        raise ValidationError(
            {
                "ngo": _("ثبت این سمن رد شده است (%(r)s)؛ پرونده را اصلاح و دوباره برای بررسی بفرستید.")
                % {"r": profile.status_reason}
            }
        )
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
