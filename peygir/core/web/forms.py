"""GET forms every list page shares."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    q = forms.CharField(label=_("جستجو"), max_length=100, required=False)
