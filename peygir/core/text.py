"""Digits and Persian text normalization.

Text is stored as typed; a normalized copy feeds search and similarity.
"""

import functools
import re
import sys
import unicodedata

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .errors import ValidationError

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)


def persian_digits() -> bool:
    """Whether the active language writes Persian digits (every language but English, whose readers
    take a Persian zero for a bullet)."""
    return not (get_language() or "fa").startswith("en")


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
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def to_latin_digits(value: str) -> str:
    """Fold Persian and Arabic-Indic digits to ASCII digits."""
    return value.translate(_TO_LATIN)


def to_persian_digits(value: object) -> str:
    """Render any value with Persian digits (for display)."""
    return str(value).translate(_TO_PERSIAN)


# Search indexing normalizes millions of texts (search/indexing.py): each step below is one pass in C
# (a regular expression), where str.translate with a dictionary and per-character Python loops were
# most of the time. tests/core/test_text.py compares them with the plain definitions.
_LETTER_MAP = {chr(k): v or "" for k, v in _LETTERS.items()}
_LETTER_RE = re.compile("[" + "".join(_LETTER_MAP) + "]")
_DIGIT_MAP = {chr(k): chr(v) for k, v in _TO_LATIN.items()}
_DIGIT_RE = re.compile("[" + PERSIAN_DIGITS + ARABIC_DIGITS + "]")


def _mark_class(first: int, last: int) -> re.Pattern[str]:
    """The nonspacing marks (category Mn) between two code points, as one character class."""
    marks = [chr(c) for c in range(first, last + 1) if unicodedata.category(chr(c)) == "Mn"]
    return re.compile("[" + "".join(re.escape(m) for m in marks) + "]")


# Marks of the Basic Multilingual Plane: a class of such characters compiles to a bitmap (one lookup
# per character). Marks beyond it (rare, and a long list of ranges) are looked for only in the texts
# that have such characters at all.
_BMP_MARKS = _mark_class(0, 0xFFFF)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@functools.cache
def _astral_marks() -> re.Pattern[str]:
    return _mark_class(0x10000, sys.maxunicode)


def strip_diacritics(value: str) -> str:
    text = _BMP_MARKS.sub("", unicodedata.normalize("NFD", value))
    return _astral_marks().sub("", text) if _ASTRAL.search(text) else text


def normalize_text(value: str | None) -> str:
    """The normalized copy of a text, for search and similarity.

    Arabic ی/ک folded to Persian, diacritics and tatweel removed, zero-width characters turned
    into spaces, punctuation dropped, digits folded to ASCII, spacing collapsed, lower case.
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFKC", value)
    text = _LETTER_RE.sub(lambda m: _LETTER_MAP[m.group()], text)
    text = strip_diacritics(text)
    text = unicodedata.normalize("NFC", text)
    text = _ZW.sub(" ", text)
    text = _DIGIT_RE.sub(lambda m: _DIGIT_MAP[m.group()], text)
    text = _PUNCT.sub(" ", text)
    return " ".join(text.split()).lower()


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
