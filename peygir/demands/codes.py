"""Tracking codes a citizen reads aloud over the phone and types back, and SMS confirmation codes.

The alphabet leaves out look-alikes (0/O, 1/I/L, 5/S, 8/B, U/V, Z, Q): whatever a citizen hears or
misreads, they can only type a character that means one thing. Eight characters from 22 give ~5×10¹⁰
codes; with the last four digits of the mobile and the per-address rate limit, guessing is hopeless.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings

from peygir.core.text import to_latin_digits

ALPHABET = "234679ACDEFGHJKMNPRTWXY"
CODE_LENGTH = 8
_NOISE = re.compile(r"[\s\-_\.\u200c\u200d\u200e\u200f\u0640]")


def format_tracking_code(raw: str) -> str:
    """ "ABCD2345" → "ABCD-2345" (the stored and printed form)."""
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == CODE_LENGTH else raw


def generate_tracking_code() -> str:
    """A fresh code in its printed form XXXX-XXXX (uniqueness is checked by the caller)."""
    return format_tracking_code("".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)))


def normalize_tracking_code(value: str | None) -> str:
    """Fold Persian/Arabic digits, case, spaces and dashes: "abcd ۲۳۴۶" → "ABCD-2346".

    Anything that cannot be a code comes back folded but unformatted, so a lookup simply misses.
    """
    text = _NOISE.sub("", to_latin_digits(str(value or ""))).upper()
    if len(text) == CODE_LENGTH and all(ch in ALPHABET for ch in text):
        return format_tracking_code(text)
    return text[:20]


def is_valid_tracking_code(value: str) -> bool:
    raw = value.replace("-", "")
    return len(raw) == CODE_LENGTH and all(ch in ALPHABET for ch in raw)


def generate_sms_code() -> str:
    """Six random digits (Latin; the citizen may type them back in Persian digits)."""
    return f"{secrets.randbelow(10**6):06d}"


def hash_sms_code(code: str, *, salt: str) -> str:
    """HMAC-SHA256 keyed by SECRET_KEY and salted by the demand: the code never sits in the table."""
    message = f"{salt}:{to_latin_digits(code).strip()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def check_sms_code(code: str, *, salt: str, code_hash: str) -> bool:
    return hmac.compare_digest(hash_sms_code(code, salt=salt), code_hash)


def hash_key(value: str) -> str:
    """A short keyed digest (for rate-limit keys: addresses and numbers are not stored in clear)."""
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]
