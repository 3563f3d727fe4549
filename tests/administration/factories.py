"""Factories of the administration (merged into tests/factories.py FACTORIES): the audit trail."""

import factory
from django.utils import timezone


class AuditEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "core.AuditEntry"

    at = factory.LazyFunction(timezone.now)
    actor = None
    actor_label = "office_staff"
    ip = "192.0.2.10"
    verb = "update"
    object_type = "committees.committee"
    object_pk = "1"
    object_repr = "کارگروه اجتماعی، فرهنگی، سلامت، زنان و خانواده"
    changes = factory.LazyFunction(lambda: {"name": ["کارگروه اجتماعی", "کارگروه اجتماعی و فرهنگی"]})


FACTORIES = {f._meta.model._meta.label: f for f in (AuditEntryFactory,)}
