"""Fixtures of the coordination tests: the search sources, a county of work."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from peygir.organizations.models import Organization
from peygir.search import registry
from tests.factories import OrganizationFactory, make_territory

from .factories import START, SearchEntryFactory

# Real work of the seeds' kind, said by two bodies in their own words (seed 004: many bodies run
# social projects in the same neighbourhoods).
THEIRS = "ساماندهی و توانمندسازی کودکان کار و خیابان در محله‌های حاشیه‌نشین شهر اراک"
OURS = "توانمند سازی و ساماندهي كودكان كار و خيابان محلات حاشيه نشين اراک"
UNRELATED = "برگزاری جشنواره ورزش‌های بومی و محلی روستایی"


@pytest.fixture
def sources(settings):
    """The real search sources (each domain's own visibility rule), loaded afresh."""
    registry.sources.cache_clear()
    yield
    registry.sources.cache_clear()


@pytest.fixture
def place(world):
    """Arak county of the world's province, with a neighbourhood and two more bodies working there."""
    hood = make_territory("neighbourhood", world.county, "محله شهید بهشتی")
    ngo = OrganizationFactory(
        name="انجمن حامیان کودکان کار اراک", kind=Organization.Kind.NGO, territory=world.county
    )
    headquarters = OrganizationFactory(
        name="ستاد بازآفرینی شهری استان مرکزی", kind=Organization.Kind.AGENCY, territory=world.province
    )
    return SimpleNamespace(world=world, county=world.county, hood=hood, ngo=ngo, headquarters=headquarters)


def work(place, organization, title=THEIRS, **extra):
    """A work record of `organization` in the place's county, in the spring of 1404."""
    extra.setdefault("county", place.county)
    extra.setdefault("starts_on", START)
    extra.setdefault("ends_on", START + dt.timedelta(days=120))
    return SearchEntryFactory(organization=organization, title=title, **extra)
