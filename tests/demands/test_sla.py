"""Service levels count working days (Nowruz, Fridays), and an overdue demand climbs the ladder."""

import datetime as dt

from peygir.actions import escalation
from peygir.actions.models import ActionEvent, EscalationStep
from peygir.demo.clock import at, clock


def test_deadline_skips_nowruz_and_friday(dw):
    education = dw.categories["education"]
    education.service_level_days = 4
    education.save()
    # Tuesday 28 Esfand 1403; then holidays 19–24 March (oil day, year's end, Nowruz), Friday 28 March
    with clock(at(dt.date(2025, 3, 18))):
        demand = dw.intake()
    # working days: Tue 25, Wed 26, Thu 27, (Fri 28 off), Sat 29 March
    assert demand.expected_on == dt.date(2025, 3, 29)
    assert demand.current_action.deadline == dt.date(2025, 3, 29)
    assert (
        demand.current_action.deadline_text == "4 روز کاری"
        or "روز کاری" in demand.current_action.deadline_text
    )


def test_overdue_demand_reaches_the_county_governorate_at_the_supervisor_rung(dw, world):
    with clock(at(dt.date(2025, 5, 3))):
        demand = dw.intake()
    action = demand.current_action
    deadline = action.deadline
    # well past the supervisor delay, not yet at the province's
    as_of = deadline + dt.timedelta(days=9)
    escalation.scan(as_of=as_of, deliver=False)
    steps = set(EscalationStep.objects.filter(action=action).values_list("step", flat=True))
    assert EscalationStep.Step.SUPERVISOR in steps
    assert EscalationStep.Step.PROVINCE not in steps
    event = next(
        e
        for e in ActionEvent.objects.filter(action=action, kind="escalated")
        if e.data["step"] == EscalationStep.Step.SUPERVISOR
    )
    assert event.data["recipients"] == [world.users["county_deputy"].pk]
