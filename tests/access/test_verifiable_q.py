"""`action_access.verifiable_actions_q` must agree with action_access.can_verify_action for every persona."""

import pytest

from peygir.actions import access as action_access
from peygir.actions.access import verifiable_actions_q as verifiable_q
from peygir.actions.models import Action
from tests.conftest import PERSONAS
from tests.factories import ActionFactory


@pytest.mark.parametrize("persona", PERSONAS)
def test_verifiable_q_matches_can_verify(world, persona):
    combos = [
        (world.agency, world.office),
        (world.office, world.governorate),
        (world.county_gov, world.office),
        (world.agency, world.county_gov),
        (world.other_agency, world.foreign_office),
        (world.office, world.office),
    ]
    actions = [ActionFactory(responsible_organization=r, issuer_organization=i) for r, i in combos]
    user = world.users[persona]
    expected = {a.pk for a in actions if action_access.can_verify_action(user, a)}
    got = set(Action.objects.filter(verifiable_q(user)).values_list("pk", flat=True))
    assert got == expected
