"""The citizen's public forms (no account): online submission, the SMS code, the status lookup
and the rating. Digits may be typed in Persian, Arabic-Indic or Latin."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peygir.core.text import to_latin_digits
from peygir.core.web.fields import StyledForm
from peygir.demands.codes import normalize_tracking_code

from .demands import DemandFieldsMixin, PhotoFilesField, QuickSelect, TextField, _textarea, style_checks


class Last4Field(forms.CharField):
    """The last four digits of the mobile, in Persian, Arabic-Indic or Latin digits."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("چهار رقم آخر تلفن همراه"))
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "dir": "ltr",
                    "placeholder": gettext_lazy("مثلاً ۴۵۶۷"),
                    "autocomplete": "off",
                }
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        text = to_latin_digits(super().clean(value) or "").strip()
        if len(text) != 4 or not text.isdigit():
            raise ValidationError(_("چهار رقم آخر شماره همراه را وارد کنید."), code="invalid")
        return text


class TrackingCodeField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("کد رهگیری"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "dir": "ltr",
                    "placeholder": gettext_lazy("مثلاً ABCD-2345"),
                    "autocomplete": "off",
                    "autocapitalize": "characters",
                }
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        return normalize_tracking_code(text) if text else ""


class PublicSubmitForm(DemandFieldsMixin, StyledForm):
    """The citizen's own form: county first (it narrows the neighbourhoods), photos optional."""

    field_order = [
        "category",
        "county",
        "neighbourhood",
        "title",
        "description",
        "citizen_name",
        "citizen_mobile",
        "consent",
        "on_behalf_of_group",
        "latitude",
        "longitude",
        "photos",
    ]
    county = forms.TypedChoiceField(
        label=gettext_lazy("شهرستان"), coerce=int, empty_value=None, required=False, widget=QuickSelect
    )

    photos = PhotoFilesField(label=gettext_lazy("عکس (اختیاری، تا ۵ عکس)"), required=False)

    def __init__(self, *args: Any, counties: list, neighbourhoods: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("همه شهرستان‌ها"))] + [
            (c.pk, f"{c.name_fa} — {c.parent.name_fa}" if c.parent_id else c.name_fa) for c in counties
        ]
        # Choosing a county swaps in its neighbourhoods (htmx); without JavaScript, a button does.
        self.fields["county"].widget.attrs.update(
            {
                "hx-get": reverse("web:demand_public_submit"),
                "hx-target": "#id_neighbourhood",
                "hx-swap": "outerHTML",
                "hx-trigger": "change",
            }
        )
        self.set_neighbourhoods(neighbourhoods)
        if not neighbourhoods:  # a large deployment: the county comes first
            self.fields["neighbourhood"].choices = [("", _("— اول شهرستان را انتخاب کنید —"))]
        self.fields["consent"].label = _("رضایت می‌دهم نام و شماره همراهم برای پیگیری این درخواست ثبت شود")
        self.fields["citizen_name"].label = _("نام و نام خانوادگی")
        style_checks(self)


class ConfirmForm(StyledForm):
    tracking_code = TrackingCodeField()
    code = forms.CharField(
        label=gettext_lazy("کد تأیید پیامک‌شده"),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr", "autocomplete": "one-time-code"}),
    )

    def clean_code(self) -> str:
        text = to_latin_digits(self.cleaned_data["code"]).strip()
        if not text.isdigit():
            raise ValidationError(_("کد تأیید فقط رقم است."), code="invalid")
        return text


class StatusLookupForm(StyledForm):
    tracking_code = TrackingCodeField()
    mobile_last4 = Last4Field()


RATING_CHOICES = [(n, "★" * n) for n in range(5, 0, -1)]


class RateForm(StyledForm):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("از رسیدگی به درخواستتان چقدر راضی هستید؟"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("یکی از ستاره‌ها را انتخاب کنید.")},
    )
    not_resolved = forms.BooleanField(
        label=gettext_lazy("مشکل حل نشد (درخواست دوباره پیگیری شود)"), required=False
    )
    comment = TextField(
        label=gettext_lazy("توضیح (اختیاری)"), max_length=1000, required=False, widget=_textarea(2)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_checks(self)
