"""Indicators: versioned definitions, yearly targets, values per (indicator, period, territory), their
history, and closed periods. Imported by `models.py` (one app, two modules)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peygir.core.models import AppendOnlyModel

from .periods import PERIOD_TYPES, Period

# Days after a period's last day within which its values are due, unless a definition says otherwise.
DEFAULT_GRACE_DAYS = 15
MAX_GRACE_DAYS = 365


class Indicator(models.Model):
    """The stable identity of an indicator; what it measures lives in its versions."""

    code = models.CharField(_("کد"), max_length=40, unique=True)
    name = models.CharField(_("نام"), max_length=300)
    theme = models.CharField(_("حوزه"), max_length=30)
    document = models.ForeignKey(
        "programs.PolicyDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="indicators"
    )
    responsible = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("دستگاه گزارش‌دهنده"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reported_indicators",
    )
    current_version = models.ForeignKey(
        "programs.IndicatorVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The program whose managers defined it (and may edit it); none for the national staff's own.
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("برنامه"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    is_active = models.BooleanField(_("فعال"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["theme", "code"]
        verbose_name = _("شاخص")
        verbose_name_plural = _("شاخص‌ها")

    def __str__(self) -> str:
        return self.name


class IndicatorVersion(models.Model):
    """One definition of an indicator. A new definition is a new version; values keep theirs."""

    class Kind(models.TextChoices):
        NUMBER = "number", _("عدد")
        PERCENTAGE = "percentage", _("درصد")
        RATE = "rate", _("نرخ در هر هزار نفر")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("بیشتر بهتر است")
        LOWER = "lower", _("کمتر بهتر است")

    class TimeAggregation(models.TextChoices):
        SUM = "sum", _("جمع دوره‌ها")
        LAST = "last", _("آخرین دوره")

    class EntryLevel(models.TextChoices):
        COUNTY = "county", _("شهرستان")
        PROVINCE = "province", _("استان")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("نسخه"))
    kind = models.CharField(_("نوع"), max_length=12, choices=Kind.choices)
    direction = models.CharField(_("جهت مطلوب"), max_length=8, choices=Direction.choices)
    unit = models.CharField(_("واحد"), max_length=60, blank=True)
    numerator_label = models.CharField(_("صورت"), max_length=200, blank=True)
    denominator_label = models.CharField(_("مخرج"), max_length=200, blank=True)
    # A rate per 1,000 people whose denominator is the territory's population (not entered).
    population_denominator = models.BooleanField(_("مخرج: جمعیت"), default=False)
    # {"جنس": ["زن", "مرد"]}: the categories a value may be broken down by ("" is the total).
    disaggregations = models.JSONField(_("تفکیک‌ها"), default=dict, blank=True)
    entry_level = models.CharField(_("سطح ورود"), max_length=10, choices=EntryLevel.choices, default="county")
    period_type = models.CharField(_("دوره"), max_length=10, choices=PERIOD_TYPES)
    time_aggregation = models.CharField(
        _("جمع زمانی"), max_length=6, choices=TimeAggregation.choices, default="sum"
    )
    min_value = models.DecimalField(_("کمینه"), max_digits=20, decimal_places=4, null=True, blank=True)
    max_value = models.DecimalField(_("بیشینه"), max_digits=20, decimal_places=4, null=True, blank=True)
    # A change larger than this percentage from the previous period is flagged (not refused).
    jump_percent = models.PositiveSmallIntegerField(_("آستانهٔ جهش (درصد)"), null=True, blank=True)
    # The reporting deadline of a period's values: the period's last day plus these days (`due_on`).
    # A value first entered after it is late reporting (a data-quality measure of the evaluation).
    grace_days = models.PositiveSmallIntegerField(
        _("مهلت گزارش پس از پایان دوره (روز)"),
        default=DEFAULT_GRACE_DAYS,
        validators=[MaxValueValidator(MAX_GRACE_DAYS)],
    )
    note = models.TextField(_("توضیح تغییر"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("نسخه شاخص")
        verbose_name_plural = _("نسخه‌های شاخص")
        ordering = ["indicator", "number"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "number"], name="indicator_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} (v{self.number})"

    def due_on(self, period: Period) -> dt.date:
        """The day by which the values of `period` are due under this definition."""
        return period.end + dt.timedelta(days=self.grace_days)

    @property
    def factor(self) -> int:
        return {"percentage": 100, "rate": 1000}.get(self.kind, 1)

    @property
    def has_ratio(self) -> bool:
        return self.kind != self.Kind.NUMBER


class IndicatorTarget(models.Model):
    """A yearly target of an indicator for one territory, under a program's goal."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    territory = models.ForeignKey("territory.Territory", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("سال (شمسی)"))
    value = models.DecimalField(_("هدف"), max_digits=20, decimal_places=4)
    goal = models.ForeignKey(
        "programs.Goal", null=True, blank=True, on_delete=models.SET_NULL, related_name="targets"
    )
    # Optimistic versioning (core.versioning): an edit names the version it read; a stale one is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        verbose_name = _("هدف شاخص")
        verbose_name_plural = _("اهداف شاخص")
        ordering = ["indicator", "territory", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "territory", "year"], name="indicator_target_unique")
        ]


class IndicatorValue(models.Model):
    """One value of an indicator for one territory, one Jalali period and one category ("" = total).

    Rates and percentages keep their numerator and denominator (the value is computed from them), so
    any aggregation divides sums and never averages rates. `status` climbs county → province →
    national; any approved value is locked until a correction sends it back to draft."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("پیش‌نویس")
        COUNTY = "county", _("تأیید شهرستان")
        PROVINCE = "province", _("تأیید استان")
        NATIONAL = "national", _("تأیید ملی")

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    version = models.ForeignKey(IndicatorVersion, on_delete=models.PROTECT, related_name="values")
    territory = models.ForeignKey("territory.Territory", on_delete=models.PROTECT, related_name="+")
    territory_path = models.CharField(max_length=255, editable=False)
    period_type = models.CharField(max_length=10, choices=PERIOD_TYPES)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField(default=0)
    period_start = models.DateField(editable=False)
    disaggregation = models.CharField(max_length=120, blank=True, default="")
    value = models.DecimalField(max_digits=24, decimal_places=6)
    numerator = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default="draft")
    flags = models.JSONField(default=list, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    row_version = models.PositiveIntegerField(default=1)
    # The report itself, fixed when the value is first entered (a later change keeps them): the local
    # day it was entered, the day it was due (the period's end plus the definition's grace), and the
    # organization answerable for reporting it (the indicator's reporting organization, else the
    # county governorate of a county's value or the social office of a province's). The evaluation's
    # data quality reads them; null only for values written before they existed and not backfilled.
    reported_on = models.DateField(null=True, blank=True, editable=False)
    due_on = models.DateField(null=True, blank=True, editable=False)
    reporter = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("مقدار شاخص")
        verbose_name_plural = _("مقادیر شاخص")
        ordering = ["indicator", "period_start", "territory_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "territory", "period_type", "year", "number", "disaggregation"],
                name="indicator_value_unique",
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="indicator_value_denominator",
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "period_start", "territory_path"], name="ivalue_series_idx"),
            models.Index(fields=["indicator", "year", "territory_path"], name="ivalue_year_idx"),
            # The evaluation's reporting measures: a year's values of a territory, whatever the indicator.
            models.Index(fields=["year", "territory_path"], name="ivalue_reporting_idx"),
            # Approving or closing one period under a territory (a path prefix: pattern operators).
            models.Index(
                fields=["indicator", "period_type", "year", "number", "territory_path"],
                name="ivalue_period_idx",
                opclasses=["int8_ops", "varchar_ops", "int2_ops", "int2_ops", "varchar_pattern_ops"],
            ),
        ]


class ValueEvent(AppendOnlyModel):
    """The history of a value: entered, changed (before/after), approved at a level, reopened, comment."""

    class Kind(models.TextChoices):
        ENTERED = "entered", _("ثبت")
        CHANGED = "changed", _("اصلاح")
        APPROVED = "approved", _("تأیید")
        REOPENED = "reopened", _("بازگشت برای اصلاح")
        COMMENT = "comment", _("یادداشت")

    value = models.ForeignKey(IndicatorValue, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("رویداد مقدار شاخص")
        verbose_name_plural = _("رویدادهای مقدار شاخص")
        ordering = ["value", "id"]


class PeriodClosure(models.Model):
    """A province closes a period for entry (all indicators): its values are locked, and say so."""

    territory = models.ForeignKey("territory.Territory", on_delete=models.PROTECT, related_name="+")
    period_type = models.CharField(max_length=10, choices=PERIOD_TYPES)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField(default=0)
    reason = models.CharField(max_length=300, blank=True)
    # What was still missing when the period was closed (kept: the record of the closing), as
    # [{"indicator": id, "name": ..., "territories": [names]}], and how many values in all.
    missing = models.JSONField(default=list, blank=True)
    missing_count = models.PositiveIntegerField(default=0)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("بستن دوره")
        verbose_name_plural = _("دوره‌های بسته‌شده")
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "period_type", "year", "number"], name="period_closure_unique"
            )
        ]


class ExpectedValue(models.Model):
    """One value a closed period expected in the province: an indicator of that period type and an
    entry-level territory, whether it had been reported when the period closed, when it was due and
    which organization answered for it. Written once with the closing (the record of what was missing,
    by territory and organization, for the evaluation's completeness of reporting); never changed."""

    closure = models.ForeignKey(PeriodClosure, on_delete=models.CASCADE, related_name="expected")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    territory = models.ForeignKey("territory.Territory", on_delete=models.PROTECT, related_name="+")
    territory_path = models.CharField(max_length=255, editable=False)
    # The closure's period, copied so that the same conditions select values and expected values.
    period_type = models.CharField(max_length=10, choices=PERIOD_TYPES)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField(default=0)
    reported = models.BooleanField()
    due_on = models.DateField()
    reporter = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("مقدار مورد انتظار دورهٔ بسته")
        verbose_name_plural = _("مقادیر مورد انتظار دوره‌های بسته")
        constraints = [
            models.UniqueConstraint(
                fields=["closure", "indicator", "territory"], name="expected_value_once_per_closure"
            )
        ]
        indexes = [models.Index(fields=["year", "territory_path"], name="expected_reporting_idx")]
