"""Programs and duties: each duty is an action; recurring duties make their next action once."""

import datetime as dt
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from peygir.actions.escalation import scan
from peygir.actions.models import Action
from peygir.core.errors import NotAllowed, ValidationError
from peygir.programs import duties as services
from peygir.programs import duty_stats
from peygir.programs.models import Duty, DutyOccurrence, Program
from peygir.programs.periods import MONTH, SEASON, Period

TODAY = dt.date(2025, 5, 5)  # 15 Ordibehesht 1404


@pytest.fixture
def program(world):
    return services.program_create(
        user=world.users["office_staff"],
        title="برنامه تحول و تعالی حوزه اجتماعی و فرهنگی استان",
        theme="culture",
        territory=world.province,
        owner=world.office,
        start_year=1402,
        end_year=1405,
    )


def test_a_duty_is_an_action_in_the_agencys_inbox(world, program):
    duty = services.duty_create(
        user=world.users["office_staff"],
        program=program,
        responsible=world.agency,
        title="توجه ویژه به وظایف محوله در برنامه تحول و تعالی",
        deadline=dt.date(2025, 3, 20),
        today=TODAY,
    )
    action = Action.objects.get(duty=duty)
    assert action.source_kind == "duty"
    assert action.responsible_organization == world.agency
    assert action.issuer_organization == world.office
    assert action.deadline == dt.date(2025, 3, 20)
    assert action.source_adapter.url(action) == f"/programs/{program.pk}/"


def test_who_may_create_programs_and_duties(world, program):
    with pytest.raises(NotAllowed):
        services.duty_create(
            user=world.users["liaison"],
            program=program,
            responsible=world.agency,
            title="وظیفه",
            deadline=TODAY,
        )
    with pytest.raises(NotAllowed):
        services.program_create(
            user=world.users["foreign_staff"],
            title="برنامه",
            theme="sport",
            territory=world.province,
            owner=world.office,
            start_year=1403,
            end_year=1404,
        )
    with pytest.raises(ValidationError):
        services.duty_create(
            user=world.users["office_staff"], program=program, responsible=world.agency, title="وظیفه بی‌مهلت"
        )
    assert not Duty.objects.exists()


def test_a_province_adopts_a_national_program(world):
    national = services.program_create(
        user=world.users["national"],
        title="نقشه راه کنترل پنج آسیب اجتماعی",
        theme="addiction",
        territory=world.country,
        owner=world.national_org,
        start_year=1403,
        end_year=1406,
    )
    services.goal_add(user=world.users["national"], program=national, title="کاهش نرخ طلاق")
    adopted = services.program_adopt(
        user=world.users["office_staff"], national=national, territory=world.province, owner=world.office
    )
    assert adopted.adopted_from == national and adopted.level == Program.Level.PROVINCIAL
    assert list(adopted.goals.values_list("title", flat=True)) == ["کاهش نرخ طلاق"]
    with pytest.raises(ValidationError):
        services.program_adopt(
            user=world.users["office_staff"], national=national, territory=world.province, owner=world.office
        )


def seasonal_duty(world, program, **extra):
    return services.duty_create(
        user=world.users["office_staff"],
        program=program,
        responsible=world.county_gov,
        title="بازدید فصلی از مراکز نگهداری کودکان و سالمندان",
        recurrence=extra.pop("recurrence", SEASON),
        starts_on=dt.date(2025, 3, 21),
        today=TODAY,
        **extra,
    )


def test_a_recurring_duty_makes_its_next_action_once_whatever_the_scans(world, program):
    duty = seasonal_duty(world, program)
    assert duty.actions.count() == 1  # spring 1404, at creation
    assert duty.actions.get().deadline == Period(SEASON, 1404, 1).end
    for _ in range(3):
        scan(as_of=TODAY, deliver=False)
    assert duty.actions.count() == 1
    summer = dt.date(2025, 7, 1)  # 10 Tir 1404
    first = scan(as_of=summer, deliver=False)
    second = scan(as_of=summer, deliver=False)
    assert first.created["duty"] == 1 and second.created["duty"] == 0
    assert sorted(duty.occurrences.values_list("number", flat=True)) == [1, 2]
    assert duty.actions.count() == 2
    assert "تابستان ۱۴۰۴" in duty.actions.order_by("-deadline").first().title


def test_idempotence_rests_on_the_database_not_on_the_check(world, program):
    """Two scans that both found the duty due (a race): the unique index refuses the second period
    row, and its savepoint takes its action back with it."""
    duty = seasonal_duty(world, program, recurrence=MONTH)
    later = dt.date(2025, 6, 1)  # Khordad 1404
    stale = services.due_duties(later)  # scan A reads…
    assert [d.pk for d, _ in stale] == [duty.pk]
    assert services.create_due_occurrences(later) == 1  # … scan B runs to the end …
    assert [services.occur(d, p) for d, p in stale] == [None]  # … then A writes: refused
    assert duty.actions.count() == 2
    assert DutyOccurrence.objects.filter(duty=duty).count() == 2
    assert Action.objects.filter(duty=duty, duty_occurrence__isnull=True).count() == 0


def test_an_ended_or_inactive_duty_stops(world, program):
    duty = seasonal_duty(world, program, ends_on=dt.date(2025, 6, 1))
    assert services.create_due_occurrences(dt.date(2025, 7, 1)) == 0
    Duty.objects.filter(pk=duty.pk).update(ends_on=None, is_active=False)
    assert services.create_due_occurrences(dt.date(2025, 7, 1)) == 0


def test_the_scan_command_reports_periodic_actions(world, program, capsys):
    seasonal_duty(world, program)
    call_command("actions", "scan", "--as-of", "1404/04/10", "--no-deliver")
    assert "periodic actions created): ۱" in capsys.readouterr().out


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's shared-cache test database refuses concurrent writers instead of queueing them; "
    "run with DATABASE_URL=postgres://… (the race itself is also covered deterministically above)",
)
@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_make_one_action(django_db_setup):
    from tests.world import build_world

    world = build_world()
    program = services.program_create(
        user=None,
        title="برنامه تحول و تعالی",
        theme="culture",
        territory=world.province,
        owner=world.office,
        start_year=1404,
        end_year=1405,
    )
    duty = seasonal_duty(world, program, recurrence=MONTH)
    day = dt.date(2025, 8, 1)  # Mordad 1404
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(services.create_due_occurrences(day))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(results) == [0, 1]
    assert DutyOccurrence.objects.filter(duty=duty, number=5).count() == 1
    assert duty.actions.count() == 2


def test_duty_stats(world, program):
    from peygir.actions.services import do_action_report_done, do_action_verify

    services.duty_create(
        user=None,
        program=program,
        responsible=world.agency,
        title="گزارش عملکرد",
        deadline=dt.date(2025, 6, 1),
        today=TODAY,
    )
    services.duty_create(
        user=None,
        program=program,
        responsible=world.agency,
        title="برگزاری جشنواره",
        deadline=dt.date(2025, 4, 1),
        today=TODAY,
    )
    done = Action.objects.get(title="گزارش عملکرد")
    do_action_report_done(action=done, user=world.users["liaison"], text="انجام شد")
    do_action_verify(action=done, user=world.users["office_staff"])
    stats = duty_stats.duty_stats(1404, organization_ids=[world.agency.pk], as_of=dt.date(2025, 5, 1))
    agency = stats[world.agency.pk]
    assert (agency.actions, agency.verified, agency.overdue, agency.open) == (2, 1, 1, 1)
    assert agency.achieved_ratio == 0.5
    assert duty_stats.duty_stats(1404, territory=world.other_province) == {}
