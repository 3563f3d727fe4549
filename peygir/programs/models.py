"""Policy documents and the themes they, the NGO calls and the inspection checklists are filed under."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    """The social and cultural domains the provinces' documents name; one list for calls, programs,
    indicators and checklists so that a harm's page can gather all of them."""

    SPORT = "sport", _("ورزش")
    HEALTH = "health", _("سلامت")
    CULTURE = "culture", _("فرهنگ")
    BEGGING = "begging", _("ساماندهی متکدیان")
    INFORMAL_SETTLEMENTS = "informal_settlements", _("سکونتگاه‌های غیررسمی")
    ADDICTION = "addiction", _("پیشگیری از اعتیاد")
    DIVORCE = "divorce", _("طلاق")
    VIOLENCE = "violence", _("خشونت و نزاع")
    FOOD_SECURITY = "food_security", _("امنیت غذایی")
    CITIZENS_RIGHTS = "citizens_rights", _("حقوق شهروندی")
    EDUCATION = "education", _("آموزش")
    FAMILY = "family", _("خانواده")
    OTHER = "other", _("سایر")


class PolicyDocument(models.Model):
    """A national or provincial document (a roadmap, a strategy, a sector document) that programs,
    indicators and inspection checklists hang from. A province adopts a national document by making its
    own row that names the national one as `adopted_from`."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("ملی")
        PROVINCIAL = "provincial", _("استانی")
        COUNTY = "county", _("شهرستانی")

    title = models.CharField(_("عنوان"), max_length=300)
    level = models.CharField(_("سطح"), max_length=20, choices=Level.choices)
    theme = models.CharField(_("حوزه"), max_length=30, choices=Theme.choices)
    territory = models.ForeignKey(
        "territory.Territory",
        verbose_name=_("قلمرو"),
        on_delete=models.PROTECT,
        related_name="policy_documents",
    )
    issuer = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("صادرکننده"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policy_documents",
    )
    adopted_from = models.ForeignKey(
        "self",
        verbose_name=_("برگرفته از"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    year = models.PositiveSmallIntegerField(_("سال (شمسی)"), null=True, blank=True)
    summary = models.TextField(_("خلاصه"), blank=True)
    is_active = models.BooleanField(_("فعال"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("سند سیاستی")
        verbose_name_plural = _("اسناد سیاستی")

    def __str__(self) -> str:
        return self.title


# ====================================================================== programs and duties


class Program(models.Model):
    """A program of a national, provincial or county body: goals, indicator targets and duties.

    A province adopts a national program by making its own row naming the national one as
    `adopted_from`; it keeps its own goals, targets and duties."""

    Level = PolicyDocument.Level

    title = models.CharField(_("عنوان"), max_length=300)
    level = models.CharField(_("سطح"), max_length=20, choices=PolicyDocument.Level.choices)
    theme = models.CharField(_("حوزه"), max_length=30, choices=Theme.choices)
    document = models.ForeignKey(
        PolicyDocument,
        verbose_name=_("سند"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programs",
    )
    territory = models.ForeignKey(
        "territory.Territory", verbose_name=_("قلمرو"), on_delete=models.PROTECT, related_name="programs"
    )
    owner = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("متولی"),
        on_delete=models.PROTECT,
        related_name="owned_programs",
    )
    adopted_from = models.ForeignKey(
        "self",
        verbose_name=_("برگرفته از"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    start_year = models.PositiveSmallIntegerField(_("سال آغاز (شمسی)"))
    end_year = models.PositiveSmallIntegerField(_("سال پایان (شمسی)"))
    summary = models.TextField(_("خلاصه"), blank=True)
    is_active = models.BooleanField(_("فعال"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_year", "title", "id"]
        verbose_name = _("برنامه")
        verbose_name_plural = _("برنامه‌ها")
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=F("start_year")), name="program_years_ordered"),
            models.UniqueConstraint(
                fields=["adopted_from", "territory"],
                condition=Q(adopted_from__isnull=False),
                name="program_adopted_once_per_territory",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("عنوان هدف"), max_length=500)
    order = models.PositiveSmallIntegerField(_("ترتیب"), default=1)

    class Meta:
        ordering = ["program", "order", "id"]
        verbose_name = _("هدف")
        verbose_name_plural = _("اهداف")

    def __str__(self) -> str:
        return self.title


class Duty(models.Model):
    """An agency's (or a county deputy's) duty under a program. Each occurrence is an action (source
    kind "duty"); a recurring duty gets one occurrence per Jalali month, season or year."""

    class Recurrence(models.TextChoices):
        ONCE = "once", _("یک‌باره")
        MONTH = "month", _("ماهانه")
        SEASON = "season", _("فصلی")
        YEAR = "year", _("سالانه")

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="duties")
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="duties")
    title = models.CharField(_("عنوان وظیفه"), max_length=500)
    description = models.TextField(_("شرح"), blank=True)
    responsible = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("مسئول"),
        on_delete=models.PROTECT,
        related_name="program_duties",
    )
    recurrence = models.CharField(_("تکرار"), max_length=10, choices=Recurrence.choices, default="once")
    deadline = models.DateField(_("مهلت (وظیفهٔ یک‌باره)"), null=True, blank=True)
    starts_on = models.DateField(_("آغاز"))
    ends_on = models.DateField(_("پایان"), null=True, blank=True)
    is_active = models.BooleanField(_("فعال"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "id"]
        verbose_name = _("وظیفه")
        verbose_name_plural = _("وظایف")
        indexes = [models.Index(fields=["recurrence", "is_active"], name="duty_recurring_idx")]

    def __str__(self) -> str:
        return self.title


class DutyOccurrence(models.Model):
    """One period of a duty and the action it produced. Unique per (duty, period): whatever the number
    of scans, or two scans at once, a period gets one action — the database refuses the second."""

    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="occurrences")
    period_type = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField(default=0)
    action = models.OneToOneField(
        "actions.Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="duty_occurrence"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("نوبت وظیفه")
        verbose_name_plural = _("نوبت‌های وظیفه")
        ordering = ["duty", "year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["duty", "year", "number"], name="duty_occurrence_once_per_period")
        ]


from .indicators_models import (  # noqa: E402  (one app, models split over two modules)
    ExpectedValue,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    IndicatorVersion,
    PeriodClosure,
    ValueEvent,
)

__all__ = [
    "Theme",
    "PolicyDocument",
    "Program",
    "Goal",
    "Duty",
    "DutyOccurrence",
    "Indicator",
    "IndicatorVersion",
    "IndicatorValue",
    "IndicatorTarget",
    "PeriodClosure",
    "ExpectedValue",
    "ValueEvent",
]
