"""Reads of the spine keep a constant query count as data grows."""

import pytest

from peygir.actions.selectors import action_list
from peygir.organizations.access import forget_scope
from tests.factories import CommitteeFactory, MeetingFactory, ResolutionFactory

from .helpers import make_action


def render_page(user) -> list[str]:
    """What an inbox page touches for each row."""
    rows = []
    for action in action_list(user=user)[:25]:
        committee = action.resolution.meeting.committee.name if action.resolution_id else ""
        rows.append(
            f"{action.title}|{action.responsible_organization.name}|{action.issuer_organization.name}|"
            f"{action.territory.name_fa}|{committee}"
        )
    return rows


def grow(world, n: int) -> None:
    committee = CommitteeFactory(secretariat=world.office, territory=world.province)
    meeting = MeetingFactory(committee=committee)
    for i in range(n):
        action = make_action(
            world, responsible=world.agency if i % 2 else world.other_agency, title=f"ردیف {i}"
        )
        if i % 3 == 0:
            action.resolution = ResolutionFactory(meeting=meeting)
            action.source_kind = "resolution"
            action.save(update_fields=["resolution", "source_kind"])


@pytest.mark.parametrize("persona", ["office_staff", "liaison"])
def test_action_list_query_count_is_constant(world, django_assert_num_queries, persona):
    user = world.users[persona]
    grow(world, 3)
    forget_scope(user)
    with django_assert_num_queries(2):  # the user's memberships, then one page
        assert render_page(user)
    grow(world, 40)
    forget_scope(user)
    with django_assert_num_queries(2):
        page = render_page(user)
    assert len(page) == (25 if persona == "office_staff" else 21)
