"""Reviewers of a call, their reviews (or declared conflicts of interest) and per-criterion scores."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Reviewer(models.Model):
    """A member of a call's review panel."""

    call = models.ForeignKey("grants.Call", on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="grant_reviewer_unique")]
        verbose_name = _("داور")
        verbose_name_plural = _("داوران")

    def __str__(self) -> str:
        return f"{self.user} @ {self.call}"


class Review(models.Model):
    """One reviewer's review of one proposal: submitted with scores, or recused for a conflict."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("ثبت شده")
        RECUSED = "recused", _("کناره‌گیری به دلیل تعارض منافع")

    proposal = models.ForeignKey("grants.Proposal", on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices)
    conflict_reason = models.TextField(_("شرح تعارض منافع"), blank=True)
    comment = models.TextField(_("نظر داور"), blank=True)
    # Weighted score out of 100, computed once when submitted (selectors explain the sum).
    total = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="grant_review_unique"),
        ]
        verbose_name = _("داوری")
        verbose_name_plural = _("داوری‌ها")

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.proposal_id}"


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("grants.Criterion", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("امتیاز"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="grant_review_score_unique"),
        ]
        verbose_name = _("امتیاز معیار")
        verbose_name_plural = _("امتیاز معیارها")

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"
