"""Plans (who inspects what, how often) and their sealed draws, one per plan and period."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .facilities import FacilityKind


class InspectionPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("پیش‌نویس")
        SUBMITTED = "submitted", _("در انتظار تصویب")
        APPROVED = "approved", _("تصویب‌شده")
        CLOSED = "closed", _("پایان‌یافته")

    class Period(models.TextChoices):
        MONTH = "month", _("ماهانه")
        QUARTER = "quarter", _("فصلی")

    title = models.CharField(_("عنوان برنامه"), max_length=300)
    # The inspecting organization (a county governorate, the governorate's joint team …): missed
    # visits become its actions, and it issues the findings' actions.
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("سازمان بازرس"),
        on_delete=models.PROTECT,
        related_name="inspection_plans",
    )
    partner_organizations = models.ManyToManyField(
        "organizations.Organization",
        verbose_name=_("سازمان‌های همکار در تیم مشترک"),
        blank=True,
        related_name="partner_inspection_plans",
    )
    territory = models.ForeignKey(
        "territory.Territory",
        verbose_name=_("قلمرو"),
        on_delete=models.PROTECT,
        related_name="inspection_plans",
    )
    territory_path = models.CharField(max_length=255, editable=False, default="")
    document = models.ForeignKey(
        "programs.PolicyDocument",
        verbose_name=_("سند"),
        on_delete=models.PROTECT,
        related_name="inspection_plans",
    )
    period = models.CharField(_("دوره"), max_length=10, choices=Period.choices, default=Period.MONTH)
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("بازرسان"), related_name="inspection_plans"
    )
    back_check_percent = models.PositiveSmallIntegerField(_("درصد بازدید کنترلی"), default=7)
    status = models.CharField(_("وضعیت"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Why the approver sent the plan back to its drafters (shown on the plan until it is submitted again).
    return_reason = models.TextField(_("دلیل بازگرداندن"), blank=True, db_default="")
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Closing ends the plan: no later period is drawn; the periods already sealed keep their visits.
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    close_reason = models.TextField(_("دلیل پایان برنامه"), blank=True, db_default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("برنامه بازدید")
        verbose_name_plural = _("برنامه‌های بازدید")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.territory_id is not None and not self.territory_path:
            self.territory_path = self.territory.path
        super().save(*args, **kwargs)


class PlanRule(models.Model):
    """Every active facility of a kind inside the plan's territory, `visits_per_period` times a period
    (or a risk-weighted sample of `sample_percent` of them), with this checklist."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="rules")
    facility_kind = models.CharField(_("نوع مرکز"), max_length=30, choices=FacilityKind.choices)
    template = models.ForeignKey(
        "inspections.ChecklistTemplate", verbose_name=_("چک‌لیست"), on_delete=models.PROTECT, related_name="+"
    )
    visits_per_period = models.PositiveSmallIntegerField(_("بازدید در هر دوره"), default=1)
    sample_percent = models.PositiveSmallIntegerField(_("درصد مراکز در هر دوره"), default=100)

    class Meta:
        verbose_name = _("قاعده برنامه بازرسی")
        verbose_name_plural = _("قواعد برنامه بازرسی")
        ordering = ["plan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "facility_kind"], name="plan_rule_unique_kind")
        ]


class Draw(models.Model):
    """The sealed schedule of one plan for one period. Unique per (plan, period): nobody draws twice.

    The seed and the canonical schedule stay unpublished until the period is over; `seal` (SHA-256 of
    the canonical schedule and the seed's commitment) is recorded at once, so an auditor can later
    check that the published seed reproduces exactly the sealed schedule."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.PROTECT, related_name="draws")
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=30)
    seed_hex = models.CharField(max_length=64, editable=False)
    seed_commitment = models.CharField(max_length=64, editable=False)
    schedule_json = models.TextField(editable=False)
    seal = models.CharField(max_length=64, editable=False)
    visits_count = models.PositiveIntegerField(default=0)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("قرعه مهروموم‌شده")
        verbose_name_plural = _("قرعه‌های مهروموم‌شده")
        ordering = ["plan", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "period_start"], name="draw_once_per_plan_period")
        ]

    def __str__(self) -> str:
        return f"{self.plan} — {self.period_label}"


class DrawAmendment(models.Model):
    """A change to a sealed schedule (another inspector, another day), with its reason; published with
    the schedule after the period."""

    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="amendments")
    visit = models.ForeignKey("inspections.Visit", on_delete=models.PROTECT, related_name="amendments")
    reason = models.TextField(_("دلیل"))
    old_inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    new_inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    old_date = models.DateField()
    new_date = models.DateField()
    # Whether another day was drawn (asked for), so the amendment can say so before publication without
    # comparing the two dates (which may coincide: the fresh draw may fall on the same day).
    redrawn = models.BooleanField(_("روز تازه قرعه‌کشی شد"), default=False, db_default=False)
    amended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("اصلاحیه قرعه")
        verbose_name_plural = _("اصلاحیه‌های قرعه")
        ordering = ["draw", "created_at", "id"]
