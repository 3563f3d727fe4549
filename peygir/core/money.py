"""Money: stored in rials as integers, shown in tomans the way people say it.

Budgets are spoken amounts: «۲ میلیارد تومان», «۲۳۰ میلیون تومان». Printing
20,000,000,000 rials as «۲۰٬۰۰۰٬۰۰۰٬۰۰۰ ریال» is exact but nobody reads it at a glance, so amounts
are split into the units people use (میلیارد، میلیون، هزار) joined with «و», with no rounding:
a budget must never look larger or smaller than it is.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .text import persian_digits, to_persian_digits

RIALS_PER_TOMAN = 10
PERSIAN_THOUSANDS_SEPARATOR = "\u066c"  # «٬»


def group_digits(value: int) -> str:
    """۱۲٬۵۰۰ — thousands separators and Persian digits; 12,500 in the English interface (whose digits
    are Latin: a Persian zero reads as a bullet there)."""
    sign = "-" if value < 0 else ""
    if not persian_digits():
        return sign + f"{abs(value):,}"
    return to_persian_digits(sign + f"{abs(value):,}".replace(",", PERSIAN_THOUSANDS_SEPARATOR))


def format_toman(rials: int | None) -> str:
    """«۲ میلیارد تومان», «۲۰۰ میلیون تومان», «۱ میلیون و ۲۵۰ هزار تومان»; empty for None.

    Rials that do not make a whole toman are kept («۱۲ تومان و ۵ ریال») rather than rounded away.
    """
    if rials is None:
        return ""
    rials = int(rials)
    if rials < 0:
        return "-" + format_toman(-rials)
    tomans, rest_rials = divmod(rials, RIALS_PER_TOMAN)
    units = [
        (10**9, _("میلیارد")),
        (10**6, _("میلیون")),
        (10**3, _("هزار")),
    ]
    parts: list[str] = []
    remaining = tomans
    for size, name in units:
        count, remaining = divmod(remaining, size)
        if count:
            parts.append(f"{group_digits(count)} {name}")
    if remaining or not parts:
        parts.append(group_digits(remaining))
    conjunction = _("و")
    joiner = f" {conjunction} "
    text = joiner.join(parts) + " " + _("تومان")
    if rest_rials:
        text += joiner + f"{group_digits(rest_rials)} " + _("ریال")
    if tomans == 0 and rest_rials:
        text = f"{group_digits(rest_rials)} " + _("ریال")
    return text
