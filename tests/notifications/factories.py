"""Factories of the notifications' preferences (merged into tests/factories.py FACTORIES)."""

import factory

from tests.factories import UserFactory


class PreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "notifications.Preference"

    user = factory.SubFactory(UserFactory)
    email = True
    digest = True


FACTORIES = {f._meta.model._meta.label: f for f in (PreferenceFactory,)}
