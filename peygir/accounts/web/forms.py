"""Forms of the account pages, styled for Bootstrap."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _


class StyledPasswordChangeForm(PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.update({"class": "form-control", "dir": "ltr"})


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("کد"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"class": "form-control", "dir": "ltr", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )
