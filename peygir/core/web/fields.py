"""Form fields that speak the way people type in Iran: Jalali dates and any kind of digits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peygir.core.jalali import JalaliDateError, format_jalali, parse_jalali_date, parse_time
from peygir.core.text import clean_input, to_latin_digits, to_persian_digits


class JalaliDateInput(forms.TextInput):
    """A text input wired to the Jalali date picker; a Gregorian initial value is shown as Jalali."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        # A hint ("for example …"), styled as one (core/forms.css), so nobody takes it for a value.
        base = {
            "data-jdp": "",
            "autocomplete": "off",
            "placeholder": gettext_lazy("مثلاً ۱۴۰۲/۰۷/۳۰"),
            "dir": "ltr",
        }
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            # Persian digits, as the picker writes them (it reads them back too).
            return format_jalali(value)
        return super().format_value(value)


class JalaliDateField(forms.CharField):
    """Accepts ۱۴۰۲/۰۷/۳۰, ١٤٠٢/٠٧/٣٠ or 1402/07/30 and cleans to a Gregorian date."""

    widget = JalaliDateInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:  # type: ignore[override]
        if isinstance(value, dt.date):
            return value
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_jalali_date(text)
        except JalaliDateError as exc:
            raise ValidationError(str(exc), code="invalid") from exc

    def run_validators(self, value: Any) -> None:
        # Validators of CharField (max length) apply to the typed text, checked in to_python.
        return None


class TimeTextField(forms.CharField):
    """A clock time typed as ۰۹:۳۰ or 9:30."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"placeholder": gettext_lazy("مثلاً ۰۹:۳۰"), "dir": "ltr"})
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.time | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_time(text)
        except JalaliDateError as exc:
            raise ValidationError(str(exc), code="invalid") from exc

    def run_validators(self, value: Any) -> None:
        return None


class PersianIntegerField(forms.IntegerField):
    """An integer typed with Persian, Arabic-Indic or Latin digits."""

    default_error_messages = {"invalid": gettext_lazy("یک عدد درست وارد کنید.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            # Thousands separators as people type them: «٬», «،», «,» and spaces (۲۳۰٬۰۰۰٬۰۰۰).
            value = to_latin_digits(value).strip()
            for separator in ("\u066c", "\u060c", ",", " ", "\u200c"):
                value = value.replace(separator, "")
        return super().to_python(value)

    def run_validators(self, value: Any) -> None:
        if value in self.empty_values:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                _("عدد باید دست‌کم %(n)s باشد.") % {"n": to_persian_digits(self.min_value)}, code="min_value"
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                _("عدد باید حداکثر %(n)s باشد.") % {"n": to_persian_digits(self.max_value)}, code="max_value"
            )


class TextField(forms.CharField):
    """A bounded text input; the typed text is stored as typed (only trimmed), escaped on output."""

    def to_python(self, value: Any) -> str:
        return clean_input(super().to_python(value))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files in one input; their type and size are checked by actions.evidence."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class StyledForm(forms.Form):
    """Gives every widget its Bootstrap class, so templates render fields without per-field markup."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if widget.is_hidden:
                continue
            css = (
                "form-select form-select-sm"
                if isinstance(widget, forms.Select)
                else "form-control form-control-sm"
            )
            widget.attrs["class"] = css
            if (
                isinstance(field, forms.CharField)
                and field.max_length
                and not isinstance(widget, forms.Select)
            ):
                widget.attrs.setdefault("maxlength", str(field.max_length))
