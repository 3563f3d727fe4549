"""Projects (approved proposals, locked), their milestones (actions of the NGO), instalments,
amendments, the high supervisor's overrules and the double-funding guard's decisions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peygir.core.models import AppendOnlyModel


class Project(models.Model):
    """An approved proposal. Locked: its plan changes only through an `Amendment`."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("در حال اجرا")
        FINAL_REPORTED = "final_reported", _("گزارش پایانی ارسال شده")
        COMPLETED = "completed", _("پایان‌یافته")
        TERMINATED = "terminated", _("خاتمه داده شده")

    proposal = models.OneToOneField("grants.Proposal", on_delete=models.PROTECT, related_name="project")
    call = models.ForeignKey("grants.Call", on_delete=models.PROTECT, related_name="projects")
    ngo = models.ForeignKey(
        "organizations.Organization", verbose_name=_("سمن"), on_delete=models.PROTECT, related_name="projects"
    )
    county = models.ForeignKey(
        "territory.Territory", verbose_name=_("شهرستان"), on_delete=models.PROTECT, related_name="+"
    )
    county_path = models.CharField(max_length=255, editable=False, default="", db_index=True)
    supervisor = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("ناظر"),
        on_delete=models.PROTECT,
        related_name="supervised_projects",
    )
    high_supervisor = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("ناظر عالی"),
        on_delete=models.PROTECT,
        related_name="high_supervised_projects",
    )
    title = models.CharField(_("عنوان"), max_length=300)
    amount_rials = models.BigIntegerField(_("مبلغ مصوب (ریال)"))
    starts_on = models.DateField(_("آغاز"))
    ends_on = models.DateField(_("پایان"))
    status = models.CharField(_("وضعیت"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    final_report = models.TextField(_("گزارش پایانی"), blank=True)
    beneficiaries_counted = models.PositiveIntegerField(_("بهره‌مندان شمارش‌شده"), null=True, blank=True)
    final_reported_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("طرح در حال اجرا")
        verbose_name_plural = _("طرح‌های در حال اجرا")
        indexes = [
            models.Index(fields=["call", "county"], name="grant_project_county_idx"),
            models.Index(fields=["ngo", "status"], name="grant_project_ngo_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    """A step of a project: an obligation of the NGO, followed as an action (source kind "milestone")
    with the county governorate as verifier and the provincial office as high supervisor."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    number = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(_("مرحله"), max_length=300)
    due_on = models.DateField(_("موعد"))

    class Meta:
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="grant_milestone_unique"),
        ]
        verbose_name = _("مرحله طرح")
        verbose_name_plural = _("مراحل طرح")

    def __str__(self) -> str:
        return self.title


class Instalment(models.Model):
    """The payment a milestone earns: releasable only once the milestone is verified."""

    class Status(models.TextChoices):
        PENDING = "pending", _("در انتظار تأیید مرحله")
        RELEASABLE = "releasable", _("قابل پرداخت")
        RELEASED = "released", _("پرداخت شده")
        WITHHELD = "withheld", _("متوقف به دستور ناظر عالی")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="instalments")
    milestone = models.OneToOneField(Milestone, on_delete=models.CASCADE, related_name="instalment")
    amount_rials = models.BigIntegerField(_("مبلغ (ریال)"))
    status = models.CharField(_("وضعیت"), max_length=20, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("توضیح"), blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reference = models.CharField(_("شماره سند پرداخت"), max_length=60, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["project", "milestone__number"]
        verbose_name = _("قسط")
        verbose_name_plural = _("اقساط")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_rials__gte=0), name="grant_instalment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} — {self.milestone_id}"


class Amendment(AppendOnlyModel):
    """A recorded change of a locked project: what, before, after, why, who."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="amendments")
    field = models.CharField(max_length=60)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)
    reason = models.TextField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "created_at", "id"]
        verbose_name = _("اصلاحیه طرح")
        verbose_name_plural = _("اصلاحیه‌های طرح")

    def __str__(self) -> str:
        return f"{self.project_id} {self.field}"


class MilestoneOverrule(AppendOnlyModel):
    """The high supervisor (provincial office) overruling the county supervisor on a milestone."""

    class Decision(models.TextChoices):
        VERIFY = "verify", _("تأیید به جای ناظر")
        WITHHOLD = "withhold", _("توقف قسط با وجود تأیید ناظر")
        RELEASE_HOLD = "release_hold", _("رفع توقف قسط")

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="overrules")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reason = models.TextField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["milestone", "created_at", "id"]
        verbose_name = _("نظر ناظر عالی")
        verbose_name_plural = _("نظرهای ناظر عالی")

    def __str__(self) -> str:
        return f"{self.milestone_id} {self.decision}"


class GuardDecision(AppendOnlyModel):
    """What the office decided about the double-funding guard's matches, before an approval or an
    instalment: who, why, and the matches as they were shown (a snapshot)."""

    class Stage(models.TextChoices):
        APPROVAL = "approval", _("پیش از تصویب")
        INSTALMENT = "instalment", _("پیش از پرداخت قسط")

    class Decision(models.TextChoices):
        CO_FUNDED = "co_funded", _("تأمین مشترک (آگاهانه)")
        DIFFERENT = "different", _("کار متفاوت است")
        REFUSE = "refuse", _("رد به دلیل تأمین تکراری")

    proposal = models.ForeignKey("grants.Proposal", on_delete=models.CASCADE, related_name="guard_decisions")
    instalment = models.ForeignKey(
        Instalment, null=True, blank=True, on_delete=models.CASCADE, related_name="guard_decisions"
    )
    stage = models.CharField(max_length=20, choices=Stage.choices)
    decision = models.CharField(_("تصمیم"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("دلیل"))
    matches = models.JSONField(default=list)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal", "-created_at", "-id"]
        verbose_name = _("تصمیم درباره تأمین تکراری")
        verbose_name_plural = _("تصمیم‌ها درباره تأمین تکراری")

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.stage} {self.decision}"
