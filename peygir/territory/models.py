"""The territorial tree: province › county › district/city › neighbourhood.

A materialized path (`/12/140/`) makes ancestor and descendant queries a single indexed lookup.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Territory(models.Model):
    class Kind(models.TextChoices):
        COUNTRY = "country", _("کشور")
        PROVINCE = "province", _("استان")
        COUNTY = "county", _("شهرستان")
        DISTRICT = "district", _("بخش")
        CITY = "city", _("شهر")
        NEIGHBOURHOOD = "neighbourhood", _("محله")

    kind = models.CharField(_("نوع"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("بالادست"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("کد"), max_length=40, unique=True)
    osm_id = models.BigIntegerField(null=True, blank=True, unique=True)
    name_fa = models.CharField(_("نام"), max_length=200)
    name_en = models.CharField(_("نام انگلیسی"), max_length=200, blank=True)
    name_normalized = models.CharField(max_length=200, db_index=True, editable=False)
    population = models.PositiveBigIntegerField(_("جمعیت"), null=True, blank=True)
    is_underprivileged = models.BooleanField(_("کم‌برخوردار"), default=False)
    is_informal_settlement = models.BooleanField(_("حاشیه‌نشین"), default=False)
    is_active = models.BooleanField(_("فعال"), default=True)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["path"]
        verbose_name = _("قلمرو")
        verbose_name_plural = _("قلمروها")
        indexes = [models.Index(fields=["kind", "parent"])]

    def __str__(self) -> str:
        return self.name_fa

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to this territory itself."""
        return [int(part) for part in self.path.strip("/").split("/") if part]

    @property
    def province_id(self) -> int | None:
        """The province this territory lies in (itself for a province); the root is the country."""
        ids = self.ancestor_ids()
        return ids[1] if len(ids) > 1 else None


class TerritoryBoundary(models.Model):
    """Geometry kept apart so that lists of territories never load megabytes of coordinates."""

    territory = models.OneToOneField(Territory, on_delete=models.CASCADE, related_name="boundary")
    geojson = models.JSONField()
    source = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("مرز قلمرو")
        verbose_name_plural = _("مرزهای قلمرو")
