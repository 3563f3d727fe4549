"""Checks of what people type in grants: national IDs, Sheba numbers, amounts in tomans, themes."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from stdnum import iban
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.iso7064 import mod_97_10

from peygir.core.errors import ValidationError
from peygir.core.money import RIALS_PER_TOMAN
from peygir.core.text import to_latin_digits
from peygir.programs.models import Theme

_SEPARATORS = re.compile(r"[\s,\u066c\u060c\u066b'._]")
NATIONAL_ID_WEIGHTS = (29, 27, 23, 19, 17, 29, 27, 23, 19, 17)


def national_id_check_digit(first_ten: str) -> int:
    """The control digit of an Iranian legal entity's national ID (شناسه ملی اشخاص حقوقی): the tenth
    digit plus two is added to each of the first ten, weighted 29, 27, 23, 19, 17 …, modulo 11."""
    bump = int(first_ten[9]) + 2
    total = sum((int(d) + bump) * w for d, w in zip(first_ten, NATIONAL_ID_WEIGHTS, strict=True))
    rest = total % 11
    return 0 if rest == 10 else rest


def check_national_id(value: Any, *, field: str = "national_id") -> str:
    text = to_latin_digits(str(value or "")).strip()
    if not re.fullmatch(r"\d{11}", text):
        raise ValidationError({field: _("شناسه ملی باید ۱۱ رقم باشد.")})
    if national_id_check_digit(text[:10]) != int(text[10]):
        raise ValidationError({field: _("شناسه ملی نادرست است (رقم کنترل آن نمی‌خواند).")})
    return text


def check_sheba(value: Any, *, field: str = "sheba", required: bool = False) -> str:
    """An Iranian IBAN (شبا): IR and 24 digits, checked by its ISO 7064 mod 97-10 checksum.

    `stdnum.iban.validate` knows only the countries of the SWIFT registry, which does not list Iran,
    so the country's format is checked here and the checksum with stdnum's own mod 97-10."""
    text = iban.compact(to_latin_digits(str(value or "")))
    if not text:
        if required:
            raise ValidationError({field: _("شماره شبا را وارد کنید.")})
        return ""
    if text.isdigit() and len(text) == 24:
        text = "IR" + text
    if not re.fullmatch(r"IR\d{24}", text):
        raise ValidationError({field: _("شماره شبا باید IR و ۲۴ رقم باشد.")})
    try:
        mod_97_10.validate(text[4:] + text[:4])
    except StdnumError as exc:
        raise ValidationError({field: _("شماره شبا نادرست است (رقم کنترل آن نمی‌خواند).")}) from exc
    return text


def sheba_with_check_digits(bban: str) -> str:
    """A valid Sheba for a 22-digit account part (demo data, tests)."""
    return "IR" + iban.calc_check_digits("IR00" + bban) + bban


def parse_tomans(value: Any, *, field: str = "amount", allow_zero: bool = False) -> int:
    """An amount typed in tomans («۲۳۰٬۰۰۰٬۰۰۰», «230,000,000», ٢٣٠٠٠٠٠٠٠) → rials."""
    if isinstance(value, int):
        tomans = value
    else:
        text = _SEPARATORS.sub("", to_latin_digits(str(value or "")))
        if not text.isdigit():
            raise ValidationError({field: _("مبلغ را به تومان و با رقم وارد کنید؛ مثلاً ۲۳۰٬۰۰۰٬۰۰۰.")})
        tomans = int(text)
    if tomans < 0 or (tomans == 0 and not allow_zero):
        raise ValidationError({field: _("مبلغ باید بیشتر از صفر باشد.")})
    if tomans > 10**14:
        raise ValidationError({field: _("مبلغ بیش از اندازه بزرگ است.")})
    return tomans * RIALS_PER_TOMAN


def check_rials(value: Any, *, field: str, allow_zero: bool = False) -> int:
    try:
        amount = int(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError({field: _("مبلغ نادرست است.")}) from exc
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationError({field: _("مبلغ باید بیشتر از صفر باشد.")})
    return amount


def check_themes(values: Any, *, field: str = "themes") -> list[str]:
    items = [str(v) for v in (values or [])]
    unknown = [v for v in items if v not in Theme.values]
    if unknown:
        raise ValidationError({field: _("حوزه ناشناخته: %(v)s") % {"v": "، ".join(unknown)}})
    return sorted(set(items), key=Theme.values.index)
