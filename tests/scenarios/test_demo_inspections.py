"""The demo's inspections (S4.3, S1.3): Kerman's documents and monthly plans per county, Yazd's joint
citizens'-rights team; every sealed draw verifies, done visits made findings, missed ones actions."""

from __future__ import annotations

import pytest

from peygir.actions.models import Action
from peygir.inspections import plans
from peygir.inspections.models import ChecklistVersion, Draw, Finding, InspectionPlan, Visit
from peygir.programs.models import PolicyDocument

# One worker runs the package: its demo is loaded once (conftest), not once per worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-scenarios")]


def test_demo_inspections(demo):
    # The scenarios' demo (conftest.py: loaded once for the package, at 1401/12/10).
    kerman_docs = set(PolicyDocument.objects.filter(territory__code="IR-08").values_list("theme", flat=True))
    assert kerman_docs == {"food_security", "sport", "health", "citizens_rights"}
    kerman = PolicyDocument.objects.filter(territory__code="IR-08").first().territory
    kerman_plans = InspectionPlan.objects.filter(territory_path__startswith=kerman.path, status="approved")
    assert kerman_plans.count() == 6 and set(kerman_plans.values_list("period", flat=True)) == {"month"}
    # What the authoring pages show: a provincial plan awaiting approval, checklists in draft.
    waiting = InspectionPlan.objects.get(territory_path__startswith=kerman.path, status="submitted")
    assert waiting.period == "quarter" and not waiting.draws.exists()
    assert (
        ChecklistVersion.objects.filter(
            published_at__isnull=True, template__document__territory=kerman
        ).count()
        == 2
    )
    yazd = InspectionPlan.objects.get(document__theme="citizens_rights", territory__code="IR-21")
    assert yazd.period == "quarter" and yazd.partner_organizations.get().name.startswith("سازمان مدیریت")
    assert set(yazd.rules.values_list("facility_kind", flat=True)) == {"hospital", "municipal_office"}
    for sealed in Draw.objects.all():
        assert plans.verify_draw(sealed).ok
    assert Visit.objects.filter(status="completed").exists()
    assert Finding.objects.exists() and Action.objects.filter(source_kind="finding").exists()
    assert Action.objects.filter(source_kind="visit").exists()
    assert Draw.objects.filter(period_end__lt="2023-03-01").exists()  # last month's draw is published
