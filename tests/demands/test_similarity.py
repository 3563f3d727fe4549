"""Nearly the same demand in the same neighbourhood is offered first; supporters instead of duplicates."""

import pytest

from peygir.core.errors import ValidationError
from peygir.core.text import normalize_text
from peygir.demands import services
from peygir.demands.models import Demand, DemandSupporter
from peygir.demands.similarity import similarity

S = Demand.Status

# As the seeds are typed: Arabic ي/ك, lost or extra ZWNJ, different spacing.
ORIGINAL = ("بازسازی مدرسه کانکسی", "مدرسه‌های کانکسی محله زویه نیاز به بازسازی و سرویس بهداشتی دارند.")
VARIANT = "بازسازي مدرسه كانكسي — مدرسه هاي كانكسي محله زويه نياز به بازسازي و سرويس بهداشتي دارند"


def test_arabic_letters_and_zwnj_do_not_hide_a_duplicate():
    a = normalize_text(" ".join(ORIGINAL))
    b = normalize_text(VARIANT)
    assert similarity(a, b) > 0.8
    assert similarity(a, normalize_text("درخواست احداث پارک و فضای سبز برای بانوان")) < 0.3


def test_similar_open_demands_of_the_same_neighbourhood_are_offered(dw, world):
    first = dw.intake(title=ORIGINAL[0], description=ORIGINAL[1])
    dw.intake(
        title="پارک بانوان",
        description="درخواست احداث پارک و فضای سبز برای بانوان",
        citizen_mobile="09120000001",
    )
    found = services.demand_find_similar(neighbourhood=dw.neighbourhood, text=VARIANT)
    assert [d.pk for d, _score in found] == [first.pk]
    assert found[0][1] >= 0.5
    # offered without the other citizen's data
    assert found[0][0].citizen_name == "" and found[0][0].citizen_mobile == ""
    # another neighbourhood, and a closed demand, are not offered
    assert services.demand_find_similar(neighbourhood=dw.other_neighbourhood, text=VARIANT) == []
    Demand.objects.filter(pk=first.pk).update(status=S.RESOLVED)
    assert services.demand_find_similar(neighbourhood=dw.neighbourhood, text=VARIANT) == []


def test_also_requested_by_raises_the_supporters_count(dw, world):
    demand = dw.intake(title=ORIGINAL[0], description=ORIGINAL[1])
    demand = services.demand_add_supporter(
        user=dw.users["facilitator"],
        demand=demand,
        citizen_name="مریم کریمی",
        citizen_mobile="+98 912 765 4321",
        consent=True,
    )
    demand = services.demand_add_supporter(
        user=dw.users["facilitator"], demand=demand, note="ده خانوار کوچه ۵"
    )
    assert demand.supporters_count == 3
    mobiles = list(DemandSupporter.objects.filter(demand=demand).values_list("citizen_mobile", flat=True))
    assert mobiles == ["+989127654321", ""]
    assert Demand.objects.count() == 1
    with pytest.raises(ValidationError):
        services.demand_add_supporter(user=dw.users["facilitator"], demand=demand, citizen_mobile="12345")
    assert Demand.objects.get(pk=demand.pk).supporters_count == 3


def test_a_registered_duplicate_merges_into_the_first(dw, world):
    first = dw.intake(title=ORIGINAL[0], description=ORIGINAL[1])
    second = dw.intake(
        title="مدرسه كانكسي", description=VARIANT, citizen_name="علی", citizen_mobile="09350001122"
    )
    second_action = second.current_action
    merged = services.demand_merge(user=dw.users["facilitator"], demand=second, into=first)
    assert merged.status == S.MERGED and merged.duplicate_of == first
    first.refresh_from_db()
    assert first.supporters_count == 2
    assert DemandSupporter.objects.filter(demand=first, citizen_mobile="+989350001122").exists()
    second_action.refresh_from_db()
    assert second_action.status == "cancelled"


def test_a_reworded_colloquial_duplicate_is_offered_and_a_hard_negative_is_not(
    dw, world, django_assert_max_num_queries
):
    """Through the similarity engine and its measured INTAKE_THRESHOLD (peygir.similarity)."""
    toilets = dw.intake(
        title="سرویس بهداشتی مدارس کانکسی",
        description="وضعیت بهداشتی مدارس کانکسی محله نامناسب است و سرویس بهداشتی ندارند.",
    )
    cooler = dw.intake(
        title="کولر مدارس کانکسی",
        description="مدارس کانکسی محله کولر ندارند و بچه‌ها در گرما درس می‌خوانند.",
        citizen_mobile="09120000002",
    )
    for _ in range(5):  # more open demands do not add queries
        dw.intake(title="پارک", description="پارک محله نیمکت ندارد", citizen_mobile="09120000003")
    colloquial = "مدرسه های کانکسی محله سرویس بهداشتی نداره، وضعیت بهداشتیش خیلی بده"
    with django_assert_max_num_queries(2):
        found = services.demand_find_similar(neighbourhood=dw.neighbourhood, text=colloquial)
    assert [d.pk for d, _score in found] == [toilets.pk]
    assert cooler.pk not in [d.pk for d, _score in found]
    assert found[0][0].personal_data_hidden is True
