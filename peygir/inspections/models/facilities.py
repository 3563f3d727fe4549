"""The registry of inspected facilities."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FacilityKind(models.TextChoices):
    SLAUGHTERHOUSE = "slaughterhouse", _("کشتارگاه")
    FOOD_CENTRE = "food_centre", _("مرکز تهیه و توزیع مواد غذایی")
    SPORTS_VENUE = "sports_venue", _("اماکن ورزشی")
    CHILD_CARE = "child_care", _("مرکز نگهداری کودکان")
    ELDERLY_CARE = "elderly_care", _("مرکز نگهداری سالمندان")
    BEGGARS_CENTRE = "beggars_centre", _("مرکز نگهداری متکدیان")
    ADDICTION_CAMP = "addiction_camp", _("کمپ ترک اعتیاد")
    HOSPITAL = "hospital", _("بیمارستان")
    MUNICIPAL_OFFICE = "municipal_office", _("دفتر خدمات شهرداری")
    SERVICE_OFFICE = "service_office", _("دستگاه خدمات‌رسان")
    OTHER = "other", _("سایر")


class Facility(models.Model):
    """A place that is inspected: it lies in a territory and answers to one responsible agency, which
    receives the actions of its failed checks."""

    name = models.CharField(_("نام مرکز"), max_length=300)
    kind = models.CharField(_("نوع مرکز"), max_length=30, choices=FacilityKind.choices)
    territory = models.ForeignKey(
        "territory.Territory", verbose_name=_("قلمرو"), on_delete=models.PROTECT, related_name="facilities"
    )
    # A copy of the territory's path, as on actions: visibility is a prefix range on this table's index.
    territory_path = models.CharField(max_length=255, editable=False, default="")
    responsible_agency = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("دستگاه مسئول"),
        on_delete=models.PROTECT,
        related_name="facilities",
    )
    licence_number = models.CharField(_("شماره پروانه"), max_length=60, blank=True)
    address = models.CharField(_("نشانی"), max_length=500, blank=True)
    latitude = models.DecimalField(_("عرض جغرافیایی"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("طول جغرافیایی"), max_digits=9, decimal_places=6, null=True, blank=True)
    is_active = models.BooleanField(_("فعال"), default=True)
    # What the last completed visit left (denormalized for the map, the draw's risk and lists).
    last_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True, editable=False)
    last_passed = models.BooleanField(null=True, blank=True, editable=False)
    last_visited_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("مرکز")
        verbose_name_plural = _("مراکز")
        indexes = [
            models.Index(
                fields=["territory_path", "kind"],
                name="facility_tpath_kind_idx",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
            models.Index(fields=["responsible_agency", "name"], name="facility_agency_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "licence_number"],
                condition=~Q(licence_number=""),
                name="facility_unique_licence",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.territory_id is not None and not self.territory_path:
            self.territory_path = self.territory.path
        super().save(*args, **kwargs)
