"""Forms of the administration pages. Choices come from the views (already scoped by
`administration.access`); a choice outside them is refused by the field itself."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peygir.actions.deadlines import Deadline, parse_deadline
from peygir.committees.models import Committee, CommitteeMember
from peygir.core.jalali import JalaliDateError, parse_jalali_date
from peygir.core.money import RIALS_PER_TOMAN
from peygir.core.web.fields import JalaliDateField, PersianIntegerField, StyledForm, TextField
from peygir.core.web.widgets import quick_select, searchable_multiple
from peygir.organizations.models import Membership, Organization


def _pairs(items: Any, label: Any = str) -> list[tuple[int, str]]:
    return [(item.pk, label(item)) for item in items]


def _optional(items: Any, label: Any = str) -> list[tuple[Any, str]]:
    return [("", "—"), *_pairs(items, label)]


def _place(t: Any) -> str:
    return f"{t.name_fa} ({t.get_kind_display()})"


def _checkbox(form: forms.Form, *names: str) -> None:
    for name in names:
        form.fields[name].widget.attrs["class"] = "form-check-input"


def _quick(form: forms.Form, *names: str) -> None:
    for name in names:
        quick_select(form.fields[name], **{"class": "form-select form-select-sm"})


class CommitteeForm(StyledForm):
    name = TextField(label=_("نام"), max_length=300)
    kind = forms.ChoiceField(label=_("نوع"), choices=Committee.Kind.choices)
    territory = forms.TypedChoiceField(label=_("قلمرو"), coerce=int)
    secretariat = forms.TypedChoiceField(label=_("دبیرخانه"), coerce=int)
    parent = forms.TypedChoiceField(label=_("شورای بالادست"), coerce=int, required=False, empty_value=None)
    description = TextField(
        label=_("شرح"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_active = forms.BooleanField(label=_("فعال"), required=False, initial=True)

    def __init__(
        self, *args: Any, territories=(), organizations=(), councils=(), editing: bool = False, **kw: Any
    ):
        super().__init__(*args, **kw)
        self.fields["territory"].choices = _pairs(territories, _place)
        self.fields["secretariat"].choices = _pairs(organizations)
        self.fields["parent"].choices = _optional(councils)
        _quick(self, "kind", "territory", "secretariat", "parent")
        _checkbox(self, "is_active")
        if editing:
            # A committee stays where it was founded: its meetings and actions lie there.
            del self.fields["territory"]
        else:
            del self.fields["is_active"]


class CommitteeMemberForm(StyledForm):
    organization = forms.TypedChoiceField(label=_("سازمان"), coerce=int)
    position = forms.ChoiceField(label=_("سمت در کمیته"), choices=CommitteeMember.Position.choices)
    representative_title = TextField(label=_("عنوان نماینده"), max_length=200, required=False)

    def __init__(self, *args: Any, organizations=(), **kw: Any):
        super().__init__(*args, **kw)
        self.fields["organization"].choices = _pairs(organizations)
        _quick(self, "organization", "position")


ORG_KINDS = [
    (k, label)
    for k, label in Organization.Kind.choices
    if k not in (Organization.Kind.NATIONAL, Organization.Kind.FACILITATION_OFFICE)
]


class OrganizationForm(StyledForm):
    name = TextField(label=_("نام"), max_length=300)
    short_name = TextField(label=_("نام کوتاه"), max_length=120, required=False)
    kind = forms.ChoiceField(label=_("نوع"), choices=ORG_KINDS)
    territory = forms.TypedChoiceField(label=_("قلمرو"), coerce=int)
    parent = forms.TypedChoiceField(
        label=_("سازمان بالادست"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("برای اداره شهرستان، اداره کل استانی آن را انتخاب کنید."),
    )
    supervisor = forms.TypedChoiceField(label=_("سطح نظارتی"), coerce=int, required=False, empty_value=None)
    email = forms.EmailField(label=_("رایانامه"), required=False, max_length=254)
    phone = TextField(label=_("تلفن"), max_length=30, required=False)
    is_active = forms.BooleanField(label=_("فعال"), required=False, initial=True)
    members = forms.TypedMultipleChoiceField(
        label=_("اعضای گروه"),
        coerce=int,
        required=False,
        help_text=_("تنها برای «گروه دستگاه‌ها»: مصوبه‌ای که گروه را مسئول کند برای هر عضو یک اقدام می‌سازد."),
    )

    def __init__(self, *args: Any, territories=(), organizations=(), editing: bool = False, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["territory"].choices = _pairs(territories, _place)
        self.fields["parent"].choices = _optional(organizations)
        self.fields["supervisor"].choices = _optional(organizations)
        self.fields["members"].choices = _pairs(organizations)
        _quick(self, "kind", "territory", "parent", "supervisor")
        searchable_multiple(self.fields["members"])
        _checkbox(self, "is_active")
        if editing:
            # Kind and place decide who reads the organization's work: not changed after the fact.
            del self.fields["kind"], self.fields["territory"]
        else:
            del self.fields["is_active"]


class PersonForm(StyledForm):
    username = TextField(label=_("نام کاربری"), max_length=150, help_text=_("با حروف لاتین، بی‌فاصله."))
    first_name = TextField(label=_("نام"), max_length=150, required=False)
    last_name = TextField(label=_("نام خانوادگی"), max_length=150, required=False)
    title = TextField(label=_("سمت"), max_length=200, required=False)
    email = forms.EmailField(label=_("رایانامه"), required=False, max_length=254)
    mobile = TextField(label=_("تلفن همراه"), max_length=15, required=False)
    organization = forms.TypedChoiceField(label=_("سازمان"), coerce=int)
    role = forms.ChoiceField(label=_("نقش"), choices=Membership.Role.choices)
    is_active = forms.BooleanField(label=_("فعال"), required=False, initial=True)

    def __init__(self, *args: Any, organizations=(), editing: bool = False, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["organization"].choices = _pairs(organizations)
        _quick(self, "organization", "role")
        _checkbox(self, "is_active")
        if editing:
            del self.fields["username"], self.fields["organization"], self.fields["role"]
        else:
            del self.fields["is_active"]

    def clean_username(self) -> str:
        value = self.cleaned_data["username"]
        if not value.isascii() or " " in value:
            raise forms.ValidationError(_("نام کاربری را با حروف و ارقام لاتین و بی‌فاصله بنویسید."))
        return value


class MembershipForm(StyledForm):
    organization = forms.TypedChoiceField(label=_("سازمان"), coerce=int)
    role = forms.ChoiceField(label=_("نقش"), choices=Membership.Role.choices)

    def __init__(self, *args: Any, organizations=(), **kw: Any):
        super().__init__(*args, **kw)
        self.fields["organization"].choices = _pairs(organizations)
        _quick(self, "organization", "role")


class CategoryForm(StyledForm):
    name = TextField(label=_("نام"), max_length=200)
    code = TextField(
        label=_("کد"),
        max_length=60,
        required=False,
        help_text=_("برای Open311؛ خالی بماند تا خودکار داده شود."),
    )
    parent = forms.TypedChoiceField(label=_("دسته بالادست"), coerce=int, required=False, empty_value=None)
    service_level_days = PersianIntegerField(label=_("مهلت رسیدگی (روز کاری)"), min_value=1, max_value=365)
    description = TextField(
        label=_("شرح"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    order = PersianIntegerField(label=_("ترتیب"), min_value=0, max_value=1000, required=False)
    is_active = forms.BooleanField(label=_("فعال"), required=False, initial=True)

    def __init__(self, *args: Any, categories=(), editing: bool = False, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["parent"].choices = _optional(categories)
        _quick(self, "parent")
        _checkbox(self, "is_active")
        if editing:
            del self.fields["code"]
        else:
            del self.fields["is_active"]


class RoutingRuleForm(StyledForm):
    category = forms.TypedChoiceField(label=_("دسته مطالبه"), coerce=int)
    territory = forms.TypedChoiceField(label=_("قلمرو"), coerce=int)
    agency = forms.TypedChoiceField(label=_("دستگاه مسئول"), coerce=int)
    is_active = forms.BooleanField(label=_("فعال"), required=False, initial=True)

    def __init__(self, *args: Any, categories=(), territories=(), agencies=(), **kw: Any):
        super().__init__(*args, **kw)
        self.fields["category"].choices = _pairs(categories)
        self.fields["territory"].choices = _pairs(territories, _place)
        self.fields["agency"].choices = _pairs(agencies)
        _quick(self, "category", "territory", "agency")
        _checkbox(self, "is_active")


class CalendarOverrideForm(StyledForm):
    date = JalaliDateField(label=_("تاریخ"))
    is_holiday = forms.TypedChoiceField(
        label=_("این روز"),
        coerce=lambda v: v == "1",
        choices=[("1", _("تعطیل است")), ("0", _("کاری است"))],
    )
    title = TextField(
        label=_("عنوان"), max_length=200, required=False, help_text=_("مثلاً «تعطیلی به علت آلودگی هوا»")
    )

    def __init__(self, *args: Any, **kw: Any):
        super().__init__(*args, **kw)
        _quick(self, "is_holiday")


class OfficeForm(StyledForm):
    opened_on = JalaliDateField(label=_("تاریخ گشایش"), required=False)
    budget_tomans = PersianIntegerField(label=_("اعتبار (تومان)"), min_value=0, required=False)
    operator = forms.TypedChoiceField(
        label=_("مجری (سمن یا نهاد)"), coerce=int, required=False, empty_value=None
    )
    is_pilot = forms.BooleanField(label=_("دفتر پایلوت"), required=False)
    neighbourhoods = forms.TypedMultipleChoiceField(label=_("محله‌های تحت پوشش"), coerce=int, required=False)

    def __init__(self, *args: Any, operators=(), neighbourhoods=(), **kw: Any):
        super().__init__(*args, **kw)
        self.fields["operator"].choices = _optional(operators)
        self.fields["neighbourhoods"].choices = _pairs(neighbourhoods, lambda t: t.name_fa)
        _quick(self, "operator")
        searchable_multiple(self.fields["neighbourhoods"])
        _checkbox(self, "is_pilot")

    @property
    def budget_rials(self) -> int:
        return (self.cleaned_data.get("budget_tomans") or 0) * RIALS_PER_TOMAN


class DirectiveForm(StyledForm):
    issuer = forms.TypedChoiceField(label=_("ابلاغ‌کننده"), coerce=int)
    title = TextField(label=_("متن ابلاغ"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    description = TextField(
        label=_("توضیح"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible = forms.TypedMultipleChoiceField(
        label=_("سازمان‌های مسئول"),
        coerce=int,
        help_text=_(
            "یک یا چند سازمان؛ برای هر سازمان یک اقدام جدا ساخته می‌شود. گروه‌ها به اعضایشان باز می‌شوند."
        ),
    )
    # Instructions give deadlines as letters do («ظرف ۱۰ روز»، «تا پایان آذر»), read from today the way
    # minutes' deadlines are read from the meeting's day; a date is also accepted.
    deadline = TextField(
        label=_("مهلت اقدام"),
        max_length=100,
        help_text=_(
            "تاریخ (۱۴۰۲/۰۷/۳۰)، مدت از امروز (ظرف ۱۰ روز، یک ماه) یا پایان ماه و سال (پایان مهر، پایان سال)"
        ),
    )

    def __init__(self, *args: Any, issuers=(), organizations=(), **kw: Any):
        super().__init__(*args, **kw)
        self.fields["issuer"].choices = _pairs(issuers)
        self.fields["responsible"].choices = _pairs(organizations)
        self.fields["responsible"].error_messages["required"] = _("دست‌کم یک سازمان مسئول انتخاب کنید.")
        self.fields["deadline"].widget.attrs.update(placeholder=_("مثلاً ظرف ۱۰ روز"))
        _quick(self, "issuer")
        searchable_multiple(self.fields["responsible"])

    def clean_deadline(self) -> Deadline:
        """The date and the words as typed (no words kept when a date was typed: the page shows it)."""
        raw = self.cleaned_data["deadline"]
        try:
            return Deadline(parse_jalali_date(raw), "")
        except JalaliDateError:
            pass
        try:
            return parse_deadline(raw, start=timezone.localdate())
        except JalaliDateError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc


class ImportUploadForm(StyledForm):
    file = forms.FileField(label=_("پرونده اکسل (xlsx)"))
    issuer = forms.TypedChoiceField(label=_("ابلاغ‌کننده"), coerce=int, required=False)

    def __init__(self, *args: Any, issuers=None, **kw: Any):
        super().__init__(*args, **kw)
        if issuers is None:
            del self.fields["issuer"]
        else:
            self.fields["issuer"].choices = _pairs(issuers)
            self.fields["issuer"].required = True
            _quick(self, "issuer")
