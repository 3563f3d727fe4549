"""The filter backend of every list: ids that no database column can hold are a 400, not a 500.

A filter on a foreign key or an integer (`?parent=…`, `?territory=…`) passes what the client typed
to the database. SQLite raises OverflowError on an integer beyond 64 bits (a 500) and a float like
`1e300` becomes such an integer; PostgreSQL answers another way. So the value is checked before any
query, the same on both: a whole number within the signed 64-bit range, or a clear Persian error.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend

from peygir.core.text import to_latin_digits

INT64_MAX = 2**63 - 1
INT_FIELDS = (forms.ModelChoiceField, forms.IntegerField, forms.DecimalField, forms.FloatField)


def fits_int64(value: Any) -> bool:
    """True for an int (or text of one, any digits) within the signed 64-bit range."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return -INT64_MAX - 1 <= value <= INT64_MAX
    text = to_latin_digits(str(value)).strip()
    if not text.lstrip("-+").isdigit():
        return False
    return -INT64_MAX - 1 <= int(text) <= INT64_MAX


def _number_in_range(value: Any) -> bool:
    try:
        number = Decimal(to_latin_digits(str(value)).strip())
    except InvalidOperation:
        return True  # not a number at all: the field's own cleaning says so
    return number.is_finite() and -INT64_MAX - 1 <= number <= INT64_MAX


def _guard(field: forms.Field, clean: Callable[[Any], Any]) -> Callable[[Any], Any]:
    ids = isinstance(field, forms.ModelChoiceField)

    def guarded(value: Any) -> Any:
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if item in (None, ""):
                continue
            if ids and not fits_int64(item):
                raise ValidationError(_("شناسه باید عددی صحیح باشد."), code="invalid")
            if not ids and not _number_in_range(item):
                raise ValidationError(_("این عدد بیش از اندازه بزرگ است."), code="invalid")
        return clean(value)

    return guarded


def guard_form(form: forms.Form) -> forms.Form:
    """Check ids and numbers of the form's fields before the fields' own cleaning touches the database."""
    for field in form.fields.values():
        if isinstance(field, INT_FIELDS) and not getattr(field, "_peygir_guarded", False):
            field.clean = _guard(field, field.clean)  # the form's own copy of the field
            field._peygir_guarded = True
    return form


class FilterBackend(DjangoFilterBackend):
    """DjangoFilterBackend whose forms refuse out-of-range ids and numbers with a 400."""

    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            guard_form(filterset.form)
        return filterset
