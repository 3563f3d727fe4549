"""Factories of the evaluation domain (merged into tests/factories.py FACTORIES)."""

import factory

from tests.factories import TerritoryFactory


class WeightSetFactory(factory.django.DjangoModelFactory):
    """A version of a province's scorecard weights (the office gives on-time completion more)."""

    class Meta:
        model = "evaluation.WeightSet"

    territory = factory.LazyFunction(lambda: TerritoryFactory(kind="province"))
    version = factory.Sequence(lambda n: n + 1)
    w_on_time = 30
    w_verified = 20
    overdue_cap_days = 45
    note = "وزن بیشتر برای انجام به‌موقع، به پیشنهاد کارگروه اجتماعی"


FACTORIES = {f._meta.model._meta.label: f for f in (WeightSetFactory,)}
