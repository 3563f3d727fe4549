"""Mobile numbers in any digit form; tracking codes without look-alikes."""

import pytest

from peygir.core.errors import ValidationError
from peygir.demands.codes import (
    ALPHABET,
    generate_tracking_code,
    is_valid_tracking_code,
    normalize_tracking_code,
)
from peygir.demands.phones import mask_mobile, normalize_mobile

CANONICAL = "+989121234567"


@pytest.mark.parametrize(
    "value",
    [
        "09121234567",
        "۰۹۱۲۱۲۳۴۵۶۷",
        "٠٩١٢١٢٣٤٥٦٧",
        "9121234567",
        "00989121234567",
        "+989121234567",
        "989121234567",
        "+98 912 123 4567",
        "0912-123-4567",
        "۰۹۱۲ ۱۲۳ ۴۵ ۶۷",
        "(0912) 123-4567",
        "\u200e+98 912 1234567",
    ],
)
def test_valid_mobile_forms(value):
    assert normalize_mobile(value) == CANONICAL


@pytest.mark.parametrize(
    "value",
    [
        "",
        "0912123456",
        "091212345678",
        "02188776655",
        "+1 912 123 4567",
        "۰۹۱۲abc۴۵۶۷",
        "8121234567",
        "+98 812 123 4567",
    ],
)
def test_invalid_mobiles_are_refused_in_persian(value):
    with pytest.raises(ValidationError) as err:
        normalize_mobile(value)
    assert "شماره همراه" in err.value.message_dict["citizen_mobile"][0]


def test_mask_mobile():
    assert mask_mobile(CANONICAL) == "0912***4567"


def test_alphabet_has_no_look_alikes():
    for ch in "01OILSBZ5U8VQ":
        assert ch not in ALPHABET
    assert len(set(ALPHABET)) == len(ALPHABET)


def test_generated_codes_are_printed_as_two_groups_of_four():
    codes = {generate_tracking_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 9 and code[4] == "-"
        assert all(ch in ALPHABET for ch in code.replace("-", ""))
        assert is_valid_tracking_code(code)


@pytest.mark.parametrize(
    "typed",
    [
        "7CKM-3XR9",
        "7ckm-3xr9",
        "7CKM3XR9",
        " 7ckm 3xr9 ",
        "۷CKM-۳XR۹",
        "٧ckm—٣xr٩".replace("—", "-"),
        "7CK M3X R9",
    ],
)
def test_tracking_code_round_trip(typed):
    assert normalize_tracking_code(typed) == "7CKM-3XR9"


def test_impossible_code_stays_impossible():
    assert not is_valid_tracking_code(normalize_tracking_code("0OIL-1234"))
