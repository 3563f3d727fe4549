"""Password rules (digits only in any script, common ones in Persian or Latin) and the page where
everyone changes their own password."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.auth import sign_in


@pytest.mark.parametrize(
    "password",
    [
        "۱۳۶۲۰۴۱۸۹۷۵۳",  # Persian digits
        "١٣٦٢٠٤١٨٩٧٥٣",  # Arabic-Indic digits
        "8613-2049-7531",  # Latin, with separators
        "۱۳۶۲ ۰۴۱۸ ۹۷۵۳",
    ],
)
def test_digits_only_are_refused_in_any_script(password):
    with pytest.raises(ValidationError) as info:
        validate_password(password)
    assert "password_entirely_numeric" in [e.code for e in info.value.error_list]


@pytest.mark.parametrize(
    "password",
    ["حشسسصخقی۱۲۳", "password1234", "رمزعبور۱۲۳۴۵", "peygir14031403", "ززززززززززززز"],
    ids=["password-on-persian-keyboard", "latin-common", "persian-common", "site-name", "repeated"],
)
def test_common_passwords_are_refused(password):
    with pytest.raises(ValidationError) as info:
        validate_password(password)
    assert "password_too_common" in [e.code for e in info.value.error_list]


@pytest.mark.parametrize("password", ["زمستان‌سرد-اراک۹۷", "kooh-e-Alvand 1403"])
def test_reasonable_passwords_pass(password):
    validate_password(password)


def test_a_person_changes_their_password_and_their_other_sessions_end(world):
    user = world.users["liaison"]
    user.set_password("old-pass-peygir-1")
    user.save()
    here, elsewhere = sign_in(Client(), user), sign_in(Client(), user)
    assert elsewhere.get(reverse("web:inbox")).status_code == 200
    url = reverse("account:password_change")
    weak = here.post(
        url,
        {
            "old_password": "old-pass-peygir-1",
            "new_password1": "۱۲۳۴۵۶۷۸۹۰۱۲",
            "new_password2": "۱۲۳۴۵۶۷۸۹۰۱۲",
        },
    )
    assert weak.status_code == 400 and "فقط از رقم" in weak.content.decode()
    good = "زمستان‌سرد-اراک۹۷"
    response = here.post(
        url, {"old_password": "old-pass-peygir-1", "new_password1": good, "new_password2": good}
    )
    assert response.status_code == 302 and response["Location"] == reverse("account:security")
    assert get_user_model().objects.get(pk=user.pk).check_password(good)
    assert here.get(reverse("web:inbox")).status_code == 200  # this session survives
    assert elsewhere.get(reverse("web:inbox")).status_code == 302  # the other one is signed out


def test_the_wrong_old_password_changes_nothing(world):
    user = world.users["liaison"]
    user.set_password("old-pass-peygir-1")
    user.save()
    client = sign_in(Client(), user)
    good = "زمستان‌سرد-اراک۹۷"
    response = client.post(
        reverse("account:password_change"),
        {"old_password": "nope", "new_password1": good, "new_password2": good},
    )
    assert response.status_code == 400
    assert get_user_model().objects.get(pk=user.pk).check_password("old-pass-peygir-1")
