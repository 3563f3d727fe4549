"""Factories of the programs domain (merged into tests/factories.py FACTORIES)."""

import factory

from tests.factories import TerritoryFactory


class PolicyDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.PolicyDocument"

    title = factory.Sequence(lambda n: f"سند راهبردی توسعه ورزش استان {n}")
    level = "provincial"
    theme = "sport"
    territory = factory.LazyFunction(lambda: TerritoryFactory(kind="province"))
    year = 1405


FACTORIES = {f._meta.model._meta.label: f for f in (PolicyDocumentFactory,)}
