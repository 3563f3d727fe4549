"""Indicator definitions are versioned; a value keeps its version; targets; comments."""

from decimal import Decimal

import pytest

from peygir.core.errors import NotAllowed, ValidationError
from peygir.programs import indicators as definitions
from peygir.programs.models import Indicator, IndicatorTarget, IndicatorValue
from peygir.programs.values import Row, value_comment, values_enter
from tests.auth import sign_in


def test_versions_and_the_values_that_keep_theirs(world, small):
    national = world.users["national"]
    with pytest.raises(NotAllowed):
        definitions.indicator_create(user=world.users["office_staff"], code="X", name="x", theme="divorce",
                                     kind="number", direction="lower", period_type="season")  # fmt: skip
    ind = definitions.indicator_create(
        user=national, code="DIV-9", name="طلاق ثبت‌شده", theme="divorce", kind="number", direction="lower",
        period_type="season", min_value=Decimal(0),
    )  # fmt: skip
    v1 = ind.current_version
    values_enter(user=None, indicator=ind, period="1403-S1", rows=[Row(small.arak, value=10)])
    v2 = definitions.indicator_new_version(
        user=national, indicator=ind, max_value=Decimal(500), note="سقف منطقی"
    )
    ind.refresh_from_db()
    assert (v1.number, v2.number, ind.current_version_id) == (1, 2, v2.pk)
    assert v2.min_value == 0 and v2.kind == "number"
    old = IndicatorValue.objects.get()
    assert old.version_id == v1.pk  # kept
    values_enter(user=None, indicator=ind, period="1403-S2", rows=[Row(small.arak, value=12)])
    assert IndicatorValue.objects.get(number=2).version_id == v2.pk
    with pytest.raises(ValidationError):
        definitions.indicator_new_version(
            user=national, indicator=ind, min_value=Decimal(9), max_value=Decimal(1)
        )
    with pytest.raises(ValidationError):
        definitions.indicator_new_version(user=national, indicator=ind, population_denominator=True)
    assert ind.versions.count() == 2


def test_targets_and_comments(world, small, divorce_rate):
    with pytest.raises(NotAllowed):
        definitions.target_set(user=world.users["liaison"], indicator=divorce_rate, territory=world.province,
                               year=1404, value=Decimal(1))  # fmt: skip
    definitions.target_set(user=world.users["office_staff"], indicator=divorce_rate, territory=world.province,
                           year=1404, value=Decimal(1))  # fmt: skip
    definitions.target_set(user=world.users["office_staff"], indicator=divorce_rate, territory=world.province,
                           year=1404, value=Decimal("0.9"))  # fmt: skip
    assert IndicatorTarget.objects.get().value == Decimal("0.9")
    value = values_enter(
        user=None, indicator=divorce_rate, period="1403-S1", rows=[Row(small.arak, numerator=5)]
    ).values[0]
    value_comment(user=world.users["county_deputy"], value=value, text="افزایش به دلیل ثبت پرونده‌های معوق")
    with pytest.raises(NotAllowed):
        value_comment(user=world.users["foreign_staff"], value=value, text="x")
    assert list(value.events.values_list("kind", flat=True)) == ["entered", "comment"]


def test_api_definitions(world):
    from rest_framework.test import APIClient

    client = APIClient()
    sign_in(client, world.users["national"])
    created = client.post(
        "/api/v1/indicators/",
        {"code": "VIO-9", "name": "نزاع منجر به جرح", "theme": "violence", "kind": "rate", "direction": "lower",
         "period_type": "month", "population_denominator": True},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    version = client.post(f"/api/v1/indicators/{pk}/versions/", {"jump_percent": 50}, format="json")
    assert version.status_code == 201 and version.json()["current_version"]["number"] == 2
    # The province's office manages programs: it may define an indicator for one of them, not without.
    sign_in(client, world.users["office_staff"])
    assert client.post("/api/v1/indicators/", {}, format="json").status_code == 400
    body = {"code": "VIO-10", "name": "نزاع", "theme": "violence", "kind": "number", "direction": "lower",
            "period_type": "month"}  # fmt: skip
    assert client.post("/api/v1/indicators/", body, format="json").status_code == 404
    mine = client.post("/api/v1/indicators/", {**body, "program": world.program.pk}, format="json")
    assert mine.status_code == 201 and mine.json()["program"] == world.program.pk
    assert Indicator.objects.filter(code="VIO-10").count() == 1
    sign_in(client, world.users["liaison"])
    assert client.post("/api/v1/indicators/", {}, format="json").status_code == 404
