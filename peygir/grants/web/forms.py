"""Forms of the grants pages. Money is typed in tomans with any digits and separators
(«۲۳۰٬۰۰۰٬۰۰۰») and handed to services in rials; dates are typed in Jalali."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError as FormError
from django.utils.translation import gettext_lazy as _

from peygir.core.errors import ValidationError
from peygir.core.text import to_latin_digits, to_persian_digits
from peygir.core.web.fields import (
    JalaliDateField,
    PersianIntegerField,
    StyledForm,
    TextField,
)
from peygir.core.web.widgets import searchable_multiple
from peygir.grants.checks import parse_tomans
from peygir.grants.models import Call, CallFormVersion, GuardDecision, MilestoneOverrule
from peygir.programs.models import Theme

BUDGET_ROWS = 6
MILESTONE_ROWS = 4


def style(form: forms.Form) -> None:
    """Bootstrap classes on fields added after StyledForm styled the declared ones."""
    for field in form.fields.values():
        if not field.widget.is_hidden and "class" not in field.widget.attrs:
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = (
                "form-select form-select-sm" if select else "form-control form-control-sm"
            )


class TomanField(forms.CharField):
    """An amount in tomans, cleaned to rials."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr", "placeholder": "۲۳۰٬۰۰۰٬۰۰۰"}),
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_tomans(text, allow_zero=True)
        except ValidationError as exc:
            raise FormError(exc.messages[0]) from exc

    def run_validators(self, value: Any) -> None:
        return None


class CallForm(StyledForm):
    title = TextField(label=_("عنوان فراخوان"), max_length=300)
    description = TextField(label=_("شرح"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    themes = forms.MultipleChoiceField(label=_("حوزه‌ها"), choices=Theme.choices)
    policy_document = forms.TypedChoiceField(
        label=_("سند یا برنامه"), coerce=int, required=False, empty_value=None
    )
    total = TomanField(label=_("اعتبار کل (تومان)"))
    opens_on = JalaliDateField(label=_("تاریخ گشایش"))
    closes_on = JalaliDateField(label=_("مهلت ارسال طرح"))
    window_days = PersianIntegerField(label=_("مدت اجرا (روز)"), min_value=7, max_value=730, initial=90)
    eligibility = TextField(label=_("شرایط پذیرش"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    criteria = TextField(
        label=_("معیارهای داوری"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("هر معیار در یک سطر، با وزن پس از «|»؛ مثلاً «اثرگذاری بر آسیب‌های محله | ۳»"),
    )

    def __init__(self, *args: Any, documents=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["policy_document"].choices = [("", "—")] + [(d.pk, d.title) for d in documents]
        searchable_multiple(self.fields["themes"])  # searchable, not Ctrl+click

    def clean_criteria(self) -> list[tuple[str, int]]:
        rows = []
        for line in self.cleaned_data["criteria"].splitlines():
            if not line.strip():
                continue
            title, _sep, weight = line.partition("|")
            weight = to_latin_digits(weight).strip() or "1"
            if not weight.isdigit():
                raise FormError(_("وزن هر معیار باید عدد باشد."))
            rows.append((title.strip(), int(weight)))
        if not rows:
            raise FormError(_("دست‌کم یک معیار بنویسید."))
        return rows


class EnvelopesForm(StyledForm):
    method = forms.ChoiceField(label=_("روش تقسیم"), choices=Call.Method.choices)

    def __init__(self, *args: Any, counties=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.counties = list(counties)
        for county in self.counties:
            self.fields[f"manual_{county.pk}"] = TomanField(label=county.name_fa, required=False)
            self.fields[f"need_{county.pk}"] = PersianIntegerField(
                label=county.name_fa, required=False, min_value=0
            )
        style(self)

    def manual(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data.get(f"manual_{c.pk}") or 0 for c in self.counties}

    def need(self) -> dict[int, int]:
        return {
            c.pk: self.cleaned_data[f"need_{c.pk}"]
            for c in self.counties
            if self.cleaned_data.get(f"need_{c.pk}") is not None
        }


class ReviewerForm(StyledForm):
    username = TextField(label=_("نام کاربری داور"), max_length=150)


class ProposalForm(StyledForm):
    """The fixed part of a proposal plus the call's own questions (as data, from its form version)."""

    title = TextField(label=_("عنوان طرح"), max_length=300)
    summary = TextField(
        label=_("شرح و برنامه اجرا"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    county = forms.TypedChoiceField(label=_("شهرستان"), coerce=int)
    theme = forms.ChoiceField(label=_("حوزه"), required=False)
    neighbourhoods = forms.TypedMultipleChoiceField(label=_("محله‌های هدف"), coerce=int, required=False)
    beneficiaries_planned = PersianIntegerField(label=_("شمار بهره‌مندان"), min_value=0, initial=0)
    starts_on = JalaliDateField(label=_("آغاز اجرا"))
    ends_on = JalaliDateField(label=_("پایان اجرا"))
    requested = TomanField(label=_("مبلغ درخواستی (تومان)"))
    attachments = forms.FileField(label=_("پیوست"), required=False)

    def __init__(
        self,
        *args: Any,
        call: Call,
        form_version: CallFormVersion | None,
        counties=(),
        hoods=(),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [(c.pk, c.name_fa) for c in counties]
        themes = call.themes or Theme.values
        self.fields["theme"].choices = [("", "—")] + [(t, Theme(t).label) for t in themes]
        self.fields["neighbourhoods"].choices = [(h.pk, h.name_fa) for h in hoods]
        searchable_multiple(self.fields["neighbourhoods"])  # a county's neighbourhoods, searchable
        for i in range(1, BUDGET_ROWS + 1):
            self.fields[f"budget_title_{i}"] = TextField(
                label=_("ردیف هزینه"), max_length=200, required=False
            )
            self.fields[f"budget_amount_{i}"] = TomanField(label=_("مبلغ (تومان)"), required=False)
        for i in range(1, MILESTONE_ROWS + 1):
            self.fields[f"step_title_{i}"] = TextField(label=_("مرحله"), max_length=300, required=False)
            self.fields[f"step_due_{i}"] = JalaliDateField(label=_("موعد"), required=False)
            self.fields[f"step_amount_{i}"] = TomanField(label=_("قسط (تومان)"), required=False)
        self.questions = list(form_version.fields if form_version else [])
        for spec in self.questions:
            self.fields[f"q_{spec['name']}"] = question_field(spec)
        style(self)

    def budget_lines(self) -> list[tuple[str, int]]:
        d = self.cleaned_data
        return [
            (d[f"budget_title_{i}"], d.get(f"budget_amount_{i}") or 0)
            for i in range(1, BUDGET_ROWS + 1)
            if d.get(f"budget_title_{i}")
        ]

    def milestones(self) -> list[tuple[str, Any, int]]:
        d = self.cleaned_data
        return [
            (d[f"step_title_{i}"], d.get(f"step_due_{i}"), d.get(f"step_amount_{i}") or 0)
            for i in range(1, MILESTONE_ROWS + 1)
            if d.get(f"step_title_{i}")
        ]

    def answers(self) -> dict[str, str]:
        return {spec["name"]: self.cleaned_data.get(f"q_{spec['name']}", "") for spec in self.questions}

    def budget_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"budget_title_{i}"], self[f"budget_amount_{i}"]) for i in range(1, BUDGET_ROWS + 1)]

    def step_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"step_title_{i}"], self[f"step_due_{i}"], self[f"step_amount_{i}"])
            for i in range(1, MILESTONE_ROWS + 1)
        ]

    def question_fields(self) -> list[Any]:
        return [self[f"q_{spec['name']}"] for spec in self.questions]


def question_field(spec: dict) -> forms.Field:
    """The form field of one of the call's questions. Every answer is checked again by the service
    (`check_answers`: required, choices, number bounds), which owns the messages; the field only
    gives the right input and marks what is required."""
    label = spec["label"] + (" *" if spec.get("required") else "")
    help_text = spec.get("help", "")
    if spec["kind"] == "choice":
        return forms.ChoiceField(
            label=label,
            required=False,
            help_text=help_text,
            choices=[("", "—")] + [(c, c) for c in spec.get("choices", [])],
        )
    if spec["kind"] == "integer":
        low, high = spec.get("min_value"), spec.get("max_value")
        bounds = []
        if low is not None:
            bounds.append(_("کمینه %(n)s") % {"n": to_persian_digits(low)})
        if high is not None:
            bounds.append(_("بیشینه %(n)s") % {"n": to_persian_digits(high)})
        return TextField(
            label=label,
            required=False,
            max_length=20,
            help_text="؛ ".join([t for t in [help_text, "، ".join(str(b) for b in bounds)] if t]),
            widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
        )
    long = int(spec.get("max_length") or 2000) > 300
    return TextField(
        label=label,
        required=False,
        help_text=help_text,
        max_length=int(spec.get("max_length") or 2000),
        widget=forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput(),
    )


QUESTION_ROWS = 10
KIND_CHOICES = [("text", _("متن")), ("integer", _("عدد")), ("choice", _("چندگزینه‌ای"))]


class QuestionsForm(StyledForm):
    """The call's own questions, one row each (empty rows are dropped). A question keeps its internal
    name across versions (a hidden field), so answers to the same question line up; a new one gets
    the next free `qN`."""

    def __init__(self, *args: Any, current: list[dict] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        initial = kwargs.pop("initial", None) or {}
        current = list(current)
        for i, spec in enumerate(current[:QUESTION_ROWS], start=1):
            initial.update(
                {
                    f"name_{i}": spec["name"],
                    f"label_{i}": spec["label"],
                    f"kind_{i}": spec["kind"],
                    f"required_{i}": spec.get("required", False),
                    f"help_{i}": spec.get("help", ""),
                    f"choices_{i}": "\n".join(spec.get("choices") or []),
                    f"min_{i}": "" if spec.get("min_value") is None else spec["min_value"],
                    f"max_{i}": "" if spec.get("max_value") is None else spec["max_value"],
                }
            )
        super().__init__(*args, initial=initial, **kwargs)
        self.rows = max(QUESTION_ROWS, len(current))
        for i in range(1, self.rows + 1):
            self.fields[f"name_{i}"] = forms.CharField(
                required=False, max_length=40, widget=forms.HiddenInput
            )
            self.fields[f"label_{i}"] = TextField(label=_("پرسش"), required=False, max_length=200)
            self.fields[f"kind_{i}"] = forms.ChoiceField(
                label=_("نوع پاسخ"), choices=KIND_CHOICES, initial="text", required=False
            )
            self.fields[f"required_{i}"] = forms.BooleanField(label=_("الزامی"), required=False)
            self.fields[f"help_{i}"] = TextField(label=_("راهنما"), required=False, max_length=300)
            self.fields[f"choices_{i}"] = TextField(
                label=_("گزینه‌ها (هر کدام در یک سطر)"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"min_{i}"] = TextField(label=_("کمینه"), required=False, max_length=20)
            self.fields[f"max_{i}"] = TextField(label=_("بیشینه"), required=False, max_length=20)
        style(self)
        for i in range(1, self.rows + 1):
            self.fields[f"required_{i}"].widget.attrs["class"] = "form-check-input"

    def row_fields(self) -> list[dict[str, Any]]:
        return [
            {
                key: self[f"{key}_{i}"]
                for key in ("name", "label", "kind", "required", "help", "choices", "min", "max")
            }
            | {"number": i}
            for i in range(1, self.rows + 1)
        ]

    def questions(self) -> list[dict[str, Any]]:
        d = self.cleaned_data
        taken = {d.get(f"name_{i}") for i in range(1, self.rows + 1) if d.get(f"name_{i}")}
        out, n = [], 0
        for i in range(1, self.rows + 1):
            label = d.get(f"label_{i}")
            if not label:
                continue
            name = d.get(f"name_{i}") or ""
            if not name:
                n += 1
                while f"q{n}" in taken:
                    n += 1
                name = f"q{n}"
                taken.add(name)
            out.append(
                {
                    "name": name,
                    "label": label,
                    "kind": d.get(f"kind_{i}") or "text",
                    "required": bool(d.get(f"required_{i}")),
                    "help": d.get(f"help_{i}", ""),
                    "choices": [c.strip() for c in (d.get(f"choices_{i}") or "").splitlines() if c.strip()],
                    "min_value": d.get(f"min_{i}") or None,
                    "max_value": d.get(f"max_{i}") or None,
                }
            )
        return out


class ReasonForm(StyledForm):
    reason = TextField(label=_("دلیل"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ApproveForm(StyledForm):
    amount = TomanField(label=_("مبلغ مصوب (تومان)"), required=False, help_text=_("خالی: همه مبلغ درخواستی"))
    override_reason = TextField(
        label=_("دلیل عدول از رتبه‌بندی یا تأمین بخشی"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class GuardForm(StyledForm):
    decision = forms.ChoiceField(label=_("تصمیم"), choices=GuardDecision.Decision.choices)
    reason = TextField(label=_("دلیل"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    instalment = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReviewForm(StyledForm):
    comment = TextField(
        label=_("نظر"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )
    conflict = forms.BooleanField(label=_("تعارض منافع دارم (کناره‌گیری)"), required=False)
    conflict_reason = TextField(label=_("شرح تعارض منافع"), required=False, max_length=2000)

    def __init__(self, *args: Any, criteria=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"score_{c.pk}"] = PersianIntegerField(
                label=f"{c.title} (۰–{c.max_score})", required=False, min_value=0, max_value=c.max_score
            )
            self.fields[f"score_{c.pk}"].widget.attrs["class"] = "form-control form-control-sm"
        self.fields["conflict"].widget.attrs["class"] = "form-check-input"

    def scores(self) -> dict[int, Any]:
        return {c.pk: self.cleaned_data.get(f"score_{c.pk}") for c in self.criteria}


class ReleaseForm(StyledForm):
    instalment = forms.IntegerField(widget=forms.HiddenInput)
    reference = TextField(label=_("شماره سند پرداخت"), max_length=60, required=False)


class OverruleForm(StyledForm):
    milestone = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("تصمیم ناظر عالی"), choices=MilestoneOverrule.Decision.choices)
    reason = TextField(label=_("دلیل"), max_length=2000)


class AmendForm(StyledForm):
    reason = TextField(label=_("دلیل اصلاح"), max_length=2000)
    ends_on = JalaliDateField(label=_("پایان تازه طرح"), required=False)
    milestone = forms.TypedChoiceField(label=_("مرحله"), coerce=int, required=False, empty_value=None)
    due_on = JalaliDateField(label=_("موعد تازه مرحله"), required=False)

    def __init__(self, *args: Any, milestones=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["milestone"].choices = [("", "—")] + [(m.pk, m.title) for m in milestones]


class FinalReportForm(StyledForm):
    text = TextField(label=_("گزارش پایانی"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)
    beneficiaries_counted = PersianIntegerField(label=_("بهره‌مندان شمارش‌شده"), min_value=0)


def message_form() -> forms.Form:
    """A bound, fieldless form that only carries a service's messages (buttons without fields)."""
    form = forms.Form({})
    form.is_valid()
    return form
