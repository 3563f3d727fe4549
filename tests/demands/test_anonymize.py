"""Retention: closed demands older than the configured age lose their citizens' personal data."""

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from peygir.demands import services
from peygir.demands.models import Demand, DemandSupporter
from peygir.notifications.models import OutboundMessage


def close(dw, world, demand):
    demand = services.demand_add_supporter(
        user=dw.users["facilitator"],
        demand=demand,
        citizen_name="همسایه",
        citizen_mobile="09350000000",
        consent=True,
    )
    demand = services.demand_answer_done(user=world.users["liaison"], demand=demand, text="انجام شد")
    return services.demand_verify(user=dw.users["facilitator"], demand=demand)


def test_anonymize_old_closed_demands(dw, world):
    old = close(dw, world, dw.intake())
    recent = close(dw, world, dw.intake(citizen_mobile="09121110000"))
    still_open = dw.intake(citizen_mobile="09122220000")
    Demand.objects.filter(pk__in=[old.pk, still_open.pk]).update(
        resolved_at=timezone.now() - dt.timedelta(days=800),
        updated_at=timezone.now() - dt.timedelta(days=800),
    )
    out = StringIO()
    call_command("demands", "anonymize", stdout=out)
    assert "۱" in out.getvalue()
    old.refresh_from_db()
    assert old.citizen_name == "" and old.citizen_mobile == "" and old.mobile_last4 == ""
    assert old.anonymized_at is not None
    assert old.status == Demand.Status.RESOLVED and old.title  # the record stays for reports
    assert not DemandSupporter.objects.filter(demand=old).exclude(citizen_mobile="").exists()
    assert (
        not OutboundMessage.objects.filter(dedupe_key__startswith=f"demand:{old.pk}:").exclude(to="").exists()
    )
    # the status page no longer opens for it
    assert (
        services.demand_public_status(
            tracking_code=old.tracking_code, mobile_last4="4567", client_ip="1.2.3.4"
        )
        is None
    )
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert recent.citizen_mobile and still_open.citizen_mobile
    # idempotent
    out = StringIO()
    call_command("demands", "anonymize", stdout=out)
    assert "داده‌های شخصی ۰ مطالبه" in out.getvalue()


def test_older_than_option(dw, world):
    demand = close(dw, world, dw.intake())
    assert services.demand_anonymize(older_than_days=1) == 0
    out = StringIO()
    call_command("demands", "anonymize", "--older-than", "0", stdout=out)
    demand.refresh_from_db()
    assert demand.anonymized_at is not None and demand.citizen_name == ""
