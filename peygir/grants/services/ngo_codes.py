"""The representative's mobile, confirmed by a code sent by SMS when an NGO registers itself.

The mechanism is the one citizens' online demands use (`peygir.notifications.phonecodes`: six digits,
only their keyed hash stored, a few wrong tries, a validity; `peygir.notifications.ratelimit`: counters
shared by every app server), with the NGOs' own settings (below). Until the code comes back the
registration is `unconfirmed`: out of the office's queue, and the office cannot verify it. The code is
only in the SMS — never in a log line, a page or a table.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.text import to_persian_digits
from peygir.core.versioning import lock_row, save_versioned
from peygir.notifications import phonecodes, ratelimit
from peygir.notifications.outbox import queue_sms

from ..models import NgoEvent, NgoPhoneConfirmation, NgoProfile

# The defaults of the settings that change them (peygir/settings.py reads each from the environment):
# codes sent to one number a day, the registration's and the resent ones (PEYGIR_NGO_CODES_PER_PHONE);
# tries from one address an hour (PEYGIR_NGO_CONFIRM_PER_IP); how long a code is good for
# (PEYGIR_NGO_CODE_TTL_SECONDS); wrong tries that spend a code (PEYGIR_NGO_CODE_ATTEMPTS); the wait
# before another code for the same registration (PEYGIR_NGO_CODE_RESEND_SECONDS).
CODES_PER_PHONE = "5/day"
CONFIRM_PER_IP = "20/hour"
CODE_TTL_SECONDS = 600
CODE_ATTEMPTS = 5
RESEND_SECONDS = 60

Status = NgoProfile.Status


def _salt(profile: NgoProfile) -> str:
    return f"ngo-registration:{profile.pk}"


def check_code_rate(mobile: str) -> None:
    """Counted before anything is written, and kept when the registration is refused: a number cannot
    be flooded with codes by registering again and again."""
    _limit, window = ratelimit.limit_setting("PEYGIR_NGO_CODES_PER_PHONE", CODES_PER_PHONE)
    ratelimit.check(
        "ngo-code-phone",
        mobile,
        "PEYGIR_NGO_CODES_PER_PHONE",
        default=CODES_PER_PHONE,
        # "tomorrow" only when the setting counts by the day
        message=_("برای این شماره همراه امروز چند کد فرستاده‌ایم؛ فردا دوباره تلاش کنید.")
        if window >= 86400
        else _("برای این شماره همراه به‌تازگی چند کد فرستاده‌ایم؛ کمی بعد دوباره تلاش کنید."),
    )


def code_ttl() -> dt.timedelta:
    return dt.timedelta(seconds=int(getattr(settings, "PEYGIR_NGO_CODE_TTL_SECONDS", CODE_TTL_SECONDS)))


def code_attempts() -> int:
    return max(1, int(getattr(settings, "PEYGIR_NGO_CODE_ATTEMPTS", CODE_ATTEMPTS)))


def resend_wait() -> dt.timedelta:
    return dt.timedelta(
        seconds=max(0, int(getattr(settings, "PEYGIR_NGO_CODE_RESEND_SECONDS", RESEND_SECONDS)))
    )


def send_code(profile: NgoProfile, mobile: str) -> None:
    """A fresh code for the registration (replacing an older one, its tries counted again) and its SMS,
    inside the caller's transaction: delivered after the commit, never if the registration fails."""
    code = phonecodes.generate_sms_code()
    ttl = code_ttl()
    NgoPhoneConfirmation.objects.update_or_create(
        profile=profile,
        defaults={
            "mobile": mobile,
            "sent_at": timezone.now(),
            **phonecodes.code_fields(code, salt=_salt(profile), ttl=ttl),
        },
    )
    text = _("کد تأیید %(code)s برای ثبت‌نام سمن «%(name)s»؛ این کد %(minutes)s دقیقه اعتبار دارد.") % {
        "code": code,
        "name": profile.organization.name[:80],
        # a validity under a minute is still told as one minute, not zero
        "minutes": to_persian_digits(max(1, math.ceil(ttl.total_seconds() / 60))),
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
    as the signed-in applicant's). Wrong codes are counted, `code_attempts()` per code; an expired code
    is refused; tries from one address are limited (RateLimited)."""
    ratelimit.check("ngo-confirm-ip", client_ip or "-", "PEYGIR_NGO_CONFIRM_PER_IP", default=CONFIRM_PER_IP)
    confirmation = _waiting(profile)
    if confirmation is None:
        raise phonecodes.bad_code()
    # spent, expired or wrong: refused; a wrong try is counted before our transaction opens
    phonecodes.check_code(confirmation, code, salt=_salt(profile), max_attempts=code_attempts())
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


def seconds_before_resend(confirmation: NgoPhoneConfirmation) -> int:
    """How long the representative still waits before another code may be sent (0: now)."""
    sent = confirmation.sent_at or confirmation.created_at
    left = (sent + resend_wait() - timezone.now()).total_seconds()
    return max(0, math.ceil(left))


def _claim_resend(confirmation: NgoPhoneConfirmation) -> bool:
    """Take the right to send the next code: one conditional UPDATE, so two clicks at the same moment
    send one code, and a click within the wait sends none."""
    now = timezone.now()
    cutoff = now - resend_wait()
    due = Q(sent_at__lte=cutoff) | Q(sent_at__isnull=True, created_at__lte=cutoff)
    return bool(NgoPhoneConfirmation.objects.filter(due, pk=confirmation.pk).update(sent_at=now))


def ngo_resend_code(*, profile: NgoProfile) -> bool:
    """A new code to the same number for a registration still unconfirmed, once the wait since the last
    one has passed (RateLimited with the seconds left before) and within the per-number limit; False
    when there is nothing to confirm."""
    confirmation = _waiting(profile)
    if confirmation is None:
        return False
    if not _claim_resend(confirmation):
        wait = max(1, seconds_before_resend(confirmation))
        raise ratelimit.RateLimited(
            _("کد پیشین همین تازگی فرستاده شد؛ %(seconds)s ثانیه دیگر می‌توانید کد تازه بخواهید.")
            % {"seconds": to_persian_digits(wait)},
            retry_after=wait,
        )
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
