"""The office's weights of the scorecard, kept as history: a new set is a new version, never an edit.

A scorecard names the version it was computed with, so anyone can recompute it from the record and
the same weights and get the same number (docs/evaluation.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peygir.core.models import AppendOnlyModel

# The performance measures, in the order pages show them (the key names the weight field `w_<key>`).
MEASURE_KEYS = ("on_time", "verified", "overdue", "rating", "findings", "duties", "targets")
DEFAULT_WEIGHTS = {
    "on_time": 25,
    "verified": 15,
    "overdue": 15,
    "rating": 15,
    "findings": 10,
    "duties": 10,
    "targets": 10,
}
DEFAULT_OVERDUE_CAP_DAYS = 60


class WeightSet(AppendOnlyModel):
    """One version of the weights a province's office (or, for the whole country, the national
    organization) gives each measure. Append-only: the latest version of a territory is in force."""

    territory = models.ForeignKey(
        "territory.Territory",
        verbose_name=_("قلمرو"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("استان (یا کشور، برای وزن‌های مقایسه ملی)."),
    )
    version = models.PositiveIntegerField(_("نسخه"))
    w_on_time = models.PositiveSmallIntegerField(_("انجام به‌موقع"), default=DEFAULT_WEIGHTS["on_time"])
    w_verified = models.PositiveSmallIntegerField(_("تأیید دفتر"), default=DEFAULT_WEIGHTS["verified"])
    w_overdue = models.PositiveSmallIntegerField(_("روزهای تأخیر"), default=DEFAULT_WEIGHTS["overdue"])
    w_rating = models.PositiveSmallIntegerField(_("رضایت شهروندان"), default=DEFAULT_WEIGHTS["rating"])
    w_findings = models.PositiveSmallIntegerField(
        _("یافته‌های بازرسی رفع‌شده"), default=DEFAULT_WEIGHTS["findings"]
    )
    w_duties = models.PositiveSmallIntegerField(_("وظایف برنامه انجام‌شده"), default=DEFAULT_WEIGHTS["duties"])
    w_targets = models.PositiveSmallIntegerField(_("تحقق هدف شاخص‌ها"), default=DEFAULT_WEIGHTS["targets"])
    overdue_cap_days = models.PositiveSmallIntegerField(
        _("سقف روزهای تأخیر"),
        default=DEFAULT_OVERDUE_CAP_DAYS,
        help_text=_("میانگین تأخیری که امتیاز «روزهای تأخیر» را به صفر می‌رساند."),
    )
    note = models.CharField(_("توضیح"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["territory", "-version"]
        verbose_name = _("مجموعه وزن‌های کارنامه")
        verbose_name_plural = _("مجموعه‌های وزن کارنامه")
        constraints = [
            models.UniqueConstraint(fields=["territory", "version"], name="weightset_unique_version"),
            models.CheckConstraint(
                condition=models.Q(overdue_cap_days__gte=1), name="weightset_cap_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.territory} v{self.version}"

    def weights(self) -> dict[str, int]:
        return {key: getattr(self, f"w_{key}") for key in MEASURE_KEYS}
