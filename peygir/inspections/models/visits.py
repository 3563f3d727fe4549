"""Visits (drawn, back-checks, re-inspections), their answers and photos, and the findings that
become actions of the facility's responsible agency."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visit(models.Model):
    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", _("بازدید سرزده")
        BACK_CHECK = "back_check", _("بازدید کنترلی")
        REINSPECTION = "reinspection", _("بازدید مجدد")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("در برنامه")
        COMPLETED = "completed", _("انجام‌شده")
        MISSED = "missed", _("انجام‌نشده")
        CANCELLED = "cancelled", _("لغو شده")

    draw = models.ForeignKey("inspections.Draw", on_delete=models.PROTECT, related_name="visits")
    kind = models.CharField(_("نوع بازدید"), max_length=20, choices=Kind.choices, default=Kind.SCHEDULED)
    # No index of their own: visit_facility_idx and visit_inspector_idx start with these columns, and
    # every index is paid on each of a national month's ~100,000 drawn visits.
    facility = models.ForeignKey(
        "inspections.Facility", on_delete=models.PROTECT, related_name="visits", db_index=False
    )
    territory_path = models.CharField(max_length=255, editable=False, default="")
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("بازرس"),
        on_delete=models.PROTECT,
        related_name="inspection_visits",
        db_index=False,
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="inspection_visits"
    )
    checklist_version = models.ForeignKey(
        "inspections.ChecklistVersion", on_delete=models.PROTECT, related_name="visits"
    )
    # Secret until the day before (to its inspector only) or the period's publication.
    scheduled_on = models.DateField()
    status = models.CharField(_("وضعیت"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    back_check_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="back_checks"
    )
    reinspection_of = models.ForeignKey(
        "inspections.Finding", null=True, blank=True, on_delete=models.PROTECT, related_name="reinspections"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    # The day the inspector was reminded for (the day before `scheduled_on`): a reminder is written once
    # per date, and again only when an amendment moves the visit or gives it to another inspector.
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    # What the device said, and how far its clock was from the server's when it sent the visit.
    device_started_at = models.DateTimeField(null=True, blank=True)
    device_submitted_at = models.DateTimeField(null=True, blank=True)
    clock_skew_seconds = models.IntegerField(null=True, blank=True)
    score = models.DecimalField(_("امتیاز"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("قبول"), null=True, blank=True)
    critical_failed = models.BooleanField(default=False)
    note = models.TextField(_("یادداشت بازرس"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("بازدید")
        verbose_name_plural = _("بازدیدها")
        indexes = [
            # The inspector's own revealed visits (date up to tomorrow) in date order.
            models.Index(fields=["inspector", "status", "scheduled_on"], name="visit_inspector_idx"),
            # Missed-visit scan: scheduled visits whose day passed.
            models.Index(fields=["status", "scheduled_on"], name="visit_status_day_idx"),
            models.Index(fields=["facility", "status", "completed_at"], name="visit_facility_idx"),
            models.Index(
                fields=["territory_path", "status"],
                name="visit_tpath_status_idx",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.facility}"

    def save(self, *args, **kwargs) -> None:
        if not self.territory_path and self.facility_id is not None:
            self.territory_path = self.facility.territory_path
        super().save(*args, **kwargs)


class VisitSubmission(models.Model):
    """One submission of a visit from a device; the client's id makes a re-sent submission a no-op."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="submissions")
    submission_id = models.UUIDField(unique=True)
    accepted = models.BooleanField(default=True)
    message = models.CharField(max_length=500, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ارسال بازدید")
        verbose_name_plural = _("ارسال‌های بازدید")


class Answer(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey("inspections.ChecklistQuestion", on_delete=models.PROTECT, related_name="+")
    is_na = models.BooleanField(default=False)
    value_bool = models.BooleanField(null=True, blank=True)
    value_number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    value_text = models.TextField(blank=True)
    # What the score read: None for an answer that does not count (N/A, text, photo).
    fraction = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    note = models.CharField(max_length=1000, blank=True)

    class Meta:
        verbose_name = _("پاسخ بازدید")
        verbose_name_plural = _("پاسخ‌های بازدید")
        ordering = ["visit", "question__section__order", "question__order", "id"]
        constraints = [models.UniqueConstraint(fields=["visit", "question"], name="answer_unique")]


def photo_path(instance: "VisitPhoto", filename: str) -> str:
    return f"inspections/{instance.visit_id}/{filename}"


class VisitPhoto(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="photos")
    question = models.ForeignKey(
        "inspections.ChecklistQuestion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    client_id = models.CharField(max_length=64)
    file = models.FileField(upload_to=photo_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("عکس بازدید")
        verbose_name_plural = _("عکس‌های بازدید")
        ordering = ["visit", "id"]
        constraints = [models.UniqueConstraint(fields=["visit", "client_id"], name="visit_photo_once")]


class Finding(models.Model):
    """One failed check of one visit: an action of the facility's responsible agency (source kind
    "finding"), closed with evidence and, when the question says so, a passing re-inspection."""

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="findings")
    facility = models.ForeignKey("inspections.Facility", on_delete=models.PROTECT, related_name="findings")
    question = models.ForeignKey("inspections.ChecklistQuestion", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=500)
    is_critical = models.BooleanField(default=False)
    evidence_required = models.BooleanField(default=True)
    requires_reinspection = models.BooleanField(default=False)
    resolved_by = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="resolved_findings"
    )
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("یافته بازرسی")
        verbose_name_plural = _("یافته‌های بازرسی")
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["facility", "is_open"], name="finding_facility_open_idx")]
        constraints = [
            models.UniqueConstraint(fields=["visit", "question"], name="finding_once_per_visit_question")
        ]

    def __str__(self) -> str:
        return self.title
