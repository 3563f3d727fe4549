"""Intake: a facilitator registers a demand for a citizen; a citizen submits one online.

Either way the text is normalized for similarity, the tracking code is drawn, and the demand is
routed by the rules. An online demand is UNCONFIRMED — in no list, no report — until the citizen
types back the SMS code; submissions are rate-limited per address and per number (no third-party
service: counters in the database).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.files import validate_upload
from peygir.core.text import clean_input, to_latin_digits, to_persian_digits
from peygir.facilitation.models import FacilitationOffice, SensitiveAccessLog
from peygir.notifications import phonecodes
from peygir.organizations import access
from peygir.territory.models import Territory

from . import ratelimit
from .codes import (
    generate_sms_code,
    generate_tracking_code,
    hash_sms_code,
    normalize_tracking_code,
)
from .events import lock_demand, record, save_demand
from .models import Demand, DemandAttachment, DemandCategory, DemandEvent, PhoneConfirmation
from .notify import queue_citizen_sms
from .phones import mobile_last4, normalize_mobile
from .routing import resolve_rule, route_to
from .similarity import demand_text

EK = DemandEvent.Kind

Status = Demand.Status
CODE_TTL = phonecodes.CODE_TTL
MAX_CODE_ATTEMPTS = phonecodes.MAX_CODE_ATTEMPTS
PLACE_KINDS = {
    Territory.Kind.NEIGHBOURHOOD,
    Territory.Kind.CITY,
    Territory.Kind.DISTRICT,
    Territory.Kind.COUNTY,
}


def code_ttl() -> dt.timedelta:
    return phonecodes.code_ttl("PEYGIR_DEMAND_CODE_TTL_SECONDS")


# ---------------------------------------------------------------- validation


def _required(value: str, field: str, limit: int) -> str:
    text = clean_input(value)
    if not text.replace("\u200c", "").strip():
        raise ValidationError({field: _("این بخش را پر کنید.")})
    if len(text) > limit:
        raise ValidationError(
            {field: _("متن بیش از %(limit)s نویسه است.") % {"limit": to_persian_digits(limit)}}
        )
    return text


def _coordinate(value: Any, field: str, bound: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(to_latin_digits(str(value)).strip()).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("مختصات درست نیست.")}) from exc
    if not -bound <= number <= bound:
        raise ValidationError({field: _("مختصات درست نیست.")})
    return number


def _fields(
    *,
    category: DemandCategory,
    neighbourhood: Territory,
    title: str,
    description: str,
    citizen_name: str,
    citizen_mobile: str,
    consent: bool,
    latitude: Any,
    longitude: Any,
    mobile_required: bool,
) -> dict[str, Any]:
    """Every field checked before anything is written; errors keyed by field, in Persian."""
    if category is None or not category.is_active:
        raise ValidationError({"category": _("دسته مطالبه را انتخاب کنید.")})
    if neighbourhood is None or not neighbourhood.is_active or neighbourhood.kind not in PLACE_KINDS:
        raise ValidationError({"neighbourhood": _("محله را انتخاب کنید.")})
    title = _required(title, "title", 300)
    description = _required(description, "description", 5000)
    name = clean_input(citizen_name)[:200]
    mobile = ""
    if citizen_mobile and clean_input(citizen_mobile):
        mobile = normalize_mobile(citizen_mobile)
    elif mobile_required:
        raise ValidationError({"citizen_mobile": _("شماره همراه را وارد کنید.")})
    if (name or mobile) and not consent:
        raise ValidationError({"consent": _("برای ثبت نام و شماره همراه، رضایت شهروند لازم است.")})
    lat, lng = _coordinate(latitude, "latitude", 90), _coordinate(longitude, "longitude", 180)
    if (lat is None) != (lng is None):
        raise ValidationError({"latitude": _("هر دو مختصات را وارد کنید.")})
    return {
        "category": category,
        "neighbourhood": neighbourhood,
        "title": title,
        "description": description,
        "text_normalized": demand_text(title, description),
        "citizen_name": name,
        "citizen_mobile": mobile,
        "mobile_last4": mobile_last4(mobile),
        "consent": bool(consent and (name or mobile)),
        "latitude": lat,
        "longitude": lng,
    }


def _create(**fields: Any) -> Demand:
    """Insert with a fresh tracking code (another draw on the rare collision)."""
    for _attempt in range(10):
        try:
            with transaction.atomic():
                return Demand.objects.create(tracking_code=generate_tracking_code(), **fields)
        except IntegrityError:
            continue
    raise RuntimeError("could not draw a unique tracking code")


def _office_serves(office: FacilitationOffice, neighbourhood: Territory) -> bool:
    served = list(office.neighbourhoods.values_list("path", flat=True))
    if served:
        return any(neighbourhood.path.startswith(path) for path in served)
    return neighbourhood.path.startswith(office.organization.territory.path)


def can_register_for(user: Any, office: FacilitationOffice) -> bool:
    """The office's facilitators and staff, or a manager over its territory."""
    scope = access.get_scope(user)
    org = office.organization
    return (
        scope.is_superuser
        or org.pk in (scope.reporting_org_ids | scope.managing_org_ids)
        or scope.manages_path(org.territory.path)
    )


def can_register_any(user: Any) -> bool:
    """May the user register a demand at some office at all (asked before reading a request's body,
    so that a stranger's malformed request answers 404 like a well-formed one)."""
    scope = access.get_scope(user)
    if scope.is_superuser:
        return True
    offices = FacilitationOffice.objects.filter(
        Q(organization_id__in=scope.reporting_org_ids | scope.managing_org_ids)
        | scope.path_q("organization__territory__path", scope.manage_paths)
    )
    return offices.exists()


def office_for_neighbourhood(neighbourhood: Territory) -> FacilitationOffice | None:
    """The office that takes an online demand: one that serves the neighbourhood, if any."""
    return (
        FacilitationOffice.objects.filter(
            organization__is_active=True, neighbourhoods__in=neighbourhood.ancestor_ids()
        )
        .select_related("organization")
        .order_by("pk")
        .first()
    )


def _log_personal(user: Any, demand: Demand, kind: str, detail: str = "") -> None:
    if demand.citizen_name or demand.citizen_mobile:
        SensitiveAccessLog.objects.create(
            user=user if getattr(user, "pk", None) else None, kind=kind, demand=demand, detail=detail
        )


def _attach(demand: Demand, files: Any, user: Any) -> None:
    checked = [validate_upload(f) for f in files]
    for item in checked:
        item.file.seek(0)
        DemandAttachment.objects.create(
            demand=demand,
            file=item.file,
            original_name=item.name,
            content_type=item.content_type,
            size=item.size,
            uploaded_by=user if getattr(user, "pk", None) else None,
        )


def _receive(demand: Demand, user: Any) -> Demand:
    """The demand now counts: route it by the rules, or tell the citizen it waits in triage."""
    rule = resolve_rule(category=demand.category, neighbourhood=demand.neighbourhood)
    received = _("مطالبه شما ثبت شد.")
    record(
        demand,
        EK.RECEIVED,
        actor=user,
        to_status=Status.TRIAGE,
        public_text=received,
        sms="" if rule else _("مطالبه شما ثبت شد و دستگاه مسئول آن به‌زودی تعیین می‌شود."),
    )
    if rule is not None:
        route_to(demand, rule.agency, user=user, rule=rule)
    return demand


def _fresh(demand: Demand) -> Demand:
    return Demand.objects.select_related("office__organization", "neighbourhood", "category", "agency").get(
        pk=demand.pk
    )


# ---------------------------------------------------------------- office intake


def demand_intake(
    *,
    user: Any,
    office: FacilitationOffice,
    category: DemandCategory,
    neighbourhood: Territory,
    title: str,
    description: str,
    citizen_name: str,
    citizen_mobile: str,
    consent: bool,
    on_behalf_of_group: bool = False,
    latitude: Any = None,
    longitude: Any = None,
    files: list[UploadedFile] | tuple[UploadedFile, ...] = (),
) -> Demand:
    """A facilitator registers a demand; it is routed at once (or waits in the office's triage)."""
    if not can_register_for(user, office):
        raise NotAllowed
    fields = _fields(
        category=category,
        neighbourhood=neighbourhood,
        title=title,
        description=description,
        citizen_name=citizen_name,
        citizen_mobile=citizen_mobile,
        consent=consent,
        latitude=latitude,
        longitude=longitude,
        mobile_required=False,
    )
    if not _office_serves(office, neighbourhood):
        raise ValidationError({"neighbourhood": _("این محله در حوزه این دفتر تسهیلگری نیست.")})
    with transaction.atomic():
        demand = _create(
            office=office,
            channel=Demand.Channel.OFFICE,
            on_behalf_of_group=bool(on_behalf_of_group),
            status=Status.TRIAGE,
            created_by=user,
            confirmed_at=timezone.now(),
            **fields,
        )
        _attach(demand, files, user)
        _log_personal(user, demand, SensitiveAccessLog.Kind.CREATE)
        demand = lock_demand(demand)
        _receive(demand, user)
    return _fresh(demand)


# ---------------------------------------------------------------- online submission


def _send_code(demand: Demand, confirmation: PhoneConfirmation, code: str) -> None:
    text = _(
        "کد تأیید مطالبه شما: %(code)s\nاین کد %(minutes)s دقیقه اعتبار دارد.\nکد رهگیری: %(tracking)s"
    ) % {
        "code": code,
        "minutes": to_persian_digits(int(code_ttl().total_seconds() // 60)),
        "tracking": demand.tracking_code,
    }
    # every code is its own message (a resend within the same second included)
    queue_citizen_sms(demand=demand, key=f"code:{uuid.uuid4().hex}", text=text, supporters=False)


def demand_submit_online(
    *,
    category: DemandCategory,
    neighbourhood: Territory,
    title: str,
    description: str,
    citizen_name: str,
    citizen_mobile: str,
    consent: bool,
    client_ip: str,
    on_behalf_of_group: bool = False,
    latitude: Any = None,
    longitude: Any = None,
    channel: str = Demand.Channel.ONLINE,
    photos: Any = (),
) -> Demand:
    """A citizen's own submission: UNCONFIRMED until the SMS code comes back (demand_confirm). Photos
    (JPG/PNG, checked like evidence before anything is written) are kept with it.

    Raises RateLimited (per address, then per number) — counted even when the submission fails.
    """
    ratelimit.check("submit-ip", client_ip, "PEYGIR_DEMAND_SUBMIT_PER_IP")
    fields = _fields(
        category=category,
        neighbourhood=neighbourhood,
        title=title,
        description=description,
        citizen_name=citizen_name,
        citizen_mobile=citizen_mobile,
        consent=consent,
        latitude=latitude,
        longitude=longitude,
        mobile_required=True,
    )
    ratelimit.check("submit-phone", fields["citizen_mobile"], "PEYGIR_DEMAND_SUBMIT_PER_PHONE")
    photos = list(photos or ())
    for photo in photos:
        if not validate_upload(photo).content_type.startswith("image/"):
            raise ValidationError(
                {"photos": _("«%(name)s» عکس نیست؛ تنها JPG یا PNG بفرستید.") % {"name": photo.name}}
            )
    code = generate_sms_code()
    with transaction.atomic():
        demand = _create(
            office=office_for_neighbourhood(neighbourhood),
            channel=channel,
            on_behalf_of_group=bool(on_behalf_of_group),
            status=Status.UNCONFIRMED,
            **fields,
        )
        confirmation = PhoneConfirmation.objects.create(
            demand=demand,
            code_hash=hash_sms_code(code, salt=demand.tracking_code),
            expires_at=timezone.now() + code_ttl(),
        )
        record(demand, EK.SUBMITTED, data={"channel": channel})
        _attach(demand, photos, None)
        _send_code(demand, confirmation, code)
    return demand


def demand_confirm(*, tracking_code: str, code: str, client_ip: str) -> Demand:
    """The citizen types the SMS code: the demand counts (TRIAGE) and is routed by the rules.

    Wrong codes are counted (5 per code, then a new code is needed); expired codes are refused.
    """
    ratelimit.check("confirm-ip", client_ip, "PEYGIR_DEMAND_CONFIRM_PER_IP")
    confirmation = (
        PhoneConfirmation.objects.select_related("demand")
        .filter(
            demand__tracking_code=normalize_tracking_code(tracking_code), demand__status=Status.UNCONFIRMED
        )
        .first()
    )
    if confirmation is None:
        raise phonecodes.bad_code()
    demand = confirmation.demand
    # spent, expired or wrong: refused; a wrong try is counted before any transaction of ours
    phonecodes.check_code(confirmation, code, salt=demand.tracking_code)
    with transaction.atomic():
        demand = lock_demand(demand)
        if demand.status != Status.UNCONFIRMED:
            return _fresh(demand)
        now = timezone.now()
        PhoneConfirmation.objects.filter(pk=confirmation.pk).update(confirmed_at=now)
        demand.confirmed_at = now
        demand.status = Status.TRIAGE
        save_demand(demand, "confirmed_at", "status")
        _log_personal(None, demand, SensitiveAccessLog.Kind.CREATE, "online")
        _receive(demand, None)
    return _fresh(demand)


def demand_resend_code(*, tracking_code: str, client_ip: str) -> None:
    """A new code for an unconfirmed demand (same limits as a submission); silent on a wrong code."""
    ratelimit.check("submit-ip", client_ip, "PEYGIR_DEMAND_SUBMIT_PER_IP")
    demand = Demand.objects.filter(
        tracking_code=normalize_tracking_code(tracking_code), status=Status.UNCONFIRMED
    ).first()
    if demand is None:
        return
    ratelimit.check("submit-phone", demand.citizen_mobile, "PEYGIR_DEMAND_SUBMIT_PER_PHONE")
    code = generate_sms_code()
    with transaction.atomic():
        confirmation, _created = PhoneConfirmation.objects.update_or_create(
            demand=demand,
            defaults={
                "code_hash": hash_sms_code(code, salt=demand.tracking_code),
                "attempts": 0,
                "expires_at": timezone.now() + code_ttl(),
            },
        )
        _send_code(demand, confirmation, code)
