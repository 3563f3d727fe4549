"""The API's exception handler: service errors become 400 with fields, 409 and 404."""

from __future__ import annotations

import pytest
from rest_framework.test import APIRequestFactory

from peygir.api.errors import exception_handler
from peygir.core.errors import ConflictError, NotAllowed, ValidationError
from peygir.core.jalali import JalaliDateError


def handle(exc: Exception):
    request = APIRequestFactory().get("/")
    return exception_handler(exc, {"request": request, "view": None})


def test_field_errors_keep_their_field_and_persian_message():
    response = handle(ValidationError({"reason": "این بخش را پر کنید.", "__all__": "کلی"}))
    assert response.status_code == 400
    assert response.data == {"reason": ["این بخش را پر کنید."], "non_field_errors": ["کلی"]}


def test_plain_validation_error_is_non_field():
    response = handle(ValidationError("نادرست"))
    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["نادرست"]}


def test_conflict_is_409():
    response = handle(ConflictError("کاربر دیگری تغییر داده است"))
    assert response.status_code == 409
    assert response.data["detail"] == "کاربر دیگری تغییر داده است"


def test_not_allowed_looks_like_not_found():
    assert handle(NotAllowed()).status_code == 404


def test_jalali_date_error_is_400():
    response = handle(JalaliDateError("تاریخ نادرست"))
    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["تاریخ نادرست"]}


@pytest.mark.parametrize("exc", [ValueError("boom"), KeyError("x")])
def test_other_errors_are_not_swallowed(exc):
    assert handle(exc) is None
