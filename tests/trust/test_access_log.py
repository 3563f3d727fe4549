"""The personal-data access log: only reads that showed data, an export for auditors, a retention."""

from __future__ import annotations

import csv
import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from peygir.facilitation.models import SensitiveAccessLog

pytestmark = pytest.mark.django_db


def test_a_refused_read_writes_nothing_and_a_shown_one_is_logged(api, world):
    demand = world.demand
    before = SensitiveAccessLog.objects.count()
    assert api("other_liaison").get(f"/api/v1/demands/{demand.pk}/").status_code == 404
    assert (
        api("other_liaison").post(f"/api/v1/demands/{demand.pk}/public-note/", {}, format="json").status_code
        == 404
    )
    assert SensitiveAccessLog.objects.count() == before
    assert api("office_staff").get(f"/api/v1/demands/{demand.pk}/").status_code == 200
    row = SensitiveAccessLog.objects.order_by("-id").first()
    assert (row.user, row.demand_id, row.kind) == (world.users["office_staff"], demand.pk, "read")


def test_export_for_auditors_and_retention(api, world, tmp_path, settings):
    api("office_staff").get(f"/api/v1/demands/{world.demand.pk}/")
    old = SensitiveAccessLog.objects.create(user=world.users["facilitator"], kind="read", demand=world.demand)
    SensitiveAccessLog.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=400))
    target = tmp_path / "log.csv"
    call_command("access_log", "export", "--output", str(target))
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    assert {r["username"] for r in rows} >= {"office_staff", "facilitator"}
    assert world.demand.citizen_name not in target.read_text(encoding="utf-8-sig")
    settings.PEYGIR_ACCESS_LOG_RETENTION_DAYS = 365
    out = StringIO()
    call_command("access_log", "purge", "--dry-run", stdout=out)
    assert out.getvalue().startswith("1 rows") and SensitiveAccessLog.objects.filter(pk=old.pk).exists()
    call_command("access_log", "purge", stdout=StringIO())
    assert not SensitiveAccessLog.objects.filter(pk=old.pk).exists()
    assert SensitiveAccessLog.objects.exists()  # the recent read stays
