"""Password rules beyond Django's: a password of digits only is refused in any script (Persian ۰–۹,
Arabic-Indic ٠–٩, Latin, with or without separators), and so are the common ones typed in Persian —
a common Latin password typed on a Persian keyboard («حشسسصخقی» is "password"), Persian words every
guesser tries, the site's own name, one character repeated."""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from peygir.core.text import normalize_text, to_latin_digits

# The standard Persian (ISIRI 9147) keyboard: the character each key gives → the Latin one.
_FA_KEYS = "ضصثقفغعهخحجچشسیبلاتنمکگظطزرذدپو"
_EN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,"
_KEYBOARD = str.maketrans(_FA_KEYS + "ئ", _EN_KEYS[: len(_FA_KEYS)] + "m")

PERSIAN_COMMON = {
    "رمزعبور",
    "رمز عبور",
    "گذرواژه",
    "پسورد",
    "سلام",
    "سلامسلام",
    "ایران",
    "ایران۱۴۰۰",
    "دوستت دارم",
    "خدا",
    "یاعلی",
    "یاحسین",
    "یامهدی",
    "محمد",
    "علی",
    "فاطمه",
    "زهرا",
    "پیگیر",
    "استانداری",
    "فرمانداری",
}
SITE_WORDS = {"peygir", "paygir", "admin", "administrator", "istandari", "ostandari"}


def _squeeze(password: str) -> str:
    """Without spaces, dashes, dots or slashes (the separators people put between digits)."""
    return "".join(
        ch for ch in password if not (ch.isspace() or unicodedata.category(ch).startswith(("P", "Z")))
    )


class NotOnlyDigitsValidator:
    def validate(self, password: str, user: Any = None) -> None:
        core = _squeeze(password)
        if core and all(unicodedata.category(ch) == "Nd" for ch in core):
            raise ValidationError(
                _("گذرواژه نباید فقط از رقم (فارسی، عربی یا لاتین) ساخته شود؛ حرف هم به کار ببرید."),
                code="password_entirely_numeric",
            )

    def get_help_text(self) -> str:
        return _("گذرواژه نباید فقط از رقم ساخته شود.")


@cache
def _common() -> frozenset[str]:
    return frozenset(CommonPasswordValidator().passwords)


def _forms(password: str) -> set[str]:
    """The password as a guesser would try it: digits folded, Persian letters as their keyboard keys."""
    lowered = to_latin_digits(password).strip().lower()
    return {lowered, lowered.translate(_KEYBOARD), _squeeze(lowered), _squeeze(lowered).translate(_KEYBOARD)}


class NotCommonPersianValidator:
    def validate(self, password: str, user: Any = None) -> None:
        forms = _forms(password)
        normalized = normalize_text(password).replace(" ", "")
        stripped = to_latin_digits(normalized).rstrip("0123456789")
        common = _common()
        if (
            forms & common
            or any(f.rstrip("0123456789!@#.") in SITE_WORDS for f in forms)
            or normalized in {normalize_text(w).replace(" ", "") for w in PERSIAN_COMMON}
            or (stripped and stripped in {normalize_text(w).replace(" ", "") for w in PERSIAN_COMMON})
            or len(set(_squeeze(password))) <= 2
        ):
            raise ValidationError(
                _("این گذرواژه بسیار رایج است و به‌آسانی حدس زده می‌شود."), code="password_too_common"
            )

    def get_help_text(self) -> str:
        return _("گذرواژه نباید از گذرواژه‌های رایج (به فارسی یا لاتین) باشد.")
