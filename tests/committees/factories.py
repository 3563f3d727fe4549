"""Factories of the committees' additions (merged into tests/factories.py FACTORIES)."""

import factory

from tests.factories import AgendaItemFactory, OrganizationFactory


class AgendaItemOpinionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "committees.AgendaItemOpinion"

    agenda_item = factory.SubFactory(AgendaItemFactory)
    organization = factory.SubFactory(OrganizationFactory, kind="social_office")
    position = "conditional"
    text = "دفتر با طرح موافق است به شرط بررسی آثار اجتماعی و فرهنگی آن در کارگروه فرهنگی."


FACTORIES = {f._meta.model._meta.label: f for f in (AgendaItemOpinionFactory,)}
