"""`peygir inspections draw | scan | verify`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from peygir.inspections.models import Draw, InspectionPlan

from .helpers import make_inspection_world


def _run(*args: str) -> str:
    out = StringIO()
    call_command("inspections", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_draw_once_scan_and_verify(world):
    iw = make_inspection_world(world, facilities_count=2)
    InspectionPlan.objects.filter(pk=iw.plan.pk).update(status="approved")
    assert "۱ دوره" in _run("draw", "--as-of", "1405/06/31", "--period", "1405/07")
    assert "۰ دوره" in _run("draw", "--as-of", "1405/06/31", "--period", "1405/07")
    assert Draw.objects.count() == 1
    assert "بازدید انجام‌نشده" in _run("scan", "--as-of", "1405/08/01")
    sealed = Draw.objects.get()
    assert "درست است" in _run("verify", str(sealed.pk))
    Draw.objects.filter(pk=sealed.pk).update(seal="0" * 64)
    with pytest.raises(CommandError):
        _run("verify", str(sealed.pk))
    with pytest.raises(CommandError):
        _run("scan", "--as-of", "1405/13/01")
