"""Forms of the NGO registry's pages: an NGO registering itself (with its representative's account
for a visitor) and the NGO keeping its profile."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peygir.core.text import to_latin_digits
from peygir.core.web.fields import JalaliDateField, MultipleFileField, StyledForm, TextField
from peygir.core.web.widgets import searchable_multiple
from peygir.programs.models import Theme


class NgoRegisterForm(StyledForm):
    """An NGO registers itself. The account part is shown to a visitor without an account only."""

    name = TextField(label=_("نام سمن"), max_length=300)
    national_id = TextField(
        label=_("شناسه ملی"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    registration_number = TextField(label=_("شماره ثبت"), max_length=40)
    licence_issuer = TextField(
        label=_("مرجع صدور مجوز"), max_length=200, help_text=_("مثلاً وزارت کشور، بهزیستی")
    )
    licence_expires_on = JalaliDateField(label=_("پایان اعتبار مجوز"))
    county = forms.TypedChoiceField(label=_("شهرستان محل فعالیت"), coerce=int)
    themes = forms.MultipleChoiceField(label=_("حوزه‌ها"), choices=Theme.choices, required=False)
    phone = TextField(label=_("تلفن سمن"), max_length=30, required=False)
    email = forms.EmailField(label=_("رایانامه سمن"), required=False, max_length=254)
    sheba = TextField(
        label=_("شماره شبا"), max_length=40, required=False, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    board = TextField(
        label=_("هیئت مدیره"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("هر عضو در یک سطر: نام | سمت | تلفن"),
    )
    licence_file = forms.FileField(label=_("تصویر پروانه فعالیت"), help_text=_("PDF، JPG یا PNG"))
    other_files = MultipleFileField(label=_("مدارک دیگر (اساسنامه، آگهی تأسیس …)"))
    first_name = TextField(label=_("نام نماینده"), max_length=150, required=False)
    last_name = TextField(label=_("نام خانوادگی نماینده"), max_length=150, required=False)
    mobile = TextField(
        label=_("تلفن همراه نماینده"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr"}),
    )
    username = TextField(
        label=_("نام کاربری"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("گذرواژه"),
        required=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("تکرار گذرواژه"),
        required=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    ACCOUNT = ("first_name", "last_name", "mobile", "username", "password", "password2")

    def __init__(self, *args: Any, counties=(), with_account: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        searchable_multiple(self.fields["themes"])  # searchable, not Ctrl+click
        self.fields["county"].choices = [("", "—")] + [
            (c.pk, f"{c.name_fa} ({c.parent.name_fa})" if c.parent_id else c.name_fa) for c in counties
        ]
        self.with_account = with_account
        # The mobile is asked of everyone: a code is sent to it, and the registration waits for it.
        self.fields["mobile"].required = True
        self.fields["mobile"].help_text = _("کد تأیید به این شماره پیامک می‌شود.")
        for name in self.ACCOUNT:
            if with_account:
                self.fields[name].required = True  # the service checks them again, with its messages
            elif name != "mobile":
                del self.fields[name]

    def board_contacts(self) -> list[dict[str, str]]:
        return board_rows(self.cleaned_data.get("board", ""))

    def documents(self) -> list[tuple[str, Any]]:
        d = self.cleaned_data
        docs = [(str(_("پروانه فعالیت")), d["licence_file"])] if d.get("licence_file") else []
        return docs + [(f.name[:200], f) for f in d.get("other_files") or []]

    def account(self) -> dict[str, Any] | None:
        if not self.with_account:
            return None
        return {name: self.cleaned_data.get(name, "") for name in self.ACCOUNT}


def board_rows(text: str) -> list[dict[str, str]]:
    rows = []
    for line in (text or "").splitlines():
        parts = [p.strip() for p in line.split("|")] + ["", ""]
        if parts[0]:
            rows.append({"name": parts[0], "role": parts[1], "phone": parts[2]})
    return rows


class NgoProfileForm(StyledForm):
    registration_number = TextField(label=_("شماره ثبت"), max_length=40, required=False)
    licence_issuer = TextField(label=_("مرجع صدور مجوز"), max_length=200)
    licence_expires_on = JalaliDateField(
        label=_("پایان اعتبار مجوز"),
        help_text=_("برای تمدید، تصویر مجوز تازه را در «مدرک» پیوست کنید: دفتر آن را بررسی و تأیید می‌کند."),
    )
    themes = forms.MultipleChoiceField(label=_("حوزه‌ها"), choices=Theme.choices, required=False)
    sheba = TextField(label=_("شماره شبا"), max_length=40, required=False)
    board = TextField(
        label=_("هیئت مدیره"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("هر عضو در یک سطر: نام | سمت | تلفن"),
    )
    document_title = TextField(label=_("عنوان مدرک"), max_length=200, required=False)
    document = forms.FileField(label=_("مدرک"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        searchable_multiple(self.fields["themes"])  # searchable, not Ctrl+click

    def board_contacts(self) -> list[dict[str, str]]:
        return board_rows(self.cleaned_data.get("board", ""))


class CodeForm(StyledForm):
    """The code the representative received by SMS (any digits; the service says whether it is right)."""

    code = forms.CharField(
        label=_("کد تأیید پیامک‌شده"),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr", "autocomplete": "one-time-code"}),
    )

    def clean_code(self) -> str:
        text = to_latin_digits(self.cleaned_data["code"]).strip()
        if not text.isdigit():
            raise forms.ValidationError(_("کد تأیید فقط رقم است."), code="invalid")
        return text
