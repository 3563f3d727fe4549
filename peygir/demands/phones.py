"""Iranian mobile numbers in any digit form, folded to one canonical form: "+989121234567".

Citizens type ۰۹۱۲…, ٠٩١٢…, 0912…, 912…, 0098912… or +98912…, with spaces or dashes; a number
stored one way and searched another would split the same citizen in two (and the status page would
not find their demand).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from peygir.core.errors import ValidationError
from peygir.core.text import to_latin_digits

_SEPARATORS = re.compile(r"[\s\-\.\(\)\u200c\u200e\u200f\u202a-\u202e]")
_NATIONAL = re.compile(r"^9\d{9}$")


def normalize_mobile(value: str, *, field: str = "citizen_mobile") -> str:
    """The canonical "+989XXXXXXXXX", or ValidationError({field: Persian message}) for anything else."""
    text = _SEPARATORS.sub("", to_latin_digits(str(value or "")))
    if text.startswith("+98"):
        rest = text[3:]
    elif text.startswith("0098"):
        rest = text[4:]
    elif text.startswith("98") and len(text) == 12:
        rest = text[2:]
    elif text.startswith("0"):
        rest = text[1:]
    else:
        rest = text
    if not _NATIONAL.match(rest):
        raise ValidationError({field: _("شماره همراه درست نیست؛ آن را به شکل ۰۹۱۲۱۲۳۴۵۶۷ وارد کنید.")})
    return "+98" + rest


def mobile_last4(canonical: str) -> str:
    """The four digits a citizen types on the status page."""
    return canonical[-4:] if canonical else ""


def mask_mobile(canonical: str) -> str:
    """For screens that must show that a number exists without showing it: "۰۹۱۲***۴۵۶۷"-like."""
    if not canonical:
        return ""
    national = "0" + canonical[3:]
    return national[:4] + "***" + national[-4:]
