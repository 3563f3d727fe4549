"""Forms of the authoring pages: a plan (with one row per facility kind), a new checklist, a question of
a draft checklist. Numbers accept Persian, Arabic-Indic or Latin digits; every message is Persian."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as FormError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peygir.core.text import to_latin_digits
from peygir.core.web.fields import PersianIntegerField, StyledForm, TextField
from peygir.core.web.widgets import searchable_multiple
from peygir.organizations.access import get_scope
from peygir.organizations.models import Membership, Organization
from peygir.programs.models import PolicyDocument
from peygir.territory.models import Territory

from ..checklists import QuestionSpec
from ..models import ChecklistQuestion, ChecklistTemplate, Draw, FacilityKind, InspectionPlan, Visit
from ..plans import RuleSpec

INSPECTING_KINDS = [
    Organization.Kind.GOVERNORATE,
    Organization.Kind.SOCIAL_OFFICE,
    Organization.Kind.COUNTY_GOVERNORATE,
]


def _within(user: Any, field: str) -> Q:
    """Rows whose `field` path lies in a territory the user manages (everything for a superuser)."""
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.manage_paths:
        return Q(pk__in=[])
    return scope.path_q(field, scope.manage_paths)


def _above_or_within(user: Any) -> Q:
    """Documents of a territory the user manages or of one above it (a provincial document is the norm
    a county's plan follows)."""
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    q = Q(pk__in=[])
    for path in scope.manage_paths:
        ancestors = ["/" + "/".join(path.strip("/").split("/")[:n]) + "/" for n in range(1, path.count("/"))]
        q |= Q(territory__path__startswith=path) | Q(territory__path__in=ancestors)
    return q


def documents_for(user: Any) -> QuerySet:
    return PolicyDocument.objects.filter(_above_or_within(user)).order_by("title", "pk")


class PlanForm(StyledForm):
    title = TextField(label=gettext_lazy("عنوان برنامه"), max_length=300)
    organization = forms.ModelChoiceField(
        label=gettext_lazy("سازمان بازرس"), queryset=Organization.objects.none()
    )
    territory = forms.ModelChoiceField(label=gettext_lazy("قلمرو"), queryset=Territory.objects.none())
    document = forms.ModelChoiceField(label=gettext_lazy("سند"), queryset=PolicyDocument.objects.none())
    period = forms.ChoiceField(label=gettext_lazy("دوره"), choices=InspectionPlan.Period.choices)
    back_check_percent = PersianIntegerField(
        label=gettext_lazy("درصد بازدید کنترلی"), min_value=0, max_value=50, initial=7
    )
    inspectors = forms.ModelMultipleChoiceField(
        label=gettext_lazy("بازرسان"),
        queryset=get_user_model().objects.none(),
        help_text=gettext_lazy("اعضای سازمان بازرس یا سازمان‌های همکار تیم."),
    )
    partners = forms.ModelMultipleChoiceField(
        label=gettext_lazy("سازمان‌های همکار در تیم مشترک"),
        queryset=Organization.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, user: Any, plan: InspectionPlan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        orgs = Organization.objects.filter(_within(user, "territory__path"), is_active=True)
        self.fields["organization"].queryset = orgs.filter(kind__in=INSPECTING_KINDS).order_by("name", "pk")
        self.fields["territory"].queryset = Territory.objects.filter(
            _within(user, "path"), kind__in=["province", "county"]
        ).order_by("path")
        self.fields["document"].queryset = documents_for(user)
        self.fields["partners"].queryset = orgs.exclude(kind=Organization.Kind.NGO).order_by("name", "pk")
        members = Membership.objects.filter(organization__in=orgs, is_active=True).values("user_id")
        self.fields["inspectors"].queryset = (
            get_user_model().objects.filter(pk__in=members, is_active=True).order_by("last_name", "pk")
        )
        # Searchable, not a province's every organization and member as a column of checkboxes.
        for field in ("inspectors", "partners"):
            searchable_multiple(self.fields[field])
        if plan is not None:
            # The inspecting organization is the plan's owner: it does not change after creation.
            del self.fields["organization"]
        templates = list(
            ChecklistTemplate.objects.filter(is_active=True, versions__published_at__isnull=False)
            .distinct()
            .order_by("title", "pk")
        )
        self.rule_rows = []
        for value, label in FacilityKind.choices:
            fit = [t for t in templates if not t.facility_kinds or value in t.facility_kinds]
            # Added after StyledForm styled the declared fields: styled here, so the table's inputs
            # look like the form's others (and show Persian digits, as `.form-control` does).
            self.fields[f"rule-{value}-on"] = forms.BooleanField(
                label=label, required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
            )
            self.fields[f"rule-{value}-template"] = forms.ChoiceField(
                label=gettext_lazy("چک‌لیست"),
                required=False,
                choices=[("", "—")] + [(str(t.pk), t.title) for t in fit],
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            small = {"class": "form-control form-control-sm"}
            self.fields[f"rule-{value}-visits"] = PersianIntegerField(
                label=gettext_lazy("بازدید در هر دوره"), min_value=1, max_value=10, initial=1, required=False
            )
            self.fields[f"rule-{value}-sample"] = PersianIntegerField(
                label=gettext_lazy("درصد مراکز"), min_value=1, max_value=100, initial=100, required=False
            )
            for kind in ("visits", "sample"):
                self.fields[f"rule-{value}-{kind}"].widget.attrs.update(small)
            self.rule_rows.append((value, label))
        self.templates = {t.pk: t for t in templates}

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "label": label,
                "on": self[f"rule-{value}-on"],
                "template": self[f"rule-{value}-template"],
                "visits": self[f"rule-{value}-visits"],
                "sample": self[f"rule-{value}-sample"],
            }
            for value, label in self.rule_rows
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        rules = []
        for value, label in self.rule_rows:
            if not data.get(f"rule-{value}-on"):
                continue
            raw = data.get(f"rule-{value}-template") or ""
            template = self.templates.get(int(raw)) if raw.isdigit() else None
            if template is None:
                self.add_error(f"rule-{value}-template", _("برای «%(k)s» چک‌لیستی برگزینید.") % {"k": label})
                continue
            rules.append(
                RuleSpec(
                    facility_kind=value,
                    template=template,
                    visits_per_period=data.get(f"rule-{value}-visits") or 1,
                    sample_percent=data.get(f"rule-{value}-sample") or 100,
                )
            )
        if not rules and not self.errors:
            raise FormError(_("دست‌کم یک نوع مرکز و چک‌لیست آن را تعیین کنید."))
        data["rules"] = rules
        return data

    @classmethod
    def initial_for(cls, plan: InspectionPlan) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "title": plan.title,
            "territory": plan.territory_id,
            "document": plan.document_id,
            "period": plan.period,
            "back_check_percent": plan.back_check_percent,
            "inspectors": list(plan.inspectors.values_list("pk", flat=True)),
            "partners": list(plan.partner_organizations.values_list("pk", flat=True)),
        }
        for rule in plan.rules.all():
            initial[f"rule-{rule.facility_kind}-on"] = True
            initial[f"rule-{rule.facility_kind}-template"] = str(rule.template_id)
            initial[f"rule-{rule.facility_kind}-visits"] = rule.visits_per_period
            initial[f"rule-{rule.facility_kind}-sample"] = rule.sample_percent
        return initial


class ReasonForm(StyledForm):
    reason = TextField(
        label=gettext_lazy("دلیل بازگرداندن"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AmendForm(StyledForm):
    """One coming visit of a draw: another inspector of the plan and/or another day drawn, with a
    reason. It carries the visit's id and version, never its date."""

    visit = forms.ModelChoiceField(
        queryset=Visit.objects.none(),
        widget=forms.HiddenInput,
        error_messages={
            "required": gettext_lazy("بازدیدی برای اصلاح برگزیده نشد."),
            "invalid_choice": gettext_lazy(
                "این بازدید دیگر در فهرست بازدیدهای پیش رو نیست (انجام یا لغو شده است)؛ صفحه را دوباره باز کنید."
            ),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)
    inspector = forms.ModelChoiceField(
        label=gettext_lazy("بازرس تازه"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=gettext_lazy("— همان بازرس —"),
        error_messages={"invalid_choice": gettext_lazy("بازرس تازه باید از بازرسان همین برنامه باشد.")},
    )
    redraw_date = forms.BooleanField(label=gettext_lazy("قرعه روز تازه"), required=False)
    reason = TextField(
        label=gettext_lazy("دلیل اصلاحیه"),
        max_length=2000,
        error_messages={"required": gettext_lazy("دلیل اصلاحیه را بنویسید.")},
    )

    def __init__(self, *args: Any, draw: Draw, visits: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visit"].queryset = visits
        self.fields["inspector"].queryset = draw.plan.inspectors.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        visit = data.get("visit")
        if visit is not None and data.get("inspector") is None and not data.get("redraw_date"):
            raise FormError(_("بازرس تازه یا قرعه روز تازه را برگزینید."))
        return data


class ChecklistForm(StyledForm):
    document = forms.ModelChoiceField(label=gettext_lazy("سند"), queryset=PolicyDocument.objects.none())
    title = TextField(label=gettext_lazy("عنوان چک‌لیست"), max_length=300)
    facility_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("انواع مرکز"), choices=FacilityKind.choices, widget=forms.CheckboxSelectMultiple
    )
    pass_score = PersianIntegerField(
        label=gettext_lazy("حد نصاب قبولی (درصد)"), min_value=0, max_value=100, initial=70
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = PolicyDocument.objects.filter(
            _within(user, "territory__path")
        ).order_by("title", "pk")
        self.fields["facility_kinds"].widget.attrs["class"] = "list-unstyled small"


def _decimal(value: str, label: str) -> Decimal | None:
    text = to_latin_digits(value or "").strip().replace("٫", ".").replace("/", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise FormError(_("«%(l)s» عدد نیست.") % {"l": label}) from exc
    if not number.is_finite() or abs(number) >= Decimal("1e10"):
        raise FormError(_("«%(l)s» عدد درستی نیست.") % {"l": label})
    return number


class QuestionForm(StyledForm):
    section = TextField(label=gettext_lazy("بخش"), max_length=300)
    code = TextField(
        label=gettext_lazy("کد پرسش"),
        max_length=40,
        help_text=gettext_lazy("یکتا در این نسخه؛ پرسش هم‌کد در نسخه‌ها یکی است."),
    )
    text = TextField(label=gettext_lazy("پرسش"), max_length=500)
    kind = forms.ChoiceField(label=gettext_lazy("نوع پاسخ"), choices=ChecklistQuestion.Kind.choices)
    weight = PersianIntegerField(label=gettext_lazy("وزن"), min_value=0, max_value=100, initial=1)
    scale_max = PersianIntegerField(label=gettext_lazy("بیشینه طیف"), min_value=2, max_value=10, initial=5)
    pass_min = forms.CharField(label=gettext_lazy("کمینه قبول"), required=False, max_length=20)
    pass_max = forms.CharField(label=gettext_lazy("بیشینه قبول"), required=False, max_length=20)
    deadline_days = PersianIntegerField(
        label=gettext_lazy("مهلت رفع (روز کاری)"), min_value=1, max_value=365, initial=10
    )
    is_critical = forms.BooleanField(label=gettext_lazy("بحرانی"), required=False)
    allows_na = forms.BooleanField(
        label=gettext_lazy("«موضوعیت ندارد» مجاز است"), required=False, initial=True
    )
    evidence_required = forms.BooleanField(
        label=gettext_lazy("مدرک رفع لازم است"), required=False, initial=True
    )
    requires_reinspection = forms.BooleanField(label=gettext_lazy("بستن با بازدید مجدد"), required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_pass_min(self) -> Decimal | None:
        return _decimal(self.cleaned_data.get("pass_min", ""), str(self.fields["pass_min"].label))

    def clean_pass_max(self) -> Decimal | None:
        return _decimal(self.cleaned_data.get("pass_max", ""), str(self.fields["pass_max"].label))

    def spec(self) -> QuestionSpec:
        d = self.cleaned_data
        return QuestionSpec(
            code=d["code"],
            text=d["text"],
            kind=d["kind"],
            weight=d["weight"],
            is_critical=d["is_critical"],
            allows_na=d["allows_na"],
            scale_max=d["scale_max"],
            pass_min=d["pass_min"],
            pass_max=d["pass_max"],
            deadline_days=d["deadline_days"],
            evidence_required=d["evidence_required"],
            requires_reinspection=d["requires_reinspection"],
        )
