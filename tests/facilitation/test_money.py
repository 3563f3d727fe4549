"""format_toman: rials stored, tomans shown as people say them."""

import pytest

from peygir.core.money import format_toman, group_digits


@pytest.mark.parametrize(
    ("rials", "expected"),
    [
        (None, ""),
        (0, "۰ تومان"),
        (10, "۱ تومان"),
        (5_000, "۵۰۰ تومان"),
        (1_500_000, "۱۵۰ هزار تومان"),
        (12_500_000, "۱ میلیون و ۲۵۰ هزار تومان"),
        (2_000_000_000, "۲۰۰ میلیون تومان"),
        (2_300_000_000, "۲۳۰ میلیون تومان"),
        (20_000_000_000, "۲ میلیارد تومان"),
        (25_000_000_000, "۲ میلیارد و ۵۰۰ میلیون تومان"),
        (12_345_678_900, "۱ میلیارد و ۲۳۴ میلیون و ۵۶۷ هزار و ۸۹۰ تومان"),
        (10_000_000_000_000, "۱٬۰۰۰ میلیارد تومان"),
        (125, "۱۲ تومان و ۵ ریال"),
        (5, "۵ ریال"),
        (-20_000_000_000, "-۲ میلیارد تومان"),
    ],
)
def test_format_toman(rials, expected):
    assert format_toman(rials) == expected


def test_group_digits():
    assert group_digits(1234567) == "۱٬۲۳۴٬۵۶۷"
    assert group_digits(-12) == "-۱۲"


def test_english_interface_writes_latin_digits_and_english_units():
    from django.utils import translation

    with translation.override("en"):
        assert format_toman(2_300_000_000) == "230 million toman"
        assert format_toman(12_500_000) == "1 million and 250 thousand toman"
        assert group_digits(-12_500) == "-12,500"
    assert format_toman(2_300_000_000) == "۲۳۰ میلیون تومان"
