"""Tracking codes a citizen reads aloud over the phone and types back; the SMS confirmation codes are
the notifications' (`peygir.notifications.phonecodes`, shared with the NGOs' registration) and are
named here for the demands' modules.

The alphabet leaves out look-alikes (0/O, 1/I/L, 5/S, 8/B, U/V, Z, Q): whatever a citizen hears or
misreads, they can only type a character that means one thing. Eight characters from 22 give ~5×10¹⁰
codes; with the last four digits of the mobile and the per-address rate limit, guessing is hopeless.
"""

from __future__ import annotations

import re
import secrets

from peygir.core.text import to_latin_digits
from peygir.notifications.phonecodes import check_sms_code, generate_sms_code, hash_key, hash_sms_code

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


__all__ = [
    "ALPHABET",
    "CODE_LENGTH",
    "check_sms_code",
    "format_tracking_code",
    "generate_sms_code",
    "generate_tracking_code",
    "hash_key",
    "hash_sms_code",
    "is_valid_tracking_code",
    "normalize_tracking_code",
]
