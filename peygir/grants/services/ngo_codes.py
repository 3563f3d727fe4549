"""The representative's mobile, confirmed by a code sent by SMS when an NGO registers itself.

The mechanism is the one citizens' online demands use (`peygir.notifications.phonecodes`: six digits,
only their keyed hash stored, five wrong tries, ten minutes; `peygir.notifications.ratelimit`: counters
shared by every app server). Until the code comes back the registration is `unconfirmed`: out of the
office's queue, and the office cannot verify it. The code is only in the SMS — never in a log line, a
page or a table.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.text import to_persian_digits
from peygir.core.versioning import lock_row, save_versioned
from peygir.notifications import phonecodes, ratelimit
from peygir.notifications.outbox import queue_sms

from ..models import NgoEvent, NgoPhoneConfirmation, NgoProfile

# Codes sent to one number a day (the registration's and the resent ones), and tries from one address
# an hour (settings may change both: PEYGIR_NGO_CODES_PER_PHONE, PEYGIR_NGO_CONFIRM_PER_IP).
CODES_PER_PHONE = "5/day"
CONFIRM_PER_IP = "20/hour"

Status = NgoProfile.Status


def _salt(profile: NgoProfile) -> str:
    return f"ngo-registration:{profile.pk}"


def check_code_rate(mobile: str) -> None:
    """Counted before anything is written, and kept when the registration is refused: a number cannot
    be flooded with codes by registering again and again."""
    ratelimit.check(
        "ngo-code-phone",
        mobile,
        "PEYGIR_NGO_CODES_PER_PHONE",
        default=CODES_PER_PHONE,
        message=_("برای این شماره همراه امروز چند کد فرستاده‌ایم؛ فردا دوباره تلاش کنید."),
    )


def send_code(profile: NgoProfile, mobile: str) -> None:
    """A fresh code for the registration (replacing an older one, its tries counted again) and its SMS,
    inside the caller's transaction: delivered after the commit, never if the registration fails."""
    code = phonecodes.generate_sms_code()
    ttl = phonecodes.code_ttl()
    NgoPhoneConfirmation.objects.update_or_create(
        profile=profile,
        defaults={"mobile": mobile, **phonecodes.code_fields(code, salt=_salt(profile), ttl=ttl)},
    )
    text = _("کد تأیید %(code)s برای ثبت‌نام سمن «%(name)s»؛ این کد %(minutes)s دقیقه اعتبار دارد.") % {
        "code": code,
        "name": profile.organization.name[:80],
        "minutes": to_persian_digits(int(ttl.total_seconds() // 60)),
    }
    # every code is its own message (a resend within the same second included)
    queue_sms([(mobile, f"ngo:{profile.pk}:code:{uuid.uuid4().hex}")], text)


def _waiting(profile: NgoProfile) -> NgoPhoneConfirmation | None:
    return NgoPhoneConfirmation.objects.filter(
        profile_id=profile.pk, profile__status=Status.UNCONFIRMED
    ).first()


def ngo_confirm_mobile(*, profile: NgoProfile, code: str, client_ip: str | None) -> NgoProfile:
    """The representative types the code: the registration goes to the office's queue (pending).

    Whoever holds the code may type it (the page finds the registration in the visitor's session or
    as the signed-in applicant's). Wrong codes are counted, five per code; an expired code is refused;
    tries from one address are limited (RateLimited)."""
    ratelimit.check("ngo-confirm-ip", client_ip or "-", "PEYGIR_NGO_CONFIRM_PER_IP", default=CONFIRM_PER_IP)
    confirmation = _waiting(profile)
    if confirmation is None:
        raise phonecodes.bad_code()
    # spent, expired or wrong: refused; a wrong try is counted before our transaction opens
    phonecodes.check_code(confirmation, code, salt=_salt(profile))
    return do_ngo_mobile_confirmed(profile=profile)


@transaction.atomic
def do_ngo_mobile_confirmed(*, profile: NgoProfile) -> NgoProfile:
    """The number is the representative's: pending for the office, the event in the history, and the
    number on the applicant's account when it had none. Once only (a second call changes nothing)."""
    profile = lock_row(NgoProfile.objects, profile.pk)
    if profile.status != Status.UNCONFIRMED:
        return profile
    profile.status = Status.PENDING
    save_versioned(profile, "status")
    confirmation = NgoPhoneConfirmation.objects.filter(profile=profile).first()
    if confirmation is not None:
        NgoPhoneConfirmation.objects.filter(pk=confirmation.pk).update(confirmed_at=timezone.now())
        if profile.applicant_id:
            get_user_model().objects.filter(pk=profile.applicant_id, mobile="").update(
                mobile=confirmation.mobile
            )
    NgoEvent.objects.create(profile=profile, kind=NgoEvent.Kind.CONFIRMED, actor=profile.applicant)
    profile.refresh_from_db()
    return profile


def ngo_resend_code(*, profile: NgoProfile) -> bool:
    """A new code to the same number for a registration still unconfirmed (the per-number limit holds);
    False when there is nothing to confirm."""
    confirmation = _waiting(profile)
    if confirmation is None:
        return False
    check_code_rate(confirmation.mobile)
    with transaction.atomic():
        send_code(NgoProfile.objects.select_related("organization").get(pk=profile.pk), confirmation.mobile)
    return True


def masked_mobile(profile: Any) -> str:
    """ "0913***4567": enough for the representative to recognize the number the code went to."""
    confirmation = NgoPhoneConfirmation.objects.filter(profile_id=profile.pk).only("mobile").first()
    mobile = confirmation.mobile if confirmation else ""
    return f"{mobile[:4]}***{mobile[-4:]}" if len(mobile) >= 8 else ""


def confirmed_mobile(profile: Any) -> str:
    """The representative's number once the code confirmed it ("" before, or for an NGO the office
    registered)."""
    return (
        NgoPhoneConfirmation.objects.filter(profile_id=profile.pk, confirmed_at__isnull=False)
        .values_list("mobile", flat=True)
        .first()
        or ""
    )
