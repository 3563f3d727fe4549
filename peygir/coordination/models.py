"""Pairs of records of two bodies that may be the same work, and what was decided about them.

A record is named by its search kind and id (`SearchEntry.kind`, `object_id`): coordination compares
any kind of work without a foreign key to each domain. A pair is always stored in canonical order
(the smaller `(kind, id)` is `a`), so (x, y) and (y, x) are one row.

- `CandidatePair`: a pair found by the background pass (or shown at entry), with its score and
  reasons; open until somebody decides it.
- `Decision`: what a person decided about a pair. Decisions are never deleted: an undo stamps
  `undone_at`, and the pair's current decision is its one row not undone (a partial unique index).
  The current decisions are the edges of the coordination graph (`selectors.group_of`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PairFields(models.Model):
    """The two records (canonical order), their bodies and the territory both lie in."""

    a_kind = models.CharField(max_length=20)
    a_id = models.BigIntegerField()
    b_kind = models.CharField(max_length=20)
    b_id = models.BigIntegerField()
    a_organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    b_organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    county = models.ForeignKey(
        "territory.Territory", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The deepest territory holding both records (their county, or the province): who may review.
    territory_path = models.CharField(max_length=255, default="", blank=True)

    class Meta:
        abstract = True

    @property
    def a_key(self) -> tuple[str, int]:
        return (self.a_kind, self.a_id)

    @property
    def b_key(self) -> tuple[str, int]:
        return (self.b_kind, self.b_id)


class CandidatePair(PairFields):
    class Status(models.TextChoices):
        OPEN = "open", _("در انتظار بررسی")
        DECIDED = "decided", _("تصمیم‌گرفته")

    class Found(models.TextChoices):
        SCAN = "scan", _("بررسی دوره‌ای")
        ENTRY = "entry", _("هنگام ثبت")

    score = models.FloatField(_("امتیاز شباهت"))
    text_score = models.FloatField(default=0)
    reasons = models.JSONField(default=list, blank=True)
    status = models.CharField(_("وضعیت"), max_length=10, choices=Status.choices, default=Status.OPEN)
    found_by = models.CharField(max_length=10, choices=Found.choices, default=Found.SCAN)
    found_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("جفت احتمالی موازی‌کاری")
        verbose_name_plural = _("جفت‌های احتمالی موازی‌کاری")
        constraints = [
            models.UniqueConstraint(fields=["a_kind", "a_id", "b_kind", "b_id"], name="coord_candidate_pair"),
        ]
        indexes = [
            models.Index(fields=["status", "territory_path"], name="coord_candidate_status"),
            models.Index(fields=["b_kind", "b_id"], name="coord_candidate_b"),
        ]

    def __str__(self) -> str:
        return f"{self.a_kind}:{self.a_id} ~ {self.b_kind}:{self.b_id} ({self.score:.2f})"


class Decision(PairFields):
    class Outcome(models.TextChoices):
        SAME_WORK = "same_work", _("کار واحد (یکی پیشران، دیگری همکار)")
        CO_FUNDED = "co_funded", _("تأمین مالی مشترک")
        DIFFERENTIATED = "differentiated", _("متمایز")
        JUSTIFIED = "justified", _("موازی ولی موجه")
        NOT_PARALLEL = "not_parallel", _("موازی نیست")

    class Origin(models.TextChoices):
        ENTRY = "entry", _("هنگام ثبت")
        REVIEW = "review", _("بررسی دفتر")
        API = "api", _("رابط برنامه‌نویسی")

    class Lead(models.TextChoices):
        NONE = "", _("—")
        A = "a", _("الف")
        B = "b", _("ب")

    # Outcomes that join the two records into one group of work (the graph's edges that link).
    LINKING = (Outcome.SAME_WORK, Outcome.CO_FUNDED)
    # Outcomes that need words: how the two differ, why both are justified, why they are not parallel.
    NEEDS_NOTE = (Outcome.DIFFERENTIATED, Outcome.JUSTIFIED, Outcome.NOT_PARALLEL)

    outcome = models.CharField(_("تصمیم"), max_length=20, choices=Outcome.choices)
    lead = models.CharField(_("پیشران"), max_length=1, choices=Lead.choices, default="", blank=True)
    note = models.TextField(_("توضیح"), blank=True, default="")
    origin = models.CharField(_("محل تصمیم"), max_length=10, choices=Origin.choices)
    score = models.FloatField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undo_reason = models.TextField(blank=True, default="")
    # The lead's actions the supporting body was added to by this decision (taken back on undo).
    supported_actions = models.JSONField(default=list, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("تصمیم هماهنگی")
        verbose_name_plural = _("تصمیم‌های هماهنگی")
        ordering = ["-decided_at", "-pk"]
        constraints = [
            # One current decision per pair: a pair decided once is never asked again until undone.
            models.UniqueConstraint(
                fields=["a_kind", "a_id", "b_kind", "b_id"],
                condition=Q(undone_at__isnull=True),
                name="coord_decision_current",
            ),
            models.CheckConstraint(
                condition=Q(outcome="same_work", lead__in=["a", "b"])
                | (~Q(outcome="same_work") & Q(lead="")),
                name="coord_decision_lead",
            ),
        ]
        indexes = [
            models.Index(fields=["b_kind", "b_id"], name="coord_decision_b"),
            models.Index(fields=["territory_path", "decided_at"], name="coord_decision_place"),
        ]

    def __str__(self) -> str:
        return f"{self.a_kind}:{self.a_id} {self.outcome} {self.b_kind}:{self.b_id}"

    @property
    def is_current(self) -> bool:
        return self.undone_at is None

    @property
    def links(self) -> bool:
        return self.outcome in self.LINKING

    def lead_key(self) -> tuple[str, int] | None:
        return {"a": self.a_key, "b": self.b_key}.get(self.lead)

    def lead_organization_id(self) -> int | None:
        return {"a": self.a_organization_id, "b": self.b_organization_id}.get(self.lead)

    def supporting_organization_id(self) -> int | None:
        return {"a": self.b_organization_id, "b": self.a_organization_id}.get(self.lead)
