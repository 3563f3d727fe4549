"""The NGO registry: an `organizations.Organization` of kind NGO and its profile, keyed by national ID."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NgoProfile(models.Model):
    """One NGO, whoever licensed it: the national ID (شناسه ملی) is the key, so the same NGO licensed
    by the interior ministry and by the welfare organization is one row, not two."""

    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("سازمان"),
        on_delete=models.CASCADE,
        related_name="ngo_profile",
    )
    national_id = models.CharField(_("شناسه ملی"), max_length=11, unique=True)
    registration_number = models.CharField(_("شماره ثبت"), max_length=40, blank=True)
    licence_issuer = models.CharField(_("مرجع صدور مجوز"), max_length=200)
    licence_expires_on = models.DateField(_("تاریخ پایان اعتبار مجوز"))
    activity_territory = models.ForeignKey(
        "territory.Territory",
        verbose_name=_("قلمرو فعالیت"),
        on_delete=models.PROTECT,
        related_name="ngo_profiles",
    )
    # Theme values of programs.Theme (a short list; read whole with the row).
    themes = models.JSONField(_("حوزه‌ها"), default=list, blank=True)
    # [{"name": …, "role": …, "phone": …}] — the board as the NGO declares it.
    board_contacts = models.JSONField(_("اعضای هیئت مدیره"), default=list, blank=True)
    sheba = models.CharField(_("شماره شبا"), max_length=26, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("پرونده سمن")
        verbose_name_plural = _("پرونده‌های سمن")

    def __str__(self) -> str:
        return f"{self.organization} ({self.national_id})"


class NgoDocument(models.Model):
    profile = models.ForeignKey(NgoProfile, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("عنوان"), max_length=200)
    file = models.FileField(upload_to="grants/ngo/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("مدرک سمن")
        verbose_name_plural = _("مدارک سمن")

    def __str__(self) -> str:
        return self.title
