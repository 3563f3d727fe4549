"""Online submission: UNCONFIRMED until the SMS code; wrong codes, expiry and rate limits."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from peygir.core.errors import ValidationError
from peygir.core.text import to_latin_digits
from peygir.demands import services
from peygir.demands.models import Demand, PhoneConfirmation, RateLimitHit
from peygir.demands.ratelimit import RateLimited
from peygir.demands.selectors import demand_list
from peygir.notifications.models import OutboundMessage

S = Demand.Status


def submit(dw, ip="5.5.5.5", mobile="۰۹۱۲ ۱۲۳ ۴۵۶۷", **overrides):
    params = {
        "category": dw.categories["education"],
        "neighbourhood": dw.neighbourhood,
        "title": "نبود سرایدار در مدرسه",
        "description": "مدرسه شب‌ها بی‌سرایدار است.",
        "citizen_name": "رضا",
        "citizen_mobile": mobile,
        "consent": True,
        "client_ip": ip,
    }
    params.update(overrides)
    return services.demand_submit_online(**params)


def code_of(demand):
    body = (
        OutboundMessage.objects.filter(dedupe_key__startswith=f"demand:{demand.pk}:code:").latest("id").body
    )
    return re.search(r"\d{6}", to_latin_digits(body)).group(0)


def test_online_demand_counts_only_after_the_sms_code(dw, world):
    demand = submit(dw)
    assert demand.status == S.UNCONFIRMED and demand.citizen_mobile == "+989121234567"
    assert demand.office == dw.office  # the office serving the neighbourhood takes it
    confirmation = PhoneConfirmation.objects.get(demand=demand)
    code = code_of(demand)
    assert code not in confirmation.code_hash
    assert list(demand_list(user=dw.users["facilitator"])) == []
    assert demand_list(user=world.users["office_staff"]).count() == 0
    confirmed = services.demand_confirm(
        tracking_code=demand.tracking_code.lower(),
        code=code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),
        client_ip="5.5.5.5",
    )
    assert confirmed.status == S.ROUTED and confirmed.confirmed_at is not None
    assert list(demand_list(user=dw.users["facilitator"])) == [confirmed]


def test_wrong_codes_are_counted_and_then_refused(dw):
    demand = submit(dw)
    code = code_of(demand)
    wrong = "000000" if code != "000000" else "111111"
    for _attempt in range(5):
        with pytest.raises(ValidationError):
            services.demand_confirm(tracking_code=demand.tracking_code, code=wrong, client_ip="5.5.5.5")
    assert PhoneConfirmation.objects.get(demand=demand).attempts == 5
    with pytest.raises(ValidationError) as err:  # even the right code, now
        services.demand_confirm(tracking_code=demand.tracking_code, code=code, client_ip="5.5.5.5")
    assert "code" in err.value.message_dict
    assert Demand.objects.get(pk=demand.pk).status == S.UNCONFIRMED
    # a new code opens it again
    services.demand_resend_code(tracking_code=demand.tracking_code, client_ip="5.5.5.6")
    confirmed = services.demand_confirm(
        tracking_code=demand.tracking_code, code=code_of(demand), client_ip="5.5.5.5"
    )
    assert confirmed.status == S.ROUTED


def test_expired_code_is_refused(dw):
    demand = submit(dw)
    PhoneConfirmation.objects.filter(demand=demand).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError) as err:
        services.demand_confirm(tracking_code=demand.tracking_code, code=code_of(demand), client_ip="5.5.5.5")
    assert "code" in err.value.message_dict
    assert Demand.objects.get(pk=demand.pk).status == S.UNCONFIRMED


def test_unknown_tracking_code_looks_like_a_wrong_code(dw):
    with pytest.raises(ValidationError) as err:
        services.demand_confirm(tracking_code="AAAA-AAAA", code="123456", client_ip="5.5.5.5")
    assert err.value.message_dict["code"] == ["کد تأیید درست نیست."]


def test_rate_limit_per_address(dw):
    for n in range(5):
        submit(dw, ip="7.7.7.7", mobile=f"0912000000{n}")
    with pytest.raises(RateLimited) as err:
        submit(dw, ip="7.7.7.7", mobile="09120000009")
    assert "درخواست" in err.value.message
    assert Demand.objects.count() == 5
    submit(dw, ip="7.7.7.8", mobile="09120000009")  # another address is not affected
    # the address is not stored in clear
    assert not RateLimitHit.objects.filter(key__contains="7.7.7.7").exists()


def test_rate_limit_per_phone(dw):
    for n in range(3):
        submit(dw, ip=f"8.8.8.{n}")
    with pytest.raises(RateLimited):
        submit(dw, ip="8.8.8.200", mobile="+989121234567")
    assert Demand.objects.count() == 3


def test_invalid_submission_writes_nothing(dw):
    with pytest.raises(ValidationError) as err:
        submit(dw, mobile="0212345678")
    assert "citizen_mobile" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        submit(dw, consent=False)
    assert "consent" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        submit(dw, title="\u200c ")
    assert "title" in err.value.message_dict
    assert Demand.objects.count() == 0 and OutboundMessage.objects.count() == 0
