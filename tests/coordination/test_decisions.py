"""Decisions about pairs and the coordination graph: canonical pairs, never asked twice, undo kept in
the history, lead and supporting bodies, the groups."""

from __future__ import annotations

import pytest

from peygir.coordination import selectors, services
from peygir.coordination.models import CandidatePair, Decision
from peygir.core.errors import NotAllowed, ValidationError
from tests.factories import ActionFactory

from .conftest import OURS, work
from .factories import CandidatePairFactory

pytestmark = pytest.mark.django_db


def _two(place):
    theirs = work(place, place.ngo, kind="project")
    ours = work(place, place.headquarters, kind="duty", title=OURS)
    return theirs, ours


def test_a_pair_is_stored_once_in_canonical_order_and_never_asked_again(place):
    theirs, ours = _two(place)
    staff = place.world.users["office_staff"]
    decision = services.decide(
        user=staff,
        first=("project", theirs.object_id),
        second=("duty", ours.object_id),
        outcome="co_funded",
        origin="review",
    )
    assert (decision.a_kind, decision.b_kind) == ("duty", "project")  # "duty" < "project"
    assert decision.a_organization == place.headquarters and decision.b_organization == place.ngo
    assert decision.county == place.county and decision.territory_path == place.county.path
    assert decision.decided_by == staff and decision.origin == "review"
    # the same pair, in either order: refused, nothing written
    for first, second in ((("duty", ours.object_id), ("project", theirs.object_id)),) * 2:
        with pytest.raises(ValidationError):
            services.decide(user=staff, first=first, second=second, outcome="not_parallel", note="x")
    assert Decision.objects.count() == 1
    assert selectors.decided_partners([("duty", ours.object_id)]) == {("project", theirs.object_id)}


def test_same_work_names_the_lead_and_the_other_body_supports(place):
    theirs, ours = _two(place)
    decision = services.decide(
        user=place.world.users["office_staff"],
        first=("duty", ours.object_id),
        second=("project", theirs.object_id),
        outcome="same_work",
        lead=("project", theirs.object_id),
    )
    assert decision.lead == "b" and decision.lead_key() == ("project", theirs.object_id)
    assert decision.lead_organization_id() == place.ngo.pk
    assert decision.supporting_organization_id() == place.headquarters.pk
    group = selectors.group_of(("duty", ours.object_id))
    assert group.lead == ("project", theirs.object_id)
    assert group.supporting_organization_ids == {place.headquarters.pk}


@pytest.mark.parametrize(
    ("outcome", "lead", "note", "field"),
    [
        ("same_work", None, "", "lead"),  # same work needs a lead
        ("differentiated", None, "", "note"),  # how do they differ?
        ("justified", None, "   ", "note"),
        ("not_parallel", None, "\u200c", "note"),  # a stray ZWNJ is no reason
        ("merged", None, "", "outcome"),
        ("co_funded", None, "x" * 2001, "note"),
    ],
)
def test_bad_decisions_get_a_persian_message_and_change_nothing(place, outcome, lead, note, field):
    theirs, ours = _two(place)
    with pytest.raises(ValidationError) as caught:
        services.decide(
            user=place.world.users["office_staff"],
            first=("duty", ours.object_id),
            second=("project", theirs.object_id),
            outcome=outcome,
            lead=lead,
            note=note,
        )
    assert field in caught.value.message_dict
    assert not Decision.objects.exists()


def test_a_lead_outside_the_pair_is_refused(place):
    theirs, ours = _two(place)
    with pytest.raises(ValidationError):
        services.decide(
            user=place.world.users["office_staff"],
            first=("duty", ours.object_id),
            second=("project", theirs.object_id),
            outcome="same_work",
            lead=("action", 1),
        )


@pytest.mark.parametrize(
    "persona", ["liaison", "county_deputy", "governor", "ngo", "foreign_staff", "nobody"]
)
def test_only_the_provincial_office_decides_in_review(place, persona):
    theirs, ours = _two(place)
    with pytest.raises(NotAllowed):
        services.decide(
            user=place.world.users[persona],
            first=("duty", ours.object_id),
            second=("project", theirs.object_id),
            outcome="co_funded",
            origin="review",
        )
    assert not Decision.objects.exists()


def test_undo_keeps_the_history_and_opens_the_pair_again(place):
    pair = CandidatePairFactory(entries=_two(place))
    staff = place.world.users["office_staff"]
    decision = services.decide(
        user=staff, first=pair.a_key, second=pair.b_key, outcome="not_parallel", note="دو گروه هدف جدا"
    )
    pair.refresh_from_db()
    assert pair.status == CandidatePair.Status.DECIDED
    undone = services.undo(user=staff, decision=decision, reason="اشتباه ثبت شد", expected_version=1)
    assert undone.undone_at is not None and undone.undone_by == staff and undone.version == 2
    pair.refresh_from_db()
    assert pair.status == CandidatePair.Status.OPEN
    assert selectors.decided_partners([pair.a_key]) == set()
    # asked again, decided again: both rows kept, the latest is current
    again = services.decide(
        user=staff, first=pair.a_key, second=pair.b_key, outcome="same_work", lead=pair.a_key
    )
    assert Decision.objects.count() == 2
    assert selectors.current_decision(pair.a_key, pair.b_key) == again
    with pytest.raises(ValidationError):  # the undone one cannot be undone twice
        services.undo(user=staff, decision=undone)


def test_undo_with_a_stale_version_is_a_conflict(place):
    pair = CandidatePairFactory(entries=_two(place))
    staff = place.world.users["office_staff"]
    decision = services.decide(user=staff, first=pair.a_key, second=pair.b_key, outcome="co_funded")
    with pytest.raises(ValidationError):
        services.undo(user=staff, decision=decision, expected_version=7)
    decision.refresh_from_db()
    assert decision.undone_at is None


def test_who_may_undo(place):
    pair = CandidatePairFactory(entries=_two(place))
    decision = services.decide(
        user=place.world.users["liaison"],
        first=pair.a_key,
        second=pair.b_key,
        outcome="co_funded",
        origin="entry",
        entry_authorized=True,
    )
    with pytest.raises(NotAllowed):
        services.undo(user=place.world.users["other_liaison"], decision=decision)
    services.undo(user=place.world.users["liaison"], decision=decision)  # their own decision


def test_a_group_is_the_connected_linked_records(place):
    a = work(place, place.ngo, kind="project")
    b = work(place, place.headquarters, kind="duty", title=OURS)
    c = work(place, place.world.other_agency, kind="resolution")
    d = work(place, place.world.agency, kind="action")
    staff = place.world.users["office_staff"]
    services.decide(
        user=staff,
        first=("project", a.object_id),
        second=("duty", b.object_id),
        outcome="same_work",
        lead=("project", a.object_id),
    )
    services.decide(
        user=staff, first=("duty", b.object_id), second=("resolution", c.object_id), outcome="co_funded"
    )
    # "not parallel" is an edge of the graph's history, but it links nothing
    services.decide(
        user=staff,
        first=("resolution", c.object_id),
        second=("action", d.object_id),
        outcome="not_parallel",
        note="موضوع دیگری است",
    )
    group = selectors.group_of(("resolution", c.object_id))
    assert group.keys == {("project", a.object_id), ("duty", b.object_id), ("resolution", c.object_id)}
    assert group.lead == ("project", a.object_id)
    assert selectors.group_of(("action", d.object_id)).keys == {("action", d.object_id)}


# ---------------------------------------------------------------- same work: the supporter joins the lead's actions


def _directive_pair(place, *, status=None):
    """A direct instruction of the NGO (an action, indexed as kind "directive") and the headquarters'
    duty: the same work in Arak."""
    extra = {"status": status} if status else {}
    action = ActionFactory(
        responsible_organization=place.ngo, issuer_organization=place.world.office, **extra
    )
    work(place, place.ngo, kind="directive", object_id=action.pk)
    duty = work(place, place.headquarters, kind="duty", title=OURS)
    return action, duty


def test_same_work_adds_the_other_body_to_the_leads_actions_and_undo_takes_it_back(place, sources):
    action, duty = _directive_pair(place)
    staff = place.world.users["office_staff"]
    decision = services.decide(
        user=staff,
        first=("directive", action.pk),
        second=("duty", duty.object_id),
        outcome="same_work",
        lead=("directive", action.pk),
    )
    assert list(action.supporting_organizations.all()) == [place.headquarters]
    assert decision.supported_actions == [action.pk]
    added = action.events.get(kind="supporter_added")
    assert added.actor == staff and added.data["organization"] == place.headquarters.pk

    services.undo(user=staff, decision=decision, reason="اشتباه بود")
    assert not action.supporting_organizations.exists()
    assert action.events.filter(kind="supporter_removed").count() == 1


def test_undo_keeps_a_supporter_that_was_there_before_the_decision(place, sources):
    action, duty = _directive_pair(place)
    action.supporting_organizations.add(place.headquarters)  # named when the instruction was issued
    staff = place.world.users["office_staff"]
    decision = services.decide(
        user=staff,
        first=("duty", duty.object_id),
        second=("directive", action.pk),
        outcome="same_work",
        lead=("directive", action.pk),
    )
    assert decision.supported_actions == [] and not action.events.filter(kind="supporter_added").exists()
    services.undo(user=staff, decision=decision, reason="اشتباه بود")
    assert list(action.supporting_organizations.all()) == [place.headquarters]


def test_the_lead_being_the_other_side_or_closed_adds_nobody(place, sources):
    action, duty = _directive_pair(place, status="verified")
    staff = place.world.users["office_staff"]
    services.decide(
        user=staff,
        first=("directive", action.pk),
        second=("duty", duty.object_id),
        outcome="same_work",
        lead=("directive", action.pk),
    )
    assert not action.supporting_organizations.exists()  # a closed action gains no supporter
    other, duty2 = _directive_pair(place)
    services.decide(
        user=staff,
        first=("directive", other.pk),
        second=("duty", duty2.object_id),
        outcome="same_work",
        lead=("duty", duty2.object_id),  # the duty leads: the NGO's instruction gains nobody
    )
    assert not other.supporting_organizations.exists()
