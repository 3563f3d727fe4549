"""The demand page's merge: a duplicate registered anyway joins the demand it repeats."""

from django.urls import reverse

from peygir.demands.models import Demand

from .conftest import intake
from .test_forms import op


def duplicate_of(world, offices, demand) -> Demand:
    return intake(
        world,
        offices,
        title="چکه کردن سقف مدرسه شهید بهشتی",
        description="سقف مدرسه شهید بهشتی چکه می‌کند؛ همان مشکل.",
        citizen_name="مریم احمدی",
        citizen_mobile="09127654321",
    )


def test_the_office_merges_a_duplicate_by_its_tracking_code(world, offices, login, demand):
    copy = duplicate_of(world, offices, demand)
    client = login("facilitator")
    page = client.get(reverse("web:demand_detail", args=[copy.pk])).content.decode()
    assert "ادغام با مطالبهٔ تکراری" in page
    # Persian digits and spaces in the typed code are folded like the status page does.
    response = op(client, copy, "merge", {"into": demand.tracking_code.lower(), "reason": "همان سقف"})
    assert response.status_code == 302
    copy.refresh_from_db()
    demand.refresh_from_db()
    assert copy.status == Demand.Status.MERGED and copy.duplicate_of_id == demand.pk
    assert demand.supporters.filter(citizen_mobile="+989127654321").exists()
    shown = client.get(response["Location"]).content.decode()
    assert demand.tracking_code in shown


def test_an_unknown_or_unseen_code_is_refused_and_nothing_changes(world, offices, login, demand):
    copy = duplicate_of(world, offices, demand)
    other = intake(
        world,
        offices,
        user=world.users["other_facilitator"],
        office=offices.other_office,
        neighbourhood=offices.other_zone,
        citizen_mobile="09121112222",
    )
    for code in ("ZZZZ-ZZZZ", other.tracking_code):  # the other office's demand is not this user's
        before = (copy.status, copy.version)
        response = op(login("facilitator"), copy, "merge", {"into": code})
        assert response.status_code == 400
        assert "مطالبه‌ای با این کد رهگیری نیست" in response.content.decode()
        copy.refresh_from_db()
        assert (copy.status, copy.version) == before


def test_merging_a_demand_into_itself_is_refused(login, demand):
    response = op(login("facilitator"), demand, "merge", {"into": demand.tracking_code})
    assert response.status_code == 400
    assert "با خودش ادغام" in response.content.decode()
    demand.refresh_from_db()
    assert demand.status == Demand.Status.ROUTED


def test_the_agency_cannot_merge(world, offices, login, demand):
    copy = duplicate_of(world, offices, demand)
    response = op(login("liaison"), copy, "merge", {"into": demand.tracking_code})
    assert response.status_code == 404
    copy.refresh_from_db()
    assert copy.status == Demand.Status.ROUTED
