"""Factories of coordination (merged into tests/factories.py FACTORIES), and search entries of work.

`SearchEntryFactory` writes an index row directly, as the search sources will on save: these tests
do not depend on the sources of each domain (another part of issue 13 writes them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from tests.factories import OrganizationFactory, make_territory
from tests.search import factories as search_factories

START = dt.date(2025, 4, 1)


class SearchEntryFactory(search_factories.SearchEntryFactory):
    """A work record of an organization in a county (a project of the regeneration headquarters);
    the index's own factory computes the analysed forms."""

    kind = "project"
    title = "ساماندهی و توانمندسازی کودکان کار در محله زویه"
    body = ""
    county = factory.LazyFunction(lambda: make_territory("county", make_territory("province")))
    territory = factory.SelfAttribute("county")
    territory_path = factory.LazyAttribute(lambda o: o.territory.path if o.territory else "")
    organization = factory.SubFactory(OrganizationFactory)
    starts_on = START
    ends_on = START + dt.timedelta(days=120)
    occurred_on = START
    url = factory.LazyAttribute(lambda o: f"/records/{o.kind}/{o.object_id}/")
    is_work = True


def _pair_entries(o: Any) -> tuple[Any, Any]:
    first = SearchEntryFactory()
    second = SearchEntryFactory(
        county=first.county, title="توانمندسازی و ساماندهی کودکان کار محله زویه اهواز"
    )
    return first, second


def _side(o: Any, pick: Any) -> Any:
    return pick(o.entries, key=lambda e: (e.kind, e.object_id))


class _PairFactory(factory.django.DjangoModelFactory):
    """Two work records of two bodies in one county, in canonical order."""

    class Meta:
        abstract = True
        exclude = ("entries",)

    entries = factory.LazyAttribute(_pair_entries)
    a_kind = factory.LazyAttribute(lambda o: _side(o, min).kind)
    a_id = factory.LazyAttribute(lambda o: _side(o, min).object_id)
    b_kind = factory.LazyAttribute(lambda o: _side(o, max).kind)
    b_id = factory.LazyAttribute(lambda o: _side(o, max).object_id)
    a_organization = factory.LazyAttribute(lambda o: _side(o, min).organization)
    b_organization = factory.LazyAttribute(lambda o: _side(o, max).organization)
    county = factory.LazyAttribute(lambda o: o.entries[0].county)
    territory_path = factory.LazyAttribute(lambda o: o.entries[0].territory_path)


class CandidatePairFactory(_PairFactory):
    class Meta:
        model = "coordination.CandidatePair"

    score = 0.82
    text_score = 0.74
    reasons = factory.LazyFunction(lambda: ["same_county", "same_period"])


class DecisionFactory(_PairFactory):
    class Meta:
        model = "coordination.Decision"

    score = 0.82
    outcome = "co_funded"
    lead = ""
    note = ""
    origin = "review"


FACTORIES = {f._meta.model._meta.label: f for f in (CandidatePairFactory, DecisionFactory)}
