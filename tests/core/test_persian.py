"""Persian words as people mean them: the analysis search and similarity share (core.persian)."""

from __future__ import annotations

import pytest

from peygir.core import persian


@pytest.mark.parametrize(
    "variants",
    [
        ["کلاس‌های ورزشی", "کلاس های ورزشی", "کلاسهای ورزشی", "كلاس‌هاي ورزشي"],
        ["مدرسه‌ای", "مدرسه ای", "مدرسه"],
        ["می‌شود", "می شود", "میشود"],
        ["سکونتگاه‌های غیررسمی", "سكونتگاه هاي غير رسمي".replace("غير رسمي", "غيررسمي")],
        ["ساماندهی متکدیان", "ساماندهي متكديان", "ساماندهـــی مُتِکدیان"],
    ],
)
def test_spellings_of_one_phrase_have_the_same_stems(variants):
    assert len({tuple(persian.stems(v)) for v in variants}) == 1, [persian.stems(v) for v in variants]


def test_a_compound_in_two_words_or_one_matches_either_way():
    joined, apart, zwnj = "کتابخانه", "کتاب خانه", "کتاب‌خانه"
    assert set(persian.document(apart).split()) >= {"کتاب", "خانه", "کتابخانه"}
    assert persian.document(apart) == persian.document(zwnj)
    # the query «کتاب خانه» accepts the document that has the joined word
    groups = persian.query_groups(apart)
    assert all(any(term in persian.document(joined).split() for term in group) for group in groups)
    # and the query «کتابخانه» finds the document written apart
    assert all(
        any(term in persian.document(apart).split() for term in group)
        for group in persian.query_groups(joined)
    )


def test_stems_keep_short_words_and_place_names():
    assert persian.stem("کرمان") == "کرمان"  # not «کرم»
    assert persian.stem("تهران") == "تهران"
    # every form of a word meets, however many suffixes it carries and however they are written
    assert len({persian.stem(w) for w in ("نوجوان", "نوجوانان", "نوجوانانی")}) == 1
    assert len({tuple(persian.stems(w)) for w in ("سازمان", "سازمانهای", "سازمان‌های", "سازمان های")}) == 1
    assert persian.stem("ورزشی") == "ورزش"
    assert persian.stem("کار") == "کار"


def test_stop_words_and_digits():
    assert persian.stems("برگزاری جلسه در سال ۱۴۰۲ و ١٤٠٣") == ["برگزار", "جلسه", "سال", "1402", "1403"]


def test_character_ngrams_forgive_a_lost_space():
    a, b = persian.char_ngrams("کتابخانه عمومی"), persian.char_ngrams("کتاب خانه عمومی")
    assert len(a & b) / len(a | b) > 0.5
    assert persian.char_ngrams("") == set()
