"""The NGO registry: an `organizations.Organization` of kind NGO and its profile, keyed by national ID."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peygir.core.models import AppendOnlyModel
from peygir.notifications.models import PhoneCode


class NgoProfile(models.Model):
    """One NGO, whoever licensed it: the national ID (شناسه ملی) is the key, so the same NGO licensed
    by the interior ministry and by the welfare organization is one row, not two.

    An NGO that registers itself from the public page is `unconfirmed` until its representative types
    back the code sent by SMS to their mobile, then waits as `pending`, its organization inactive (out
    of every picker and every scope), until the provincial office checks its documents and verifies
    it; only a verified NGO writes proposals. One registered by the office is verified."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("در انتظار تأیید شماره همراه")
        PENDING = "pending", _("در انتظار بررسی دفتر")
        VERIFIED = "verified", _("تأییدشده")
        REFUSED = "refused", _("ردشده (نیازمند اصلاح)")

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
    status = models.CharField(_("وضعیت ثبت"), max_length=20, choices=Status.choices, default=Status.PENDING)
    status_reason = models.TextField(_("دلیل"), blank=True)
    # The person who registered the NGO from the public page: they follow and correct the application
    # before the organization is active (their membership counts only once it is).
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The applicant's account was made by this registration (a visitor's): an abandoned registration
    # takes it along when nothing else uses it (services.ngo_prune); a signed-in applicant's stays.
    # db_default: rows written by raw inserts (the benchmark generator's COPY) get it too.
    applicant_created = models.BooleanField(default=False, db_default=False, editable=False)
    # Where the registration came from: a few registrations a day per address (services.ngos).
    registered_from = models.GenericIPAddressField(null=True, blank=True, editable=False)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("پرونده سمن")
        verbose_name_plural = _("پرونده‌های سمن")
        indexes = [models.Index(fields=["status", "created_at"], name="grant_ngo_status_idx")]

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


class NgoEvent(AppendOnlyModel):
    """The registration's history: applied, corrected and sent again, verified, refused (with why)."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("ثبت به دست دفتر")
        APPLIED = "applied", _("درخواست ثبت")
        CONFIRMED = "confirmed", _("تأیید شماره همراه نماینده با کد پیامکی")
        RESUBMITTED = "resubmitted", _("ارسال دوباره پس از اصلاح")
        RELICENSED = "relicensed", _("مجوز تازه برای بررسی")
        VERIFIED = "verified", _("تأیید")
        REFUSED = "refused", _("رد")

    profile = models.ForeignKey(NgoProfile, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["profile", "created_at", "id"]
        verbose_name = _("رویداد ثبت سمن")
        verbose_name_plural = _("رویدادهای ثبت سمن")

    def __str__(self) -> str:
        return f"{self.profile_id} {self.kind}"


class NgoPhoneConfirmation(PhoneCode):
    """The code sent by SMS to the representative's mobile when the NGO registers itself: until it
    comes back the registration is `unconfirmed`, out of the office's queue
    (`peygir.notifications.phonecodes` issues and checks it, as for citizens' demands)."""

    profile = models.OneToOneField(NgoProfile, on_delete=models.CASCADE, related_name="phone_confirmation")
    # The number the code went to (09…): the applicant's account's, or the one they typed.
    mobile = models.CharField(max_length=15)
    # When the latest code went (the registration's or a resent one): the wait before another, and
    # the age of an abandoned registration, count from it. Empty on rows older than the field: created_at.
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("تأیید تلفن همراه نماینده سمن")
        verbose_name_plural = _("تأییدهای تلفن همراه نمایندگان سمن")

    def __str__(self) -> str:
        return f"{self.profile_id} …{self.mobile[-4:]}"
