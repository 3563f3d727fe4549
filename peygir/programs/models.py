"""Policy documents and the themes they, the NGO calls and the inspection checklists are filed under."""

from django.db import models
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
