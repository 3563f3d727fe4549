"""Organizations placed in the territory tree, and the people who belong to them with a role."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organization(models.Model):
    class Kind(models.TextChoices):
        NATIONAL = "national", _("سازمان ملی")
        GOVERNORATE = "governorate", _("استانداری")
        SOCIAL_OFFICE = "social_office", _("دفتر امور اجتماعی و فرهنگی")
        COUNTY_GOVERNORATE = "county_governorate", _("فرمانداری")
        AGENCY = "agency", _("دستگاه اجرایی")
        NGO = "ngo", _("سازمان مردم‌نهاد")
        FACILITATION_OFFICE = "facilitation_office", _("دفتر تسهیلگری")
        COUNCIL_BODY = "council_body", _("نهاد شورایی")
        GROUP = "group", _("گروه دستگاه‌ها")

    name = models.CharField(_("نام"), max_length=300)
    short_name = models.CharField(_("نام کوتاه"), max_length=120, blank=True)
    name_normalized = models.CharField(max_length=300, db_index=True, editable=False)
    kind = models.CharField(_("نوع"), max_length=30, choices=Kind.choices)
    territory = models.ForeignKey(
        "territory.Territory", verbose_name=_("قلمرو"), on_delete=models.PROTECT, related_name="organizations"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("سازمان بالادست"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    supervisor = models.ForeignKey(
        "self",
        verbose_name=_("سطح نظارتی"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised",
        help_text=_("سطحی که پس از تأخیر، پیگیری‌های معوق این سازمان به آن ارجاع می‌شود."),
    )
    members_of_group = models.ManyToManyField(
        "self",
        verbose_name=_("اعضای گروه"),
        blank=True,
        symmetrical=False,
        related_name="groups",
        help_text=_("برای گروه‌هایی مانند «دستگاه‌های اجرایی عضو برنامه»."),
    )
    email = models.EmailField(_("رایانامه"), blank=True)
    phone = models.CharField(_("تلفن"), max_length=30, blank=True)
    is_active = models.BooleanField(_("فعال"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("سازمان")
        verbose_name_plural = _("سازمان‌ها")
        indexes = [models.Index(fields=["kind", "territory"])]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's place in an organization. The role decides what they may do (organizations.access)."""

    class Role(models.TextChoices):
        HEAD = "head", _("رئیس / مدیر کل")
        OFFICE_STAFF = "office_staff", _("کارشناس دفتر امور اجتماعی و فرهنگی")
        GOVERNOR = "governor", _("استاندار / معاون استاندار")
        COUNTY_DEPUTY = "county_deputy", _("معاون سیاسی اجتماعی فرمانداری")
        LIAISON = "liaison", _("رابط دستگاه")
        FACILITATOR = "facilitator", _("تسهیلگر")
        NGO_REP = "ngo_rep", _("نماینده سمن")
        INSPECTOR = "inspector", _("بازرس / ناظر (فقط خواندنی)")
        NATIONAL = "national", _("کارشناس سازمان امور اجتماعی کشور")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("نقش"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("فعال"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("عضویت")
        verbose_name_plural = _("عضویت‌ها")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="membership_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization} ({self.role})"
