"""Checklist templates, hung from a policy document, and their immutable versions.

A template's questions live in a version. Editing a template publishes a new version; a visit keeps
the version it was drawn with, and its answers keep the score they were given, so an edit never
changes an old score.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChecklistTemplate(models.Model):
    document = models.ForeignKey(
        "programs.PolicyDocument",
        verbose_name=_("سند"),
        on_delete=models.PROTECT,
        related_name="checklist_templates",
    )
    title = models.CharField(_("عنوان چک‌لیست"), max_length=300)
    # The facility kinds it is meant for (a list of FacilityKind values).
    facility_kinds = models.JSONField(_("انواع مرکز"), default=list, blank=True)
    pass_score = models.PositiveSmallIntegerField(_("حد نصاب قبولی (درصد)"), default=70)
    is_active = models.BooleanField(_("فعال"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("چک‌لیست")
        verbose_name_plural = _("چک‌لیست‌ها")

    def __str__(self) -> str:
        return self.title

    def latest_version(self) -> "ChecklistVersion | None":
        """The newest published version: the one new visits are drawn with (a draft never is)."""
        return self.versions.filter(published_at__isnull=False).order_by("-number").first()

    def draft_version(self) -> "ChecklistVersion | None":
        return self.versions.filter(published_at__isnull=True).order_by("-number").first()


class ChecklistVersion(models.Model):
    """A draft (`published_at` empty) is edited question by question on its page; once published it
    never changes again, and the next edit is a new draft copied from it."""

    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("نسخه"))
    note = models.CharField(_("شرح تغییر"), max_length=500, blank=True)
    pass_score = models.PositiveSmallIntegerField(_("حد نصاب قبولی (درصد)"), default=70)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("تاریخ انتشار"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optimistic concurrency for the draft's editors (two tabs adding questions at once).
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("نسخه چک‌لیست")
        verbose_name_plural = _("نسخه‌های چک‌لیست")
        ordering = ["template", "number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="checklist_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.template.title} — {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.published_at is None


class ChecklistSection(models.Model):
    version = models.ForeignKey(ChecklistVersion, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("عنوان بخش"), max_length=300)

    class Meta:
        verbose_name = _("بخش چک‌لیست")
        verbose_name_plural = _("بخش‌های چک‌لیست")
        ordering = ["version", "order", "id"]


class ChecklistQuestion(models.Model):
    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("بله / خیر")
        SCALE = "scale", _("طیف")
        NUMBER = "number", _("عدد")
        TEXT = "text", _("متن")
        PHOTO = "photo", _("عکس")

    # Kinds that count in the score; text and photo answers are kept as they are.
    SCORED = (Kind.YES_NO, Kind.SCALE, Kind.NUMBER)

    version = models.ForeignKey(ChecklistVersion, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(ChecklistSection, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    # The same question across versions (a back-check or re-inspection compares answers by code).
    code = models.CharField(_("کد"), max_length=40)
    text = models.CharField(_("پرسش"), max_length=500)
    kind = models.CharField(_("نوع پاسخ"), max_length=10, choices=Kind.choices, default=Kind.YES_NO)
    weight = models.PositiveSmallIntegerField(_("وزن"), default=1)
    is_critical = models.BooleanField(_("بحرانی"), default=False)
    allows_na = models.BooleanField(_("«موضوعیت ندارد» مجاز است"), default=True)
    scale_max = models.PositiveSmallIntegerField(_("بیشینه طیف"), default=5)
    # Scale: the lowest passing value; number: the passing range.
    pass_min = models.DecimalField(_("کمینه قبول"), max_digits=12, decimal_places=2, null=True, blank=True)
    pass_max = models.DecimalField(_("بیشینه قبول"), max_digits=12, decimal_places=2, null=True, blank=True)
    # The finding a failure makes: its deadline in working days, evidence, re-inspection.
    deadline_days = models.PositiveSmallIntegerField(_("مهلت رفع (روز کاری)"), default=10)
    evidence_required = models.BooleanField(_("مدرک رفع لازم است"), default=True)
    requires_reinspection = models.BooleanField(_("بستن با بازدید مجدد"), default=False)

    class Meta:
        verbose_name = _("پرسش چک‌لیست")
        verbose_name_plural = _("پرسش‌های چک‌لیست")
        ordering = ["version", "section__order", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="checklist_question_code_unique")
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_scored(self) -> bool:
        return self.kind in self.SCORED and self.weight > 0
