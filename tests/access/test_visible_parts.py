"""Visibility by the action's own territory path, and its disjoint parts for counting."""

import datetime as dt

import pytest
from django.utils import timezone

from peygir.actions import access as action_access
from peygir.actions import selectors, services
from peygir.actions.models import Action
from tests.conftest import PERSONAS
from tests.factories import ActionFactory


def spread(world) -> list[Action]:
    """Actions in both provinces, the county, with supporting organizations across the border."""
    today = timezone.localdate()
    actions = [
        ActionFactory(responsible_organization=world.agency, issuer_organization=world.office),
        ActionFactory(
            responsible_organization=world.agency,
            issuer_organization=world.county_gov,
            deadline=today - dt.timedelta(days=3),
        ),
        ActionFactory(responsible_organization=world.office, issuer_organization=world.governorate),
        ActionFactory(responsible_organization=world.other_agency, issuer_organization=world.foreign_office),
        ActionFactory(
            responsible_organization=world.agency,
            issuer_organization=world.foreign_office,
            status=Action.Status.VERIFIED,
        ),
        ActionFactory(
            responsible_organization=world.other_agency,
            issuer_organization=world.foreign_office,
            status=Action.Status.REPORTED_DONE,
        ),
    ]
    actions[3].supporting_organizations.add(world.agency)
    return actions


@pytest.mark.parametrize("persona", PERSONAS)
def test_parts_are_disjoint_and_cover_exactly_the_visible_actions(world, persona):
    actions = spread(world)
    user = world.users[persona]
    expected = {a.pk for a in actions if action_access.can_view_action(user, a)}
    visible = set(action_access.actions_visible_to(user).values_list("pk", flat=True))
    assert visible == expected
    seen: list[int] = []
    for qs in selectors.visible_parts(user=user):
        seen += list(qs.values_list("pk", flat=True).distinct())
    assert sorted(seen) == sorted(expected)  # no action in two parts, none missing


@pytest.mark.parametrize("persona", ["office_staff", "county_deputy", "liaison", "national", "foreign_staff"])
def test_counts_and_scorecard_summed_over_parts_equal_counting_the_visible_set(world, persona):
    spread(world)
    user = world.users[persona]
    visible = action_access.actions_visible_to(user)
    counts = selectors.action_counts(user=user)
    assert counts["total"] == visible.count()
    assert counts["verified"] == visible.filter(status=Action.Status.VERIFIED).count()
    rows = selectors.organization_scorecard(user=user)
    assert selectors.scorecard_totals(rows) == counts
    by_org = {r["responsible_organization_id"]: r["total"] for r in rows}
    for org_id, total in by_org.items():
        assert visible.filter(responsible_organization_id=org_id).count() == total


def test_the_path_is_copied_from_the_territory_when_an_action_is_created(world):
    action = services.action_create(
        created_by=world.users["office_staff"],
        issuer=world.office,
        responsible=world.agency,
        title="برگزاری جلسهٔ هماهنگی",
        deadline=timezone.localdate() + dt.timedelta(days=10),
    )
    action.refresh_from_db()
    assert action.territory_path == action.territory.path and action.territory_path.startswith("/")
    factory_made = ActionFactory(responsible_organization=world.agency, issuer_organization=world.county_gov)
    factory_made.refresh_from_db()
    assert factory_made.territory_path == world.county.path


@pytest.mark.parametrize("persona", PERSONAS)
def test_narrowing_to_one_responsible_organization_keeps_the_same_rules(world, persona):
    spread(world)
    user = world.users[persona]
    visible = action_access.actions_visible_to(user)
    for org in (world.agency, world.other_agency, world.office, world.county_gov):
        expected = set(visible.filter(responsible_organization=org).values_list("pk", flat=True))
        narrowed = action_access.actions_visible_to(user, responsible=org.pk)
        assert set(narrowed.values_list("pk", flat=True)) == expected
        parts = selectors.visible_parts(user=user, organization_id=org.pk)
        assert sorted(pk for qs in parts for pk in qs.values_list("pk", flat=True)) == sorted(expected)
