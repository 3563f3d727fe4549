"""One-time codes sent by SMS to confirm a mobile number — the citizen's online demand, the NGO's
self-registration — issued and checked one way for every page that asks for one.

A code is six random digits; only its HMAC (keyed by SECRET_KEY, salted by what it confirms) is stored
on a `PhoneCode` row, with the wrong tries and the deadline. Five wrong tries spend the code, an
expired one is refused; either way a new code is needed. The code itself is only in the SMS: never in
a log line, a page or the row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import ValidationError
from peygir.core.text import to_latin_digits

from .models import PhoneCode

CODE_TTL = dt.timedelta(minutes=10)
MAX_CODE_ATTEMPTS = 5


def generate_sms_code() -> str:
    """Six random digits (Latin; the person may type them back in Persian digits)."""
    return f"{secrets.randbelow(10**6):06d}"


def hash_sms_code(code: str, *, salt: str) -> str:
    """HMAC-SHA256 keyed by SECRET_KEY and salted by the record: the code never sits in the table."""
    message = f"{salt}:{to_latin_digits(code).strip()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def check_sms_code(code: str, *, salt: str, code_hash: str) -> bool:
    return hmac.compare_digest(hash_sms_code(code, salt=salt), code_hash)


def hash_key(value: str) -> str:
    """A short keyed digest (for rate-limit keys: addresses and numbers are not stored in clear)."""
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def code_ttl(setting_name: str = "PEYGIR_SMS_CODE_TTL_SECONDS") -> dt.timedelta:
    """How long a code is good for: the named setting in seconds, ten minutes without it."""
    return dt.timedelta(seconds=int(getattr(settings, setting_name, CODE_TTL.total_seconds())))


def code_fields(code: str, *, salt: str, ttl: dt.timedelta) -> dict:
    """The fields of a fresh code's row (a new row, or an older code replaced: tries start again)."""
    return {
        "code_hash": hash_sms_code(code, salt=salt),
        "attempts": 0,
        "expires_at": timezone.now() + ttl,
        "confirmed_at": None,
    }


def bad_code() -> ValidationError:
    return ValidationError({"code": _("کد تأیید درست نیست.")})


def check_code(row: PhoneCode, code: str, *, salt: str, max_attempts: int = MAX_CODE_ATTEMPTS) -> None:
    """Refuse a spent, expired or wrong code with its Persian message under `code`; `max_attempts`
    wrong tries spend it (a domain may read its own setting).

    A wrong try is counted at once with an UPDATE of its own, outside any transaction of the caller's
    that the refusal rolls back: call it before opening one, so the next try sees the count."""
    if row.attempts >= max_attempts:
        raise ValidationError({"code": _("تعداد تلاش‌ها بیش از حد مجاز شد؛ کد تازه درخواست کنید.")})
    if row.expires_at < timezone.now():
        raise ValidationError({"code": _("مهلت این کد گذشته است؛ کد تازه درخواست کنید.")})
    if not check_sms_code(to_latin_digits(code or "").strip(), salt=salt, code_hash=row.code_hash):
        type(row).objects.filter(pk=row.pk).update(attempts=F("attempts") + 1)
        raise bad_code()
