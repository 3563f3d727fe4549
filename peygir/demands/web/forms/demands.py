"""Forms of the demand pages: the facilitator's intake, the office's and the agency's answers, the
citizen's public forms. They tidy and check what people type; the services decide the rest."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peygir.core.files import validate_upload
from peygir.core.text import to_latin_digits, to_persian_digits
from peygir.core.web.fields import JalaliDateField, MultipleFileField, StyledForm, TextField
from peygir.core.web.widgets import QuickSelect
from peygir.demands.codes import normalize_tracking_code
from peygir.demands.models import Demand, DemandCategory
from peygir.demands.phones import normalize_mobile
from peygir.territory.models import Territory

TEXT_LIMIT = 5000
MAX_FILES = 5


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "maxlength": TEXT_LIMIT})


# ---------------------------------------------------------------- choices


def category_choices() -> list[tuple[Any, str]]:
    """Active categories as one select, children indented under their parent (one query)."""
    rows = list(DemandCategory.objects.filter(is_active=True).only("id", "name", "parent_id", "order"))
    children: dict[int | None, list[DemandCategory]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    ids = {row.pk for row in rows}
    choices: list[tuple[Any, str]] = [("", _("— دسته را انتخاب کنید —"))]

    def walk(parent_id: int | None, depth: int) -> None:
        for row in children.get(parent_id, []):
            choices.append((row.pk, "\u00a0\u00a0\u00a0" * depth + ("› " if depth else "") + row.name))
            walk(row.pk, depth + 1)

    walk(None, 0)
    # An active child of an inactive parent still deserves a place.
    for parent_id, rows_ in children.items():
        if parent_id is not None and parent_id not in ids:
            for row in rows_:
                choices.append((row.pk, row.name))
                walk(row.pk, 1)
    return choices


def neighbourhood_label(territory: Territory) -> str:
    if territory.kind == Territory.Kind.COUNTY:
        # The fallback where no neighbourhood of the county is listed: the county's managers take it.
        return _("جای دیگری در %(county)s") % {"county": territory.name_fa}
    parent = territory.parent.name_fa if territory.parent_id and territory.parent else ""
    return f"{territory.name_fa} — {parent}" if parent else territory.name_fa


class CategoryField(forms.TypedChoiceField):
    """A category from the active tree; cleans to the DemandCategory."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("دسته مطالبه"))
        kwargs.setdefault("widget", QuickSelect)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": gettext_lazy("دسته را از فهرست انتخاب کنید."),
                "required": gettext_lazy("دسته مطالبه را انتخاب کنید."),
            },
        )
        super().__init__(coerce=int, empty_value=None, **kwargs)
        # The tree is read when a form is made (forms call load()), never at import time.

    def load(self) -> None:
        self.choices = category_choices()

    def clean(self, value: Any) -> DemandCategory | None:
        pk = super().clean(value)
        if pk is None:
            return None
        try:
            return DemandCategory.objects.get(pk=pk, is_active=True)
        except DemandCategory.DoesNotExist as exc:
            raise ValidationError(_("این دسته در دسترس نیست."), code="invalid_choice") from exc


class MobileField(forms.CharField):
    """A mobile number in any digit form; normalized by the demands core (one rule everywhere)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("تلفن همراه"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "inputmode": "tel",
                    "dir": "ltr",
                    "placeholder": gettext_lazy("مثلاً ۰۹۱۲۳۴۵۶۷۸۹"),
                    "autocomplete": "tel",
                }
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if not text:
            return ""
        try:
            return normalize_mobile(text)
        except ValidationError as exc:
            messages = exc.message_dict.get("citizen_mobile") if hasattr(exc, "error_dict") else exc.messages
            raise ValidationError(messages or exc.messages, code="invalid") from exc


class CoordinateField(forms.CharField):
    """A latitude or longitude typed with any digits; cleans to a Decimal inside its range."""

    def __init__(self, *, limit: int, **kwargs: Any) -> None:
        self.limit = limit
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"dir": "ltr", "inputmode": "decimal"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        if not text:
            return None
        text = to_latin_digits(text).replace("٫", ".").replace(",", ".").strip()
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise ValidationError(_("مختصات باید یک عدد باشد."), code="invalid") from exc
        if not number.is_finite() or abs(number) > self.limit:
            raise ValidationError(_("مختصات خارج از محدوده است."), code="invalid")
        return number.quantize(Decimal("0.000001"))


class EvidenceFilesField(MultipleFileField):
    """Attachments checked at once (type by content and extension, size), so a bad file is named
    on the form before anything is written."""

    def clean(self, data: Any, initial: Any = None) -> list:
        files = super().clean(data, initial)
        if len(files) > MAX_FILES:
            raise ValidationError(
                _("حداکثر %(n)s پرونده می‌توانید بفرستید.") % {"n": to_persian_digits(MAX_FILES)},
                code="too_many",
            )
        for upload in files:
            try:
                validate_upload(upload)
            except ValidationError as exc:
                raise ValidationError(exc.message_dict.get("files", exc.messages)) from exc
        return files


class PhotoFilesField(EvidenceFilesField):
    """A citizen's photos: the evidence checks, and images only (JPG or PNG by their content)."""

    def clean(self, data: Any, initial: Any = None) -> list:
        files = super().clean(data, initial)
        for upload in files:
            if not validate_upload(upload).content_type.startswith("image/"):
                raise ValidationError(
                    _("«%(name)s» عکس نیست؛ تنها JPG یا PNG بفرستید.") % {"name": upload.name},
                    code="not_image",
                )
        return files


def style_checks(form: forms.Form) -> None:
    """Checkboxes and radios get Bootstrap's check class (StyledForm gives every widget an input class)."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput | forms.RadioSelect):
            field.widget.attrs["class"] = "form-check-input"


# ---------------------------------------------------------------- intake


class DemandFieldsMixin(forms.Form):
    """What every intake asks: what, where, who."""

    category = CategoryField()
    neighbourhood = forms.TypedChoiceField(
        label=gettext_lazy("محله"),
        coerce=int,
        empty_value=None,
        widget=QuickSelect,
        error_messages={
            "invalid_choice": gettext_lazy("محله را از فهرست انتخاب کنید."),
            "required": gettext_lazy("محله را انتخاب کنید."),
        },
    )
    title = TextField(label=gettext_lazy("عنوان کوتاه"), max_length=300)
    description = TextField(label=gettext_lazy("شرح درخواست"), max_length=TEXT_LIMIT, widget=_textarea(4))
    citizen_name = TextField(label=gettext_lazy("نام و نام خانوادگی شهروند"), max_length=200)
    citizen_mobile = MobileField()
    on_behalf_of_group = forms.BooleanField(
        label=gettext_lazy("این درخواست از طرف جمعی از اهالی است"), required=False
    )
    latitude = CoordinateField(label=gettext_lazy("عرض جغرافیایی"), limit=90)
    longitude = CoordinateField(label=gettext_lazy("طول جغرافیایی"), limit=180)
    consent = forms.BooleanField(
        label=gettext_lazy("شهروند رضایت داد که نام و شماره همراهش برای پیگیری این درخواست ثبت شود"),
        error_messages={"required": gettext_lazy("بدون رضایت شهروند نمی‌توان نام و شماره او را ثبت کرد.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].load()

    def set_neighbourhoods(self, neighbourhoods: list[Territory]) -> None:
        self._neighbourhoods = {n.pk: n for n in neighbourhoods}
        self.fields["neighbourhood"].choices = [("", _("— محله را انتخاب کنید —"))] + [
            (n.pk, neighbourhood_label(n)) for n in neighbourhoods
        ]

    def clean_neighbourhood(self) -> Territory:
        pk = self.cleaned_data.get("neighbourhood")
        territory = self._neighbourhoods.get(pk) if pk is not None else None
        if territory is None:
            raise ValidationError(_("محله را از فهرست انتخاب کنید."), code="invalid_choice")
        return territory

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("latitude", _("عرض و طول جغرافیایی را با هم وارد کنید یا هر دو را خالی بگذارید."))
        return data


class DemandIntakeForm(DemandFieldsMixin, StyledForm):
    """The facilitator's form: one of their offices, one of its neighbourhoods, attachments."""

    field_order = [
        "office",
        "category",
        "neighbourhood",
        "title",
        "description",
        "files",
        "citizen_name",
        "citizen_mobile",
        "consent",
        "on_behalf_of_group",
        "latitude",
        "longitude",
    ]
    office = forms.TypedChoiceField(
        label=gettext_lazy("دفتر تسهیلگری"),
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": gettext_lazy("دفتر را از فهرست انتخاب کنید.")},
    )
    files = EvidenceFilesField(label=gettext_lazy("پیوست‌ها (عکس، PDF، …)"))

    def __init__(self, *args: Any, offices: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._offices = {o.pk: o for o in offices}
        self.fields["office"].choices = [(o.pk, o.organization.name) for o in offices]
        if len(offices) == 1:
            self.fields["office"].widget = forms.HiddenInput()
            self.fields["office"].initial = offices[0].pk
        # Neighbourhoods of every office the user serves; clean() checks the pair.
        seen: dict[int, Territory] = {}
        self._office_of: dict[int, set[int]] = {}
        for office in offices:
            for n in office.neighbourhoods.all():
                seen.setdefault(n.pk, n)
                self._office_of.setdefault(n.pk, set()).add(office.pk)
        self.set_neighbourhoods(sorted(seen.values(), key=lambda t: t.name_fa))
        style_checks(self)

    def clean_office(self) -> Any:
        office = self._offices.get(self.cleaned_data.get("office"))
        if office is None:
            raise ValidationError(_("دفتر را از فهرست انتخاب کنید."), code="invalid_choice")
        return office

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        office, neighbourhood = data.get("office"), data.get("neighbourhood")
        if office is not None and neighbourhood is not None:
            if office.pk not in self._office_of.get(neighbourhood.pk, set()):
                self.add_error("neighbourhood", _("این محله در پوشش دفتر انتخاب‌شده نیست."))
        return data


class SimilarQueryForm(forms.Form):
    """The few fields the "similar demands" lookup reads while the facilitator types."""

    neighbourhood = forms.IntegerField(required=False)
    title = forms.CharField(required=False, max_length=300)
    description = forms.CharField(required=False, max_length=TEXT_LIMIT)


class SupporterForm(StyledForm):
    """Attach the citizen in front of the facilitator to an existing demand ("also requested by")."""

    citizen_name = TextField(label=gettext_lazy("نام شهروند"), max_length=200, required=False)
    citizen_mobile = MobileField(required=False)
    note = TextField(
        label=gettext_lazy("یادداشت"), max_length=TEXT_LIMIT, required=False, widget=_textarea(2)
    )
    consent = forms.BooleanField(required=False)


# ---------------------------------------------------------------- office and agency answers


class OpForm(StyledForm):
    """Every form on the demand page carries the version it was read at (optimistic concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class AgencyChoiceForm(OpForm):
    agency = forms.TypedChoiceField(
        label=gettext_lazy("دستگاه مسئول"),
        coerce=int,
        empty_value=None,
        widget=QuickSelect,
        error_messages={
            "invalid_choice": gettext_lazy("دستگاه را از فهرست انتخاب کنید."),
            "required": gettext_lazy("دستگاه مسئول را انتخاب کنید."),
        },
    )

    def __init__(self, *args: Any, agencies: list = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self._agencies = {a.pk: a for a in agencies}
        self.fields["agency"].choices = [("", _("— دستگاه را انتخاب کنید —"))] + [
            (a.pk, a.name) for a in agencies
        ]

    def clean_agency(self) -> Any:
        agency = self._agencies.get(self.cleaned_data.get("agency"))
        if agency is None:
            raise ValidationError(_("دستگاه را از فهرست انتخاب کنید."), code="invalid_choice")
        return agency


class RerouteForm(AgencyChoiceForm):
    reason = TextField(label=gettext_lazy("دلیل ارجاع دوباره"), max_length=TEXT_LIMIT, widget=_textarea(2))


class AssignForm(AgencyChoiceForm):
    reason = TextField(
        label=gettext_lazy("توضیح"), max_length=TEXT_LIMIT, required=False, widget=_textarea(2)
    )


class EmptyForm(OpForm):
    """A confirmation button (accept the agency's planned date)."""


class VerifyForm(OpForm):
    public_note = TextField(
        label=gettext_lazy("توضیح عمومی برای شهروند"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=_textarea(2),
    )


class ReasonForm(OpForm):
    reason = TextField(label=gettext_lazy("دلیل"), max_length=TEXT_LIMIT, widget=_textarea(2))


class MergeForm(OpForm):
    """A duplicate registered anyway: it joins the demand it repeats, found by its tracking code."""

    into = TextField(
        label=gettext_lazy("کد رهگیری مطالبهٔ اصلی"),
        max_length=40,
        help_text=gettext_lazy("درخواست‌کنندهٔ این مطالبه به پشتیبانان آن مطالبه افزوده می‌شود."),
    )
    reason = TextField(label=gettext_lazy("دلیل"), max_length=TEXT_LIMIT, required=False, widget=_textarea(2))

    def clean_into(self) -> str:
        code = normalize_tracking_code(self.cleaned_data["into"])
        if not code:
            raise ValidationError(_("کد رهگیری معتبر نیست."))
        return code


class PublicNoteForm(OpForm):
    text = TextField(
        label=gettext_lazy("توضیح عمومی (روی صفحه پیگیری شهروند دیده می‌شود)"),
        max_length=TEXT_LIMIT,
        widget=_textarea(2),
    )


class PlannedForm(OpForm):
    date = JalaliDateField(label=gettext_lazy("تاریخ انجام در برنامه"))
    note = TextField(label=gettext_lazy("توضیح"), max_length=TEXT_LIMIT, required=False, widget=_textarea(2))


class DoneForm(OpForm):
    text = TextField(label=gettext_lazy("گزارش انجام"), max_length=TEXT_LIMIT, widget=_textarea(3))
    files = EvidenceFilesField(label=gettext_lazy("پرونده‌های مستند"))


# op (in the URL) → (form class, side): "office" ops need demand_access.can_handle_demand, "agency" ops
# demand_access.can_answer_demand. The view maps each op to its service.
DEMAND_OPS: dict[str, tuple[type[OpForm], str]] = {
    "assign": (AssignForm, "office"),
    "reroute": (RerouteForm, "office"),
    "accept_plan": (EmptyForm, "office"),
    "decline_plan": (ReasonForm, "office"),
    "close": (ReasonForm, "office"),
    "merge": (MergeForm, "office"),
    "verify": (VerifyForm, "office"),
    "reject_done": (ReasonForm, "office"),
    "public_note": (PublicNoteForm, "office"),
    "not_ours": (ReasonForm, "agency"),
    "planned": (PlannedForm, "agency"),
    "done": (DoneForm, "agency"),
}


# ---------------------------------------------------------------- staff list


class DemandFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("وضعیت"),
        choices=[("", gettext_lazy("همه"))] + list(Demand.Status.choices),
        required=False,
        widget=QuickSelect,
    )
    category = forms.TypedChoiceField(
        label=gettext_lazy("دسته"), required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    agency = forms.TypedChoiceField(
        label=gettext_lazy("دستگاه"), required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    overdue = forms.BooleanField(label=gettext_lazy("فقط معوق‌ها"), required=False)
    # Links from an office's start page narrow the list to that office.
    office = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)
    q = forms.CharField(label=gettext_lazy("جستجو"), max_length=100, required=False)
    period_from = JalaliDateField(label=gettext_lazy("از تاریخ"), required=False)
    period_to = JalaliDateField(label=gettext_lazy("تا تاریخ"), required=False)

    def __init__(self, *args: Any, agencies: list = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("همه"))] + category_choices()[1:]
        self.fields["agency"].choices = [("", _("همه"))] + [(a.pk, a.name) for a in agencies]
        for name in ("status", "category", "agency"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        for name in ("q", "period_from", "period_to"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"
        for name in ("period_from", "period_to"):
            self.fields[name].widget.attrs["placeholder"] = _("روز/ماه/سال")
        self.fields["q"].widget.attrs["placeholder"] = _("عنوان، شرح یا کد رهگیری…")
        self.fields["overdue"].widget.attrs["class"] = "form-check-input"

    def values(self) -> dict[str, Any]:
        """Cleaned filters; invalid ones are dropped rather than failing the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in (None, "", False)}
