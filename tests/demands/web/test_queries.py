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
    """The list is not counted as a whole (a province's would read ~100,000 demands): a page knows
    whether another follows, and the last page knows the total."""
    grow(world, offices, 14)  # 28 demands
    client = login("office_staff")
    response = client.get(reverse("web:demand_list"))
    page = response.context["page"]
    assert len(response.context["rows"]) == 25 and page.has_next() and page.count is None
    html = response.content.decode()
    assert "صفحه ۱" in html and "?page=2" in html and "قبلی" not in html
    response = client.get(reverse("web:demand_list"), {"page": 2})
    page = response.context["page"]
    assert len(response.context["rows"]) == 3 and not page.has_next() and page.count == 28
    assert "۲۸ مورد — صفحه ۲ از ۲" in response.content.decode()
    first = {d.pk for d in client.get(reverse("web:demand_list")).context["rows"]}
    assert first.isdisjoint(d.pk for d in response.context["rows"])
    # past the end: the last page, as before; not a number: the first
    assert client.get(reverse("web:demand_list"), {"page": 9}).context["page"].number == 2
    assert client.get(reverse("web:demand_list"), {"page": "x"}).context["page"].number == 1
    assert client.get(reverse("web:demand_list"), {"page": "-3"}).context["page"].number == 1


def test_short_list_shows_its_count(world, offices, login):
    grow(world, offices, 2)
    response = login("office_staff").get(reverse("web:demand_list"))
    assert response.context["page"].count == 4 and "۴ مورد" in response.content.decode()


def test_list_filters(world, offices, login):
    grow(world, offices, 2)
    client = login("office_staff")
    response = client.get(reverse("web:demand_list"), {"status": "triage"})
    rows = response.context["rows"]
    assert rows and all(d.status == "triage" for d in rows)
    response = client.get(reverse("web:demand_list"), {"q": "بهداشتی 0-2"})
    assert [d.title for d in response.context["rows"]] == ["درخواست بهداشتی 0-2"]
