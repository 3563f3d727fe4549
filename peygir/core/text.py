"""Digits and Persian text normalization.

Text is stored as typed; a normalized copy feeds search and similarity.
"""

import re
import unicodedata

from django.utils.translation import gettext as _

from .errors import ValidationError

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)

# Arabic letters that Persian keyboards and old documents mix in.
_LETTERS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "\u0640": None,  # tatweel
    }
)
_ZW = re.compile("[\u200c\u200d\u200e\u200f\u00ad\ufeff]")
_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def to_latin_digits(value: str) -> str:
    """Fold Persian and Arabic-Indic digits to ASCII digits."""
    return value.translate(_TO_LATIN)


def to_persian_digits(value: object) -> str:
    """Render any value with Persian digits (for display)."""
    return str(value).translate(_TO_PERSIAN)


def strip_diacritics(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def normalize_text(value: str | None) -> str:
    """The normalized copy of a text, for search and similarity.

    Arabic ی/ک folded to Persian, diacritics and tatweel removed, zero-width characters turned
    into spaces, punctuation dropped, digits folded to ASCII, spacing collapsed, lower case.
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFKC", value)
    text = text.translate(_LETTERS)
    text = strip_diacritics(text)
    text = unicodedata.normalize("NFC", text)
    text = _ZW.sub(" ", text)
    text = to_latin_digits(text)
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip().lower()


def clean_input(value: str | None) -> str:
    """Tidy a typed value without changing its meaning: trim, unify spaces, drop control chars."""
    if not value:
        return ""
    text = "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    return text.strip()


def check_text(value: object, *, field: str, required: bool = False, limit: int = 5000) -> str:
    """A typed text, cleaned, or ValidationError under `field` with a Persian message.

    Zero-width characters alone (a stray ZWNJ from a Persian keyboard) are not a text.
    """
    text = clean_input(str(value) if value is not None else "")
    if required and not "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip():
        raise ValidationError({field: _("این بخش را پر کنید.")})
    if len(text) > limit:
        raise ValidationError(
            {field: _("متن بیش از %(limit)s نویسه است.") % {"limit": to_persian_digits(limit)}}
        )
    return text
