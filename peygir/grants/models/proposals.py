"""Proposals of NGOs to a call: budget lines, planned milestones, attachments and their history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peygir.core.models import AppendOnlyModel

from .calls import theme_label


class Proposal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("پیش‌نویس")
        SUBMITTED = "submitted", _("ارسال شده")
        UNDER_REVIEW = "under_review", _("در حال داوری")
        RETURNED = "returned", _("بازگشت برای اصلاح")
        APPROVED = "approved", _("تصویب شده")
        REJECTED = "rejected", _("رد شده")

    EDITABLE = (Status.DRAFT, Status.RETURNED)
    # Waiting for the office's decision: the ranking and the envelope's suggestion read these.
    PENDING = (Status.SUBMITTED, Status.UNDER_REVIEW)

    call = models.ForeignKey("grants.Call", on_delete=models.PROTECT, related_name="proposals")
    ngo = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("سمن"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    county = models.ForeignKey(
        "territory.Territory", verbose_name=_("شهرستان"), on_delete=models.PROTECT, related_name="+"
    )
    county_path = models.CharField(max_length=255, editable=False, default="", db_index=True)
    form_version = models.ForeignKey(
        "grants.CallFormVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    answers = models.JSONField(_("پاسخ‌های فرم"), default=dict, blank=True)
    title = models.CharField(_("عنوان طرح"), max_length=300)
    summary = models.TextField(_("شرح و برنامه اجرا"), blank=True)
    text_normalized = models.TextField(editable=False, default="")
    theme = models.CharField(_("حوزه"), max_length=30, blank=True)
    neighbourhoods = models.ManyToManyField(
        "territory.Territory", verbose_name=_("محله‌های هدف"), blank=True, related_name="+"
    )
    beneficiaries_planned = models.PositiveIntegerField(_("شمار بهره‌مندان"), default=0)
    starts_on = models.DateField(_("آغاز اجرا"))
    ends_on = models.DateField(_("پایان اجرا"))
    requested_rials = models.BigIntegerField(_("مبلغ درخواستی (ریال)"), default=0)
    approved_rials = models.BigIntegerField(_("مبلغ مصوب (ریال)"), null=True, blank=True)
    status = models.CharField(_("وضعیت"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    decision_reason = models.TextField(_("دلیل تصمیم"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("طرح")
        verbose_name_plural = _("طرح‌ها")
        indexes = [
            models.Index(fields=["call", "county", "status"], name="grant_proposal_envelope_idx"),
            models.Index(fields=["ngo", "status"], name="grant_proposal_ngo_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="grant_proposal_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def theme_label(self) -> str:
        return theme_label(self.theme) if self.theme else ""


class BudgetLine(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="budget_lines")
    title = models.CharField(_("ردیف هزینه"), max_length=200)
    amount_rials = models.BigIntegerField(_("مبلغ (ریال)"))

    class Meta:
        ordering = ["proposal", "id"]
        verbose_name = _("ردیف بودجه")
        verbose_name_plural = _("ردیف‌های بودجه")

    def __str__(self) -> str:
        return self.title


class PlannedMilestone(models.Model):
    """A step of the implementation plan, with the instalment it earns once verified."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="planned_milestones")
    title = models.CharField(_("مرحله"), max_length=300)
    due_on = models.DateField(_("موعد"))
    amount_rials = models.BigIntegerField(_("قسط (ریال)"), default=0)

    class Meta:
        ordering = ["proposal", "due_on", "id"]
        verbose_name = _("مرحله برنامه‌ریزی‌شده")
        verbose_name_plural = _("مراحل برنامه‌ریزی‌شده")

    def __str__(self) -> str:
        return self.title


class ProposalAttachment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="grants/proposals/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal", "id"]
        verbose_name = _("پیوست طرح")
        verbose_name_plural = _("پیوست‌های طرح")

    def __str__(self) -> str:
        return self.name


class ProposalEvent(AppendOnlyModel):
    """What happened to a proposal, with the reason: submitted, returned, rejected, approved, an
    allocation override (approving below a higher-ranked one, partial funding)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("ایجاد")
        SUBMITTED = "submitted", _("ارسال")
        REVIEW_STARTED = "review_started", _("آغاز داوری")
        RETURNED = "returned", _("بازگشت برای اصلاح")
        REJECTED = "rejected", _("رد")
        APPROVED = "approved", _("تصویب")
        OVERRIDE = "override", _("عدول از رتبه‌بندی")
        PARTIAL = "partial", _("تأمین بخشی از مبلغ")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal", "created_at", "id"]
        verbose_name = _("رویداد طرح")
        verbose_name_plural = _("رویدادهای طرح")

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.kind}"
