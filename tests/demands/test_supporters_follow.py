"""A citizen added as a supporter: consent first, their own SMS, and they follow and rate the demand
with its tracking code and their own number's last four digits."""

import pytest

from peygir.core.errors import ValidationError
from peygir.demands import services
from peygir.demands.models import Demand, DemandEvent, DemandSupporter
from peygir.notifications.models import OutboundMessage

pytestmark = pytest.mark.django_db
SUPPORTER_MOBILE = "09357654321"


def _sms_to(mobile: str) -> list[OutboundMessage]:
    return list(OutboundMessage.objects.filter(channel="sms", to=f"+98{mobile[1:]}").order_by("id"))


def test_no_consent_no_number_kept(dw):
    demand = dw.intake()
    with pytest.raises(ValidationError) as error:
        services.demand_add_supporter(
            user=dw.users["facilitator"], demand=demand, citizen_mobile=SUPPORTER_MOBILE
        )
    assert "رضایت" in str(error.value)
    assert not DemandSupporter.objects.filter(demand=demand).exists()
    assert Demand.objects.get(pk=demand.pk).supporters_count == 1
    assert _sms_to(SUPPORTER_MOBILE) == []


def test_the_supporter_is_texted_follows_and_rates_with_their_own_number(dw, world):
    demand = dw.intake()
    services.demand_add_supporter(
        user=dw.users["facilitator"],
        demand=demand,
        citizen_name="حسن محمدی",
        citizen_mobile=SUPPORTER_MOBILE,
        consent=True,
    )
    supporter = DemandSupporter.objects.get(demand=demand)
    assert supporter.consent and supporter.mobile_last4 == "4321"
    (joined,) = _sms_to(SUPPORTER_MOBILE)
    assert demand.tracking_code in joined.body

    status = services.demand_public_status(
        tracking_code=demand.tracking_code, mobile_last4="۴۳۲۱", client_ip="1.2.3.4"
    )
    assert status is not None and status.supporters_count == 2
    assert (
        services.demand_public_status(
            tracking_code=demand.tracking_code, mobile_last4="0000", client_ip="1.2.3.4"
        )
        is None
    )

    demand = Demand.objects.get(pk=demand.pk)
    demand = services.demand_answer_done(user=world.users["liaison"], demand=demand, text="انجام شد")
    assert len(_sms_to(SUPPORTER_MOBILE)) > 1  # the supporter hears of progress like the citizen
    services.demand_verify(user=dw.users["facilitator"], demand=demand)

    services.demand_rate(
        tracking_code=demand.tracking_code, mobile_last4="4321", rating=4, resolved=True, client_ip="1.2.3.4"
    )
    supporter.refresh_from_db()
    demand.refresh_from_db()
    assert supporter.rating == 4 and supporter.rated_at is not None
    assert demand.rating is None  # the citizen's own rating is still theirs to give
    with pytest.raises(ValidationError):
        services.demand_rate(
            tracking_code=demand.tracking_code,
            mobile_last4="4321",
            rating=5,
            resolved=True,
            client_ip="1.2.3.4",
        )
    citizen_last4 = demand.mobile_last4
    services.demand_rate(
        tracking_code=demand.tracking_code,
        mobile_last4=citizen_last4,
        rating=5,
        resolved=True,
        client_ip="1.2.3.4",
    )
    demand.refresh_from_db()
    assert demand.rating == 5
    assert DemandEvent.objects.filter(demand=demand, kind="rated").count() == 2
