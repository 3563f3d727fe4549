from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarOverride(models.Model):
    """A correction the office makes to the working calendar.

    The `holidays` package gives Iran's official holidays; lunar holidays move and are sometimes
    announced late, and provinces close for weather or pollution: this table wins over both.
    """

    date = models.DateField(_("تاریخ"), unique=True)
    is_holiday = models.BooleanField(_("تعطیل است"), default=True)
    title = models.CharField(_("عنوان"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("اصلاح تقویم کاری")
        verbose_name_plural = _("اصلاحات تقویم کاری")

    def __str__(self) -> str:
        return f"{self.date} {'holiday' if self.is_holiday else 'working'}"


class DataVersion(models.Model):
    """One row whose `value` moves whenever committed data that pages show changes.

    Database triggers (installed by `peygir.core.dataversion` after every migrate) bump it in the
    same transaction as the write — at commit on PostgreSQL — whatever wrote it: a service, a bulk
    update of the escalation scan, the admin or raw SQL. Cached pages and summaries key on it, so a
    committed write invalidates them at once and an uncommitted one never does.
    """

    # The scope (peygir.core.dataversion): 1 = everything, 2 = global, a session bucket, a province.
    id = models.BigIntegerField(primary_key=True, default=1)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("نسخهٔ داده")
        verbose_name_plural = _("نسخهٔ داده")


class AppendOnlyModel(models.Model):
    """A history row: written once, inside the transaction of the change it records, never edited.

    The guard is on the instance (save of an existing row, delete); bulk writes through querysets are
    the owner's explicit choice (anonymization wipes personal data in place, for instance).
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{type(self).__name__} is append-only")


class AuditEntry(AppendOnlyModel):
    """One recorded act on one object: who, when, from where, what, and which fields changed.

    Written by `peygir.core.audit.record_change` inside the transaction of the change it records, so
    a rolled-back change leaves no entry. The object is named by its model label and primary key (no
    foreign key: the entry outlives the object, and `core` may not depend on the domains) plus its
    text as it read at the time.
    """

    class Verb(models.TextChoices):
        CREATE = "create", _("ایجاد")
        UPDATE = "update", _("ویرایش")
        DELETE = "delete", _("حذف")
        READ = "read", _("مشاهده")

    at = models.DateTimeField(_("زمان"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("کاربر"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The actor's username as it was: kept when the account is deleted or renamed.
    actor_label = models.CharField(_("نام کاربری"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("نشانی IP"), null=True, blank=True)
    verb = models.CharField(_("عمل"), max_length=10, choices=Verb.choices)
    object_type = models.CharField(_("نوع شیء"), max_length=100)  # "committees.committee"
    object_pk = models.CharField(_("شناسه شیء"), max_length=64)
    object_repr = models.CharField(_("شیء"), max_length=300)
    # {"field": [before, after]} for an update; {"field": value} for a create; {} when not relevant.
    changes = models.JSONField(_("تغییرات"), default=dict, blank=True)
    note = models.CharField(_("توضیح"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("رویداد ممیزی")
        verbose_name_plural = _("رویدادهای ممیزی")
        indexes = [
            # An object's history: newest first.
            models.Index(fields=["object_type", "object_pk", "-at"], name="audit_object_idx"),
            models.Index(fields=["actor", "-at"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_verb_display()} {self.object_repr}"


class Heartbeat(models.Model):
    """When a background job last finished (the escalation scan, a delivery run) and what it did.

    One row per job, overwritten at each run: the administrators' health page and /readyz read it to
    say whether the workers are alive. No page's data: outside the data version (dataversion.UNWATCHED).
    """

    name = models.CharField(max_length=40, unique=True)
    at = models.DateTimeField()
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("ضربان کار پس‌زمینه")
        verbose_name_plural = _("ضربان کارهای پس‌زمینه")

    def __str__(self) -> str:
        return f"{self.name} {self.at:%Y-%m-%d %H:%M}"
