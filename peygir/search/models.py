"""One row per searchable record of any kind: the index search and parallel-work detection share.

Each kind of record (a resolution, an action, a demand, a proposal …) is described to the index by
its source (peygir.search.registry); the row copies what a search filters on and what coordination
compares: the analysed text, the place, the period, the body doing the work, the category and the
money. Whether a person may see the record is NOT copied: the search asks the record's own domain
inside the same query (registry.SearchSource.visible), so the index can never show more than the
domain's pages would.

Full text is not a model field: a generated tsvector column on PostgreSQL and an FTS5 table on
SQLite, both made by migration 0002 and read by search/backends.py.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import ProvincesField


class SearchEntry(models.Model):
    kind = models.CharField(_("نوع"), max_length=20)
    object_id = models.BigIntegerField()
    title = models.CharField(_("عنوان"), max_length=500)
    # The readable text (for highlights) and its analysed forms (peygir.core.persian).
    body = models.TextField(blank=True, default="")
    document = models.TextField(default="", editable=False)  # persian.document(title + body)
    text_normalized = models.TextField(default="", editable=False)  # core.text.normalize_text
    territory = models.ForeignKey(
        "territory.Territory", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    territory_path = models.CharField(max_length=255, default="", blank=True)
    # Every province the record belongs to: its territory's, and those of the organizations through
    # which its domain shows it to their members wherever it lies (an action's responsible, issuing and
    # supporting organizations; a committee's secretariat and members …; registry.EntryData.audience).
    # 0 for a placeless record, a kind every signed-in user sees and a nationwide one. The search
    # narrows to the reader's provinces first (`scopes && ARRAY[…]`) through the composite GIN indexes
    # of migration 0005, before asking the domains who may see each candidate. NULL only between
    # migrations 0004 and 0005 on an index being filled (`peygir search reindex --scopes`).
    scopes = ProvincesField(null=True, editable=False)
    county = models.ForeignKey(
        "territory.Territory", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    neighbourhood = models.ForeignKey(
        "territory.Territory", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The body that does (or answers for) the work.
    organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.CharField(max_length=100, blank=True, default="")
    amount_rials = models.BigIntegerField(null=True, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    occurred_on = models.DateField(_("تاریخ"))  # for the date filter and recency
    url = models.CharField(max_length=300)
    # Work that other bodies might also be doing (parallel-work detection reads only these).
    is_work = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("نمایه جست‌وجو")
        verbose_name_plural = _("نمایه جست‌وجو")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_kind_object")]
        indexes = [
            models.Index(fields=["kind", "occurred_on"], name="search_kind_date"),
            models.Index(fields=["county", "is_work", "starts_on"], name="search_county_work"),
            models.Index(fields=["neighbourhood", "is_work"], name="search_hood_work"),
            # The filters by territory (a path prefix) and by organization (search/selectors.py).
            models.Index(
                fields=["territory_path", "occurred_on"],
                name="search_path_date",
                opclasses=["varchar_pattern_ops", "date_ops"],
            ),
            models.Index(fields=["organization", "occurred_on"], name="search_org_date"),
            # A recency band's dates (search/ranking.py), ANDed with the word's GIN index: built
            # concurrently by migration 0005.
            models.Index(fields=["occurred_on"], name="search_entry_date"),
            # Work records of a territory (coordination: the entry check's candidates, the view's
            # grouped figures), answered from the index alone: a province's 72,000 work records
            # read 60,000 table pages without it (0.5 s a figure at S = 1). Migration 0009.
            models.Index(
                fields=["territory_path", "occurred_on"],
                name="search_work_path",
                opclasses=["varchar_pattern_ops", "date_ops"],
                include=[
                    "id",
                    "county",
                    "neighbourhood",
                    "organization",
                    "amount_rials",
                    "kind",
                    "starts_on",
                    "ends_on",
                ],
                condition=models.Q(is_work=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"


class SearchTerm(models.Model):
    """A word the index's records are written with (normalized, as typed: not stemmed), for
    correcting a misspelled query (search/vocabulary.py).

    PostgreSQL only (the demo's SQLite loosens a query by shorter prefixes instead): filled from the
    entries' `text_normalized` as they are written, and read through a trigram index on `term`
    (migration 0007). Words are never removed: one whose records are gone only offers a correction
    that then finds nothing.
    """

    term = models.TextField(primary_key=True)

    class Meta:
        verbose_name = _("واژه نمایه")
        verbose_name_plural = _("واژه‌های نمایه")

    def __str__(self) -> str:
        return self.term
