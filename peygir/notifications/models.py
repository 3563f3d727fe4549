"""In-app notifications and the outbox of emails and SMS that carry them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # What the news is about, as the domain that wrote it names it ("action:12"); the page is `url`.
    subject = models.CharField(max_length=60, blank=True, db_index=True)
    kind = models.CharField(max_length=40)
    title = models.CharField(_("عنوان"), max_length=300)
    body = models.TextField(_("متن"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("اعلان")
        verbose_name_plural = _("اعلان‌ها")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            # The notifications page: one person's newest first, paginated.
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_newest"),
        ]


class OutboundMessage(models.Model):
    """One email or SMS to deliver. Written with the event that causes it; sent after commit.

    `dedupe_key` is unique, so the same event never queues the same message twice.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("رایانامه")
        SMS = "sms", _("پیامک")
        BALE = "bale", _("پیام‌رسان بله")

    class Status(models.TextChoices):
        PENDING = "pending", _("در صف")
        SENDING = "sending", _("در حال ارسال")
        SENT = "sent", _("ارسال شد")
        FAILED = "failed", _("ناموفق")

    channel = models.CharField(max_length=10, choices=Channel.choices)
    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    notification = models.ForeignKey(Notification, null=True, blank=True, on_delete=models.SET_NULL)
    dedupe_key = models.CharField(max_length=200, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("پیام خروجی")
        verbose_name_plural = _("پیام‌های خروجی")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"])]


class Preference(models.Model):
    """How one person wants to be told, beside the in-app list that everyone has.

    Without a row the defaults hold (email on, SMS for the events that text, no bot, no digest). A Bale
    chat is linked when the person sends the bot «/start CODE» with the code shown on their page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.BooleanField(_("رایانامه"), default=True)
    sms = models.BooleanField(_("پیامک برای موارد فوری"), default=True)
    bale = models.BooleanField(_("پیام‌رسان بله"), default=False)
    bale_chat_id = models.CharField(max_length=40, blank=True)
    bale_link_code = models.CharField(max_length=16, blank=True, db_index=True)
    digest = models.BooleanField(_("خلاصه روزانه به جای پیام‌های تکی"), default=False)
    last_digest_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("ترجیح اطلاع‌رسانی")
        verbose_name_plural = _("ترجیحات اطلاع‌رسانی")


class PhoneCode(models.Model):
    """A one-time code sent by SMS to confirm a mobile number: only its keyed hash is kept, with the
    wrong tries and the deadline (`peygir.notifications.phonecodes` issues and checks it).

    Abstract: each domain keeps its own row, tied to what the number confirms (a citizen's demand, an
    NGO's registration), so the row goes when that record goes."""

    code_hash = models.CharField(max_length=128)
    attempts = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class RateLimitHit(models.Model):
    """A fixed-window counter in the database, shared by every app server (no third-party service);
    `peygir.notifications.ratelimit` counts in it.

    The model began in `demands` (the citizens' pages were the first to count); it moved here so that
    every public page that sends codes counts the same way. Its table kept its first name: moving the
    model did not move the rows."""

    key = models.CharField(max_length=120)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "demands_ratelimithit"
        verbose_name = _("ثبت محدودیت درخواست")
        verbose_name_plural = _("ثبت‌های محدودیت درخواست")
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="rate_limit_window_unique")
        ]
