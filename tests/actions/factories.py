"""Factories of the spine's requests: extension requests and obstacles (merged into tests/factories.py)."""

import datetime as dt

import factory

from tests.factories import ActionFactory


class ExtensionRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actions.ExtensionRequest"

    action = factory.SubFactory(ActionFactory)
    reason = "اعتبار طرح هنوز از سازمان مدیریت و برنامه‌ریزی ابلاغ نشده است."
    proposed_deadline = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=60))


class ObstacleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actions.Obstacle"

    action = factory.SubFactory(ActionFactory)
    text = "زمین مدرسه هنوز از شهرداری تحویل نشده است."


FACTORIES = {f._meta.model._meta.label: f for f in (ExtensionRequestFactory, ObstacleFactory)}
