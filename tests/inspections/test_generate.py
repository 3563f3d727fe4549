"""`peygir generate` grows inspections: facilities, plans, monthly draws, visits, findings as actions."""

from __future__ import annotations

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse

from peygir.actions.models import Action, ActionEvent
from peygir.inspections.models import Draw, Facility, Finding, InspectionPlan, Visit
from tests.auth import sign_in
from tests.bench.conftest import TODAY, tiny


@pytest.mark.django_db
def test_generated_inspections_are_consistent():
    tiny()
    assert Facility.objects.count() >= 2 and InspectionPlan.objects.exists()
    assert Draw.objects.count() == InspectionPlan.objects.count() * 60
    assert (
        Visit.objects.filter(status="completed").exists()
        and Visit.objects.filter(status="scheduled").exists()
    )
    assert not Visit.objects.filter(status="scheduled", scheduled_on__lt=TODAY).exists()
    assert not Visit.objects.exclude(territory_path=F("facility__territory_path")).exists()
    findings = Finding.objects.count()
    assert findings > 0 and Action.objects.filter(source_kind="finding").count() == findings
    assert (
        not Action.objects.filter(source_kind="finding")
        .exclude(events__kind=ActionEvent.Kind.CREATED)
        .exists()
    )
    assert not Finding.objects.exclude(visit__status="completed").exists()
    assert (
        not Action.objects.filter(source_kind="finding").exclude(territory_path=F("territory__path")).exists()
    )
    # The pages read them.
    plan = InspectionPlan.objects.first()
    client = Client()
    sign_in(client, plan.inspectors.first())
    assert client.get(reverse("web:plan_detail", args=[plan.pk])).status_code == 200
    facility = Finding.objects.first().facility
    assert client.get(reverse("web:facility_detail", args=[facility.pk])).status_code == 200
    assert client.get(reverse("web:inspection_coverage")).status_code == 200
    # The benchmark's inspection targets answer 200 to their users.
    from django.contrib.auth import get_user_model

    from peygir.bench.inspections_targets import inspection_targets
    from peygir.bench.targets import Target

    targets = inspection_targets(Target)
    assert {t.name for t in targets} >= {
        "inspections: inspector's plan",
        "inspections: coverage (province staff)",
    }
    for target in targets:
        sign_in(client, get_user_model().objects.get(pk=target.user_id))
        assert client.get(target.url).status_code == 200, target.name
