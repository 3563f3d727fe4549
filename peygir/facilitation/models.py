"""Facilitation and local development offices (دفتر تسهیلگری و توسعه محلی).

An office is an Organization (kind facilitation_office), so memberships, roles and the one permission
mechanism apply to it; this model adds what only an office has.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peygir.core.models import AppendOnlyModel


class FacilitationOffice(models.Model):
    organization = models.OneToOneField(
        "organizations.Organization", on_delete=models.PROTECT, related_name="facilitation_office"
    )
    neighbourhoods = models.ManyToManyField(
        "territory.Territory",
        verbose_name=_("محله‌های تحت پوشش"),
        blank=True,
        related_name="facilitation_offices",
    )
    opened_on = models.DateField(_("تاریخ گشایش"), null=True, blank=True)
    budget_rials = models.BigIntegerField(_("اعتبار (ریال)"), default=0)
    operator = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("مجری (سمن یا نهاد)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="operated_offices",
    )
    is_pilot = models.BooleanField(_("دفتر پایلوت"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("دفتر تسهیلگری")
        verbose_name_plural = _("دفاتر تسهیلگری")

    def __str__(self) -> str:
        return str(self.organization)


class VulnerableHousehold(models.Model):
    """A household or person the office identified as vulnerable, with the least personal data that serves.

    Visible only to the office and the provincial office's authorized staff; every read and change is
    logged in SensitiveAccessLog.
    """

    class Need(models.TextChoices):
        FOOD = "food", _("امنیت غذایی")
        HEALTH = "health", _("سلامت و درمان")
        EDUCATION = "education", _("بازماندگی از تحصیل")
        HOUSING = "housing", _("مسکن")
        EMPLOYMENT = "employment", _("بیکاری")
        ADDICTION = "addiction", _("اعتیاد")
        FEMALE_HEADED = "female_headed", _("زنان سرپرست خانوار")
        DISABILITY = "disability", _("معلولیت")
        OTHER = "other", _("سایر")

    office = models.ForeignKey(
        FacilitationOffice, on_delete=models.PROTECT, related_name="vulnerable_households"
    )
    neighbourhood = models.ForeignKey("territory.Territory", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(
        _("شناسه داخلی"), max_length=40, help_text=_("کدی که دفتر به خانوار می‌دهد؛ نام لازم نیست.")
    )
    needs = models.JSONField(_("نوع نیاز"), default=list)
    members_count = models.PositiveSmallIntegerField(_("تعداد اعضا"), null=True, blank=True)
    programs = models.TextField(_("برنامه‌هایی که کمک کرده‌اند"), blank=True)
    note = models.TextField(_("یادداشت"), blank=True)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("خانوار آسیب‌پذیر")
        verbose_name_plural = _("خانوارهای آسیب‌پذیر")
        constraints = [
            models.UniqueConstraint(fields=["office", "reference"], name="vulnerable_reference_unique")
        ]


class SensitiveAccessLog(AppendOnlyModel):
    """Who read or changed a sensitive record, and when (append-only)."""

    class Kind(models.TextChoices):
        READ = "read", _("مشاهده")
        CREATE = "create", _("ثبت")
        UPDATE = "update", _("ویرایش")
        EXPORT = "export", _("خروجی")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    household = models.ForeignKey(
        VulnerableHousehold, null=True, blank=True, on_delete=models.CASCADE, related_name="access_log"
    )
    demand = models.ForeignKey(
        "demands.Demand", null=True, blank=True, on_delete=models.CASCADE, related_name="access_log"
    )
    detail = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ثبت دسترسی به داده حساس")
        verbose_name_plural = _("ثبت‌های دسترسی به داده حساس")
        ordering = ["-created_at", "-id"]


class EmpowermentActivity(models.Model):
    class Kind(models.TextChoices):
        SKILLS = "skills", _("آموزش مهارت")
        EMPOWERMENT = "empowerment", _("توانمندسازی")
        AWARENESS = "awareness", _("آگاه‌سازی")
        EMPLOYMENT = "employment", _("اشتغال‌زایی")
        OTHER = "other", _("سایر")

    office = models.ForeignKey(FacilitationOffice, on_delete=models.PROTECT, related_name="activities")
    kind = models.CharField(_("نوع"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("عنوان"), max_length=300)
    held_on = models.DateField(_("تاریخ"))
    participants = models.PositiveIntegerField(_("شرکت‌کنندگان"), default=0)
    women_participants = models.PositiveIntegerField(_("شرکت‌کنندگان زن"), default=0)
    partner = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("شرح"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("فعالیت توانمندسازی")
        verbose_name_plural = _("فعالیت‌های توانمندسازی")
        ordering = ["-held_on", "-id"]
