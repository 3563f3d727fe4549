"""Calls for proposals, their versioned proposal forms, weighted criteria and county envelopes."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peygir.core.models import AppendOnlyModel
from peygir.programs.models import Theme


def theme_label(value: str) -> str:
    """The Persian name of a theme value ("sport" → «ورزش»); an unknown value as it is."""
    return str(Theme(value).label) if value in Theme.values else value


class Call(models.Model):
    """A provincial office's call (فراخوان): domains, the document it serves, a budget spread over
    the counties of its territory in envelopes, Jalali opening and closing dates."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("پیش‌نویس")
        PUBLISHED = "published", _("منتشر شده")
        CLOSED = "closed", _("بسته شده")

    class Method(models.TextChoices):
        EQUAL = "equal", _("مساوی")
        POPULATION = "population", _("به نسبت جمعیت")
        NEED = "need", _("به نسبت شاخص نیاز")
        MANUAL = "manual", _("دستی")

    title = models.CharField(_("عنوان"), max_length=300)
    description = models.TextField(_("شرح"), blank=True)
    office = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("دفتر برگزارکننده"),
        on_delete=models.PROTECT,
        related_name="grant_calls",
    )
    territory = models.ForeignKey(
        "territory.Territory", verbose_name=_("قلمرو"), on_delete=models.PROTECT, related_name="grant_calls"
    )
    territory_path = models.CharField(max_length=255, editable=False, default="", db_index=True)
    themes = models.JSONField(_("حوزه‌ها"), default=list, blank=True)
    policy_document = models.ForeignKey(
        "programs.PolicyDocument",
        verbose_name=_("سند یا برنامه"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grant_calls",
    )
    total_rials = models.BigIntegerField(_("اعتبار کل (ریال)"))
    allocation_method = models.CharField(
        _("روش تقسیم"), max_length=20, choices=Method.choices, default=Method.EQUAL
    )
    opens_on = models.DateField(_("تاریخ گشایش"))
    closes_on = models.DateField(_("مهلت ارسال طرح"))
    window_days = models.PositiveSmallIntegerField(_("مدت اجرا (روز)"), default=90)
    eligibility = models.TextField(_("شرایط پذیرش"), blank=True)
    status = models.CharField(_("وضعیت"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("فراخوان")
        verbose_name_plural = _("فراخوان‌ها")
        constraints = [
            models.CheckConstraint(condition=models.Q(total_rials__gte=0), name="grant_call_total_positive"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="grant_call_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def theme_labels(self) -> list[str]:
        return [theme_label(t) for t in self.themes or []]

    def current_form(self) -> "CallFormVersion | None":
        return self.form_versions.order_by("-number").first()

    def accepts_on(self, day: dt.date) -> bool:
        """Open for proposals on `day`: published, and the day inside the opening and closing dates
        (the closing day included). The periodic scan marks a call closed the day after; until it
        runs, this is what pages and services go by."""
        return self.status == self.Status.PUBLISHED and self.opens_on <= day <= self.closes_on

    def shown_status(self, day: dt.date) -> str:
        """The status as people should read it: a published call past its deadline is closed."""
        if self.status == self.Status.PUBLISHED and day > self.closes_on:
            return str(self.Status.CLOSED.label)
        return str(self.get_status_display())


class CallFormVersion(models.Model):
    """The proposal form the office defines, as data: a list of fields
    `{"name", "label", "kind": "text"|"integer"|"choice", "required", "max_length", "choices",
    "min_value", "max_value", "help"}` (the bounds for numbers; null when open).
    Versioned: a change makes a new row, and a proposal keeps the version it was written on."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="form_versions")
    number = models.PositiveSmallIntegerField(default=1)
    fields = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["call", "number"]
        constraints = [models.UniqueConstraint(fields=["call", "number"], name="grant_form_version_unique")]
        verbose_name = _("نسخه فرم طرح")
        verbose_name_plural = _("نسخه‌های فرم طرح")

    def __str__(self) -> str:
        return f"{self.call} — v{self.number}"


class CallEvent(AppendOnlyModel):
    """What happened to a call: published, its questions changed (a new form version), closed at its
    deadline by the periodic scan (no actor) or by hand."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", _("انتشار")
        QUESTIONS = "questions", _("تغییر پرسش‌های فرم")
        CLOSED = "closed", _("بسته شدن")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["call", "created_at", "id"]
        verbose_name = _("رویداد فراخوان")
        verbose_name_plural = _("رویدادهای فراخوان")

    def __str__(self) -> str:
        return f"{self.call_id} {self.kind}"


class Criterion(models.Model):
    """One weighted criterion reviewers score from 0 to `max_score`."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(_("عنوان"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("وزن"), default=1)
    max_score = models.PositiveSmallIntegerField(_("بیشینه امتیاز"), default=10)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["call", "order", "id"]
        verbose_name = _("معیار داوری")
        verbose_name_plural = _("معیارهای داوری")

    def __str__(self) -> str:
        return self.title


class Envelope(models.Model):
    """A county's share of a call (like CONSUL's budget headings). Approvals inside a county lock this
    row and re-sum what is approved, so its amount is never exceeded (services.allocation)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="envelopes")
    county = models.ForeignKey(
        "territory.Territory", verbose_name=_("شهرستان"), on_delete=models.PROTECT, related_name="+"
    )
    amount_rials = models.BigIntegerField(_("سهم (ریال)"), default=0)
    need_indicator = models.PositiveIntegerField(_("شاخص نیاز"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["call", "county__name_fa"]
        constraints = [
            models.UniqueConstraint(fields=["call", "county"], name="grant_envelope_unique"),
            models.CheckConstraint(condition=models.Q(amount_rials__gte=0), name="grant_envelope_positive"),
        ]
        verbose_name = _("سهم شهرستان")
        verbose_name_plural = _("سهم شهرستان‌ها")

    def __str__(self) -> str:
        return f"{self.call} — {self.county}"
