"""The demand list, the triage queue and the demand page: the number of queries does not grow with
the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import intake


def grow(world, offices, n: int) -> None:
    for i in range(n):
        intake(
            world, offices, title=f"درخواست شماره {i}-{n}", description=f"شرح درخواست {i} از {n} برای محله"
        )
        intake(
            world,
            offices,
            category=offices.health,
            title=f"درخواست بهداشتی {i}-{n}",
            description=f"شرح بهداشتی {i} از {n}",
            citizen_mobile=f"0912{n:03d}{i:04d}",
        )


@pytest.mark.parametrize(
    "persona,name",
    [
        ("facilitator", "demand_list"),
        ("office_staff", "demand_list"),
        ("liaison", "demand_list"),
        ("facilitator", "triage"),
        ("office_staff", "triage"),
    ],
)
def test_lists_have_constant_queries(world, offices, login, persona, name, django_assert_num_queries):
    client = login(persona)
    grow(world, offices, 2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(f"web:{name}")).status_code == 200
    baseline = len(small)
    grow(world, offices, 6)
    with django_assert_num_queries(baseline):
        response = client.get(reverse(f"web:{name}"))
    assert response.status_code == 200


def test_list_is_paginated_by_25(world, offices, login):
    grow(world, offices, 14)  # 28 demands
    response = login("office_staff").get(reverse("web:demand_list"))
    assert len(response.context["rows"]) == 25
    assert response.context["page"].paginator.count == 28


def test_list_filters(world, offices, login):
    grow(world, offices, 2)
    client = login("office_staff")
    response = client.get(reverse("web:demand_list"), {"status": "triage"})
    rows = response.context["rows"]
    assert rows and all(d.status == "triage" for d in rows)
    response = client.get(reverse("web:demand_list"), {"q": "بهداشتی 0-2"})
    assert [d.title for d in response.context["rows"]] == ["درخواست بهداشتی 0-2"]
