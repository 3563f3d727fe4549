"""Permission matrix of the demand services: denied users get NotAllowed and nothing is written."""

import datetime as dt

import pytest

from peygir.actions.models import Action, ActionEvent
from peygir.core.errors import NotAllowed
from peygir.core.jalali import today
from peygir.demands import services
from peygir.demands.models import Demand, DemandEvent, DemandRoute, DemandSupporter, RoutingRule
from peygir.notifications.models import OutboundMessage


def snapshot():
    return (
        Demand.objects.count(),
        list(Demand.objects.values_list("status", "version", "supporters_count", "agency_id")),
        DemandEvent.objects.count(),
        DemandRoute.objects.count(),
        DemandSupporter.objects.count(),
        Action.objects.count(),
        ActionEvent.objects.count(),
        OutboundMessage.objects.count(),
        RoutingRule.objects.count(),
    )


OFFICE_SIDE = ["facilitator", "office_staff", "office_head"]
DENIED_OFFICE_SIDE = ["other_facilitator", "liaison", "other_liaison", "foreign_staff", "nobody", "inspector"]
AGENCY_SIDE = ["liaison", "agency_head"]
DENIED_AGENCY_SIDE = ["other_liaison", "facilitator", "other_facilitator", "foreign_staff", "nobody"]


def user_of(dw, world, persona):
    return dw.users.get(persona) or world.users[persona]


@pytest.mark.parametrize("persona", DENIED_OFFICE_SIDE)
def test_office_services_deny(dw, world, persona):
    user = user_of(dw, world, persona)
    routed = dw.intake()
    triage = dw.intake(category=dw.categories["construction"], citizen_mobile="09120000002")
    done = services.demand_answer_done(
        user=world.users["liaison"], demand=dw.intake(citizen_mobile="09120000003"), text="ok"
    )
    before = snapshot()
    calls = [
        lambda: dw.intake(user=user),
        lambda: services.demand_add_supporter(user=user, demand=routed, citizen_name="x"),
        lambda: services.demand_reroute(user=user, demand=routed, agency=world.other_agency, reason="x"),
        lambda: services.demand_assign_from_triage(user=user, demand=triage, agency=world.agency),
        lambda: services.demand_verify(user=user, demand=done),
        lambda: services.demand_reject_done(user=user, demand=done, reason="x"),
        lambda: services.demand_set_public_note(user=user, demand=routed, text="x"),
        lambda: services.demand_accept_plan(user=user, demand=routed),
        lambda: services.demand_merge(user=user, demand=triage, into=routed),
        lambda: services.routing_rule_create(
            user=user, category=dw.categories["construction"], agency=world.agency, territory=world.province
        ),
    ]
    for call in calls:
        with pytest.raises(NotAllowed):
            call()
    assert snapshot() == before


@pytest.mark.parametrize("persona", OFFICE_SIDE)
def test_office_services_allow(dw, world, persona):
    user = user_of(dw, world, persona)
    triage = dw.intake(user=user, category=dw.categories["construction"])
    assert triage.created_by == user
    routed = services.demand_assign_from_triage(user=user, demand=triage, agency=world.agency)
    routed = services.demand_add_supporter(user=user, demand=routed)
    routed = services.demand_answer_done(user=world.users["liaison"], demand=routed, text="انجام شد")
    assert services.demand_verify(user=user, demand=routed).status == Demand.Status.RESOLVED


@pytest.mark.parametrize("persona", DENIED_AGENCY_SIDE)
def test_agency_answers_deny(dw, world, persona):
    user = user_of(dw, world, persona)
    demand = dw.intake()
    before = snapshot()
    for call in [
        lambda: services.demand_answer_not_ours(user=user, demand=demand, reason="x"),
        lambda: services.demand_answer_planned(user=user, demand=demand, date=today() + dt.timedelta(days=9)),
        lambda: services.demand_answer_done(user=user, demand=demand, text="x"),
    ]:
        with pytest.raises(NotAllowed):
            call()
    assert snapshot() == before


@pytest.mark.parametrize("persona", AGENCY_SIDE)
def test_agency_answers_allow(dw, world, persona):
    demand = dw.intake()
    user = world.users[persona]
    demand = services.demand_answer_planned(user=user, demand=demand, date=today() + dt.timedelta(days=9))
    assert demand.proposed_date is not None
    assert services.demand_answer_done(user=user, demand=demand, text="انجام شد").status == Demand.Status.DONE


def test_agency_cannot_answer_after_rerouting_away(dw, world):
    demand = dw.intake()
    services.demand_reroute(
        user=dw.users["facilitator"], demand=demand, agency=world.other_agency, reason="اشتباه"
    )
    with pytest.raises(NotAllowed):
        services.demand_answer_done(
            user=world.users["liaison"], demand=Demand.objects.get(pk=demand.pk), text="x"
        )


def test_routing_rules_and_categories_managers(dw, world):
    staff = world.users["office_staff"]
    rule = services.routing_rule_create(
        user=staff, category=dw.categories["construction"], agency=world.agency, territory=world.county
    )
    with pytest.raises(NotAllowed):  # a rule for the whole country is national staff's
        services.routing_rule_create(user=staff, category=dw.categories["environment"], agency=world.agency)
    with pytest.raises(NotAllowed):
        services.routing_rule_update(user=world.users["foreign_staff"], rule=rule, agency=world.other_agency)
    with pytest.raises(NotAllowed):
        services.category_create(user=world.users["liaison"], name="مسکن", service_level_days=10)
    category = services.category_create(
        user=staff, name="مسکن", service_level_days=10, parent=dw.categories["welfare"]
    )
    assert category.parent == dw.categories["welfare"]
    services.routing_rule_delete(user=staff, rule=rule)
    assert not RoutingRule.objects.filter(pk=rule.pk).exists()
