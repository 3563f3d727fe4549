from pathlib import Path

from peygir.core.text import clean_input, normalize_text, to_latin_digits, to_persian_digits

# The seed minutes as written (shared/seeds/002_…), kept beside the test: a clone stands on its own.
SEED_MINUTES = Path(__file__).resolve().parent / "data" / "seed_002_minutes.txt"


def test_arabic_letters_and_zwnj_fold_to_one_form():
    typed = ["دستگاه‌های اجرایی", "دستگاه هاي اجرايي", "دستگاههای اجرایی", "دستگاه های اجرایی"]
    forms = {normalize_text(t) for t in typed}
    assert normalize_text(typed[0]) == normalize_text(typed[1]) == normalize_text(typed[3])
    assert len(forms) <= 2  # a lost ZWNJ that glued the words cannot be recovered, only the rest


def test_kaf_yeh_diacritics_tatweel_digits():
    assert normalize_text("كارگروه") == normalize_text("کارگروه")
    assert normalize_text("مـــدارس") == "مدارس"
    assert normalize_text("مُصَوَّبه") == "مصوبه"
    assert (
        normalize_text("سال ۱۴۰۲") == normalize_text("سال 1402") == normalize_text("سال ١٤٠٢") == "سال 1402"
    )


def test_digits_both_ways():
    assert to_latin_digits("۱۴۰۲/٠٧/30") == "1402/07/30"
    assert to_persian_digits("1402/07/30") == "۱۴۰۲/۰۷/۳۰"


def test_clean_input_drops_control_characters_but_keeps_text():
    assert clean_input("  اقدام\x00 فوری\u0007 ") == "اقدام فوری"


def test_seed_minutes_normalize_to_searchable_text():
    """The seed minutes mix Arabic and Persian letters and lost ZWNJs; search must still find phrases."""
    minutes = SEED_MINUTES.read_text(encoding="utf-8")
    normalized = normalize_text(minutes)
    assert "ي" not in normalized and "ك" not in normalized
    assert normalize_text("اداره کل نوسازی مدارس") in normalized
    assert normalize_text("کارگروه اجتماعی، فرهنگی، سلامت، زنان و خانواده") in normalized
    assert "1402" in normalized


def _plain_normalize(value: str) -> str:
    """normalize_text as first written (one Python step per character): the fast version must agree."""
    import re
    import unicodedata

    from peygir.core import text

    if not value:
        return ""
    t = unicodedata.normalize("NFKC", value).translate(text._LETTERS)
    t = "".join(ch for ch in unicodedata.normalize("NFD", t) if unicodedata.category(ch) != "Mn")
    t = text._ZW.sub(" ", unicodedata.normalize("NFC", t)).translate(text._TO_LATIN)
    return re.sub(r"\s+", " ", text._PUNCT.sub(" ", t)).strip().lower()


def test_fast_normalization_equals_the_plain_definition() -> None:
    import random

    from peygir.core.text import normalize_text

    rng = random.Random(14)
    alphabet = (
        [chr(c) for c in range(0x0, 0x700)]
        + list("آأإؤئيكةۀًٌٍَُِّْٰٔ\u200c\u200d\ufeff\u0640 ۱۲٣") * 20
        + [chr(c) for c in range(0x1D165, 0x1D180)]  # marks beyond the BMP
        + ["\u3000", "\x1c", "\x85", "\xa0", "ﻻ", "ﷲ"]
    )
    for _ in range(3000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert normalize_text(value) == _plain_normalize(value), repr(value)
