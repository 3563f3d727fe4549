"""Reads: visibility, personal data masked for those who may not see it, access logged, constant queries."""

import pytest
from django.http import Http404

from peygir.demands import selectors
from peygir.facilitation.models import SensitiveAccessLog
from peygir.organizations.access import forget_scope


def test_lists_mask_personal_data_for_the_agency(dw, world):
    demand = dw.intake()
    [row] = list(selectors.demand_list(user=world.users["liaison"]))
    assert row.pk == demand.pk and row.title == demand.title
    assert row.citizen_name == "" and row.citizen_mobile == "" and not row.personal_data_visible
    values = list(selectors.demand_list(user=world.users["liaison"]).values("citizen_name", "title"))
    assert values == [{"citizen_name": "", "title": demand.title}]
    flat = list(selectors.demand_list(user=world.users["liaison"]).values_list("citizen_mobile", flat=True))
    assert flat == [""]
    assert [d.citizen_name for d in selectors.demand_list(user=world.users["liaison"]).iterator()] == [""]
    # the office and the provincial office's staff see them; the governor reads the demand but not the citizen
    assert list(selectors.demand_list(user=dw.users["facilitator"]))[0].citizen_name == "زهرا احمدی"
    assert list(selectors.demand_list(user=world.users["office_staff"]))[0].citizen_mobile == "+989121234567"
    assert list(selectors.demand_list(user=world.users["governor"]))[0].citizen_name == ""
    assert list(selectors.demand_list(user=dw.users["other_facilitator"])) == []
    assert list(selectors.demand_list(user=world.users["foreign_staff"])) == []


def test_detail_logs_the_read_of_personal_data(dw, world):
    demand = dw.intake()
    detail = selectors.demand_detail(user=dw.users["facilitator"], pk=demand.pk)
    assert detail.citizen_name == "زهرا احمدی" and detail.can_handle and not detail.can_answer
    log = SensitiveAccessLog.objects.get(kind="read")
    assert log.demand_id == demand.pk and log.user == dw.users["facilitator"]
    detail = selectors.demand_detail(user=world.users["liaison"], pk=demand.pk)
    assert detail.citizen_name == "" and detail.can_answer and not detail.can_handle
    assert SensitiveAccessLog.objects.filter(kind="read").count() == 1
    with pytest.raises(Http404):
        selectors.demand_detail(user=dw.users["other_facilitator"], pk=demand.pk)
    supporters = selectors.demand_supporters(user=world.users["liaison"], demand=demand)
    assert supporters == []


def test_filters(dw, world):
    a = dw.intake()
    b = dw.intake(category=dw.categories["construction"], title="آسفالت کوچه", description="کوچه خاکی است")
    user = dw.users["facilitator"]
    assert list(selectors.demand_list(user=user, filters={"status": "triage"})) == [b]
    assert list(selectors.demand_list(user=user, filters={"agency": world.agency.pk})) == [a]
    assert list(selectors.demand_list(user=user, filters={"category": dw.categories["education"].pk})) == [a]
    assert list(selectors.demand_list(user=user, filters={"q": "آسفالت"})) == [b]
    assert list(selectors.demand_list(user=user, filters={"q": a.tracking_code.lower()})) == [a]
    assert list(selectors.demand_list(user=user, filters={"neighbourhood": dw.city.pk})) == [b, a]
    assert list(selectors.demand_list(user=user, filters={"overdue": True})) == []
    assert selectors.demand_counts(user=user)["triage"] == 1


def test_list_query_count_is_constant(dw, world, django_assert_num_queries):
    user = world.users["office_staff"]
    dw.intake()
    with django_assert_num_queries(3):  # scope + territory and office ids + the page
        rows = list(selectors.demand_list(user=user)[:20])
        [(r.office.organization.name, r.category.name, r.neighbourhood.name_fa, r.agency) for r in rows]
    for n in range(5):
        dw.intake(citizen_mobile=f"0912555000{n}")

    forget_scope(user)
    with django_assert_num_queries(3):
        rows = list(selectors.demand_list(user=user)[:20])
        [(r.office.organization.name, r.category.name, r.neighbourhood.name_fa, r.agency) for r in rows]
    assert len(rows) == 6
