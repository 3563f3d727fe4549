"""The inbox: filters, tabs, pagination, htmx partial refresh and a constant number of queries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from peygir.actions.models import Action
from tests.factories import ActionFactory


def make_actions(world, n, **kwargs):
    defaults = {"responsible_organization": world.agency, "issuer_organization": world.office}
    return [ActionFactory(**{**defaults, **kwargs}) for _ in range(n)]


def test_liaison_lands_on_own_organization(login, world):
    make_actions(world, 3)
    make_actions(world, 2, responsible_organization=world.other_agency)
    response = login("liaison").get(reverse("web:inbox"))
    assert response.context["organization_id"] == world.agency.pk
    assert response.context["page"].paginator.count == 3


def test_office_staff_picks_any_visible_organization(login, world):
    make_actions(world, 3)
    make_actions(world, 2, responsible_organization=world.other_agency)
    client = login("office_staff")
    assert client.get(reverse("web:inbox")).context["page"].paginator.count == 5
    response = client.get(reverse("web:inbox"), {"org": world.other_agency.pk})
    assert response.context["page"].paginator.count == 2
    choices = [value for value, _ in response.context["form"].fields["org"].choices]
    assert world.agency.pk in choices and world.foreign_office.pk not in choices


def test_liaison_cannot_read_another_organization_through_the_filter(login, world):
    make_actions(world, 2, responsible_organization=world.other_agency)
    response = login("liaison").get(reverse("web:inbox"), {"org": world.other_agency.pk})
    assert response.context["page"].paginator.count == 0


def test_state_filters_and_badges(login, world):
    today = timezone.localdate()
    make_actions(world, 2, deadline=today - dt.timedelta(days=3), title="معوق")
    make_actions(world, 1, deadline=today + dt.timedelta(days=1), title="نزدیک")
    make_actions(world, 1, deadline=today + dt.timedelta(days=60), status=Action.Status.VERIFIED)
    client = login("office_staff")
    overdue = client.get(reverse("web:inbox"), {"state": "overdue"})
    assert overdue.context["page"].paginator.count == 2
    assert "badge text-bg-danger" in overdue.content.decode()
    assert client.get(reverse("web:inbox"), {"state": "due_soon"}).context["page"].paginator.count == 1
    assert client.get(reverse("web:inbox"), {"state": "closed"}).context["page"].paginator.count == 1
    assert client.get(reverse("web:inbox"), {"status": "verified"}).context["page"].paginator.count == 1
    assert client.get(reverse("web:inbox"), {"q": "نزديك"}).context["page"].paginator.count == 1  # Arabic ي/ك


def test_bad_filter_values_are_ignored(login, world):
    make_actions(world, 2)
    response = login("office_staff").get(reverse("web:inbox"), {"status": "<x>", "org": "abc", "page": "zz"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 2


def test_mine_tab_has_own_work_and_verifications(login, world):
    make_actions(world, 2)  # agency's, issued by the office
    make_actions(world, 1, status=Action.Status.REPORTED_DONE)
    make_actions(world, 1, responsible_organization=world.office, issuer_organization=world.governorate)
    liaison = login("liaison").get(reverse("web:inbox"), {"tab": "mine"})
    assert liaison.context["page"].paginator.count == 3
    staff = login("office_staff").get(reverse("web:inbox"), {"tab": "mine", "status": "reported_done"})
    assert staff.context["page"].paginator.count == 1


def test_pagination_25_per_page(login, world):
    make_actions(world, 30)
    client = login("office_staff")
    first = client.get(reverse("web:inbox"))
    assert len(first.context["page"].object_list) == 25
    second = client.get(reverse("web:inbox"), {"page": 2})
    assert len(second.context["page"].object_list) == 5
    assert "صفحه ۲ از ۲" in second.content.decode()


def test_htmx_request_gets_only_the_table(login, world):
    make_actions(world, 2)
    response = login("office_staff").get(reverse("web:inbox"), {"state": "open"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "<table" in body
    assert [t.name for t in response.templates][0] == "web/inbox/_table.html"


@pytest.mark.parametrize("persona", ["office_staff", "liaison"])
def test_inbox_query_count_is_constant(login, world, persona, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(persona)
    client.get(reverse("web:inbox"))  # the CSRF cookie: from now on the page cache is consulted
    make_actions(world, 5)  # a write: the next request misses the cache and renders the page
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("web:inbox"))
    baseline = len(small)  # read now: every request resets the connection's query log
    make_actions(world, 10, deadline=timezone.localdate() - dt.timedelta(days=2))
    with django_assert_num_queries(baseline):
        response = client.get(reverse("web:inbox"))
    assert response.context["page"].paginator.count == 15


def test_on_a_phone_the_selects_fold_away_unless_one_is_in_use(login, world):
    """Issue 9 §5: a phone shows the search and the cards first; the selects open under one button,
    and stay open when a filter is in use (so the person sees why the list is short)."""
    client = login("liaison")
    plain = client.get(reverse("web:inbox")).content.decode()
    assert 'class="row g-2 align-items-end collapse d-md-flex" id="inbox-filters"' in plain
    assert 'data-bs-target="#inbox-filters"' in plain
    filtered = client.get(reverse("web:inbox"), {"state": "overdue"}).content.decode()
    assert 'collapse d-md-flex show" id="inbox-filters"' in filtered
    searched = client.get(reverse("web:inbox"), {"q": "مدرسه", "escalated": "on"}).content.decode()
    assert 'collapse d-md-flex" id="inbox-filters"' in searched  # the search stays outside the fold


@pytest.mark.parametrize(
    "params",
    [{}, {"state": "overdue"}, {"state": "open"}, {"tab": "mine"}, {"status": "in_progress"}, {"q": "اقدام"}],
)
def test_the_count_by_visibility_parts_is_the_lists_own_length(login, world, params):
    """The inbox counts its visibility parts apart (the user's territories, then their organizations'
    actions elsewhere) and sums them: the sum is exactly the number of actions the list holds."""
    from tests.actions.helpers import actions_in_and_out_of_province

    visible = actions_in_and_out_of_province(world)
    response = login("office_staff").get(reverse("web:inbox"), params)
    paginator = response.context["page"].paginator
    listed = list(paginator.object_list.values_list("pk", flat=True))
    assert paginator.count == len(listed) == len(set(listed))
    assert paginator.count > 0
    expected = visible.get(
        params.get("state") or params.get("status") or ("all" if "q" in params or not params else "x")
    )
    if expected is not None:
        assert paginator.count == expected
