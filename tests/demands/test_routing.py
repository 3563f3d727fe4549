"""Routing: the most specific rule wins; no rule → triage; re-route and "not ours" keep the history."""

import datetime as dt

import pytest

from peygir.actions.models import Action
from peygir.actions.services import action_cancel
from peygir.core.errors import NotAllowed, ValidationError
from peygir.demands import services
from peygir.demands.codes import hash_sms_code
from peygir.demands.models import Demand, DemandEvent, DemandRoute, PhoneConfirmation, RoutingRule
from peygir.demands.selectors import triage_queue
from peygir.notifications.models import OutboundMessage
from tests.factories import OrganizationFactory

S = Demand.Status


@pytest.fixture
def agencies(world):
    return {
        "national": OrganizationFactory(name="وزارت آموزش و پرورش", territory=world.country),
        "province": world.agency,
        "county": OrganizationFactory(name="آموزش و پرورش شهرستان اراک", territory=world.county),
    }


def test_county_rule_beats_province_rule_beats_national(dw, world, agencies):
    education = dw.categories["education"]
    RoutingRule.objects.filter(category=education).delete()
    RoutingRule.objects.create(category=education, territory=None, agency=agencies["national"])
    assert (
        services.resolve_rule(category=education, neighbourhood=dw.neighbourhood).agency
        == agencies["national"]
    )
    RoutingRule.objects.create(category=education, territory=world.province, agency=agencies["province"])
    assert (
        services.resolve_rule(category=education, neighbourhood=dw.neighbourhood).agency
        == agencies["province"]
    )
    RoutingRule.objects.create(category=education, territory=world.county, agency=agencies["county"])
    assert (
        services.resolve_rule(category=education, neighbourhood=dw.neighbourhood).agency == agencies["county"]
    )
    # a rule for another province never applies here; the national one does there
    assert (
        services.resolve_rule(category=education, neighbourhood=dw.foreign_neighbourhood).agency
        == agencies["national"]
    )


def test_child_category_inherits_and_deeper_category_breaks_ties(dw, world, agencies):
    # the province rule on «education» applies to its child «school building»
    assert services.resolve_rule(category=dw.school, neighbourhood=dw.neighbourhood).agency == world.agency
    # same territory, deeper category wins
    RoutingRule.objects.create(category=dw.school, territory=world.province, agency=agencies["national"])
    assert (
        services.resolve_rule(category=dw.school, neighbourhood=dw.neighbourhood).agency
        == agencies["national"]
    )
    # a deeper territory beats a deeper category
    RoutingRule.objects.create(
        category=dw.categories["education"], territory=world.county, agency=agencies["county"]
    )
    assert (
        services.resolve_rule(category=dw.school, neighbourhood=dw.neighbourhood).agency == agencies["county"]
    )


def test_inactive_rule_is_ignored(dw):
    RoutingRule.objects.update(is_active=False)
    assert services.resolve_rule(category=dw.categories["education"], neighbourhood=dw.neighbourhood) is None


def test_routed_demand_becomes_an_action_in_the_agency_inbox(dw, world):
    demand = dw.intake()
    assert demand.status == S.ROUTED
    assert demand.agency == world.agency
    action = demand.current_action
    assert action.demand_id == demand.pk
    assert action.source_kind == "demand"
    assert action.responsible_organization == world.agency
    assert action.issuer_organization == dw.office.organization
    assert action.supervisor_organization == world.county_gov
    assert action.deadline == demand.expected_on
    # the agency reads the demand without the citizen
    assert "زهرا" not in action.description and "4567" not in action.description
    assert demand.tracking_code in action.description
    route = DemandRoute.objects.get(demand=demand)
    assert route.agency == world.agency and route.action == action and route.rule is not None
    sms = OutboundMessage.objects.filter(channel="sms", to="+989121234567")
    assert sms.count() == 1
    assert demand.tracking_code in sms.get().body and world.agency.name in sms.get().body


def test_no_rule_goes_to_the_office_triage_queue(dw, world):
    demand = dw.intake(category=dw.categories["construction"])
    assert demand.status == S.TRIAGE
    assert demand.current_action is None and demand.agency is None
    assert not Action.objects.filter(demand=demand).exists()

    assert list(triage_queue(user=dw.users["facilitator"])) == [demand]
    assert list(triage_queue(user=dw.users["other_facilitator"])) == []
    # the citizen hears it is registered
    assert OutboundMessage.objects.filter(channel="sms", body__contains=demand.tracking_code).count() == 1
    demand = services.demand_assign_from_triage(
        user=dw.users["facilitator"], demand=demand, agency=world.other_agency, reason="شهرداری نیست"
    )
    assert demand.status == S.ROUTED and demand.agency == world.other_agency
    assert demand.current_action.responsible_organization == world.other_agency


def test_reroute_cancels_the_old_action_and_keeps_every_route(dw, world):
    demand = dw.intake()
    first_action = demand.current_action
    demand = services.demand_reroute(
        user=dw.users["facilitator"], demand=demand, agency=world.other_agency, reason="موضوع بهداشتی است"
    )
    first_action.refresh_from_db()
    assert first_action.status == Action.Status.CANCELLED
    assert first_action.cancel_reason == "موضوع بهداشتی است"
    assert demand.status == S.ROUTED and demand.agency == world.other_agency
    assert demand.current_action != first_action
    routes = list(DemandRoute.objects.filter(demand=demand).values_list("agency_id", "reason"))
    assert routes == [(world.agency.pk, ""), (world.other_agency.pk, "موضوع بهداشتی است")]
    # the cancellation did not send the demand to triage on the way
    assert not DemandEvent.objects.filter(demand=demand, kind="action_cancelled").exists()
    with pytest.raises(ValidationError):
        services.demand_reroute(
            user=dw.users["facilitator"], demand=demand, agency=world.other_agency, reason="x"
        )
    with pytest.raises(ValidationError):
        services.demand_reroute(user=dw.users["facilitator"], demand=demand, agency=world.agency, reason="")


def test_not_ours_goes_back_to_triage_with_the_reason(dw, world):
    demand = dw.intake()
    action = demand.current_action
    demand = services.demand_answer_not_ours(
        user=world.users["liaison"], demand=demand, reason="مسئول این کار شهرداری است"
    )
    action.refresh_from_db()
    assert action.status == Action.Status.CANCELLED
    assert demand.status == S.TRIAGE and demand.agency is None and demand.current_action is None
    routes = list(DemandRoute.objects.filter(demand=demand).order_by("id"))
    assert [r.agency_id for r in routes] == [world.agency.pk, None]
    assert "شهرداری" in routes[1].reason and world.agency.name in routes[1].reason
    event = DemandEvent.objects.get(demand=demand, kind="not_ours")
    assert event.is_public and event.data["reason"] == "مسئول این کار شهرداری است"
    # then the office chooses another agency
    demand = services.demand_assign_from_triage(
        user=dw.users["facilitator"], demand=demand, agency=world.other_agency
    )
    assert demand.status == S.ROUTED and DemandRoute.objects.filter(demand=demand).count() == 3


def test_cancelling_the_action_on_its_own_page_returns_the_demand_to_triage(dw, world):
    demand = dw.intake()
    action_cancel(
        action=demand.current_action, user=world.users["office_staff"], reason="تکراری در سامانه دیگر"
    )
    demand.refresh_from_db()
    assert demand.status == S.TRIAGE and demand.current_action is None
    assert DemandRoute.objects.filter(demand=demand, agency=None).exists()


def test_agency_of_a_group_cannot_be_routed_to(dw, world):
    group = OrganizationFactory(kind="group", territory=world.province)
    demand = dw.intake(category=dw.categories["construction"])
    with pytest.raises(ValidationError):
        services.demand_assign_from_triage(user=dw.users["facilitator"], demand=demand, agency=group)
    demand.refresh_from_db()
    assert demand.status == S.TRIAGE


def test_online_demand_without_office_is_issued_by_the_provincial_office(dw, world):
    nowhere = dw.city  # a city no office serves
    demand = services.demand_submit_online(
        category=dw.categories["education"],
        neighbourhood=nowhere,
        title="کمبود معلم",
        description="مدرسه دخترانه معلم ریاضی ندارد.",
        citizen_name="",
        citizen_mobile="09121112233",
        consent=True,
        client_ip="10.0.0.1",
    )
    assert demand.office is None
    PhoneConfirmation.objects.filter(demand=demand).update(code_hash=_hash("123456", demand.tracking_code))
    demand = services.demand_confirm(tracking_code=demand.tracking_code, code="۱۲۳۴۵۶", client_ip="10.0.0.1")
    assert demand.status == S.ROUTED
    assert demand.current_action.issuer_organization == world.office
    assert demand.expected_on > dt.date(2000, 1, 1)


def _hash(code, salt):
    return hash_sms_code(code, salt=salt)


def test_route_again_after_a_rule_is_added(dw, world):
    demand = dw.intake(category=dw.categories["construction"])
    with pytest.raises(NotAllowed):
        services.demand_route(demand=demand, user=world.users["liaison"])
    assert services.demand_route(demand=demand, user=dw.users["facilitator"]).status == S.TRIAGE
    RoutingRule.objects.create(
        category=dw.categories["construction"], territory=world.county, agency=world.agency
    )
    demand = services.demand_route(demand=demand, user=dw.users["facilitator"])
    assert demand.status == S.ROUTED and demand.agency == world.agency
