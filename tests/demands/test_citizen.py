"""The public status page: tracking code + last four digits, nothing personal, rate-limited."""

import dataclasses

import pytest

from peygir.demands import services
from peygir.demands.citizen import PublicStatus
from peygir.demands.ratelimit import RateLimited


def test_status_page_shows_progress_and_nothing_personal(dw, world):
    demand = dw.intake(citizen_name="زهرا احمدی", citizen_mobile="09121234567")
    services.demand_set_public_note(user=dw.users["facilitator"], demand=demand, text="بازدید هفته آینده")
    status = services.demand_public_status(
        tracking_code=demand.tracking_code.replace("-", " ").lower(), mobile_last4="۴۵۶۷", client_ip="2.2.2.2"
    )
    assert isinstance(status, PublicStatus)
    assert status.agency_name == world.agency.name
    assert status.category_name == dw.categories["education"].name
    assert status.neighbourhood_name == dw.neighbourhood.name_fa
    assert status.expected_on == demand.expected_on
    assert status.public_note == "بازدید هفته آینده"
    assert [e.text for e in status.events][-1] == "بازدید هفته آینده"
    names = {f.name for f in dataclasses.fields(PublicStatus)}
    assert not names & {"citizen_name", "citizen_mobile", "mobile_last4", "name", "mobile"}
    text = repr(status)
    assert "زهرا" not in text and "09121234567" not in text and "+98912" not in text


def test_wrong_code_and_wrong_digits_look_the_same(dw):
    demand = dw.intake()
    wrong_digits = services.demand_public_status(
        tracking_code=demand.tracking_code, mobile_last4="0000", client_ip="3.3.3.3"
    )
    wrong_code = services.demand_public_status(
        tracking_code="XXXX-XXXX", mobile_last4="4567", client_ip="3.3.3.3"
    )
    garbage = services.demand_public_status(tracking_code="'; drop", mobile_last4="", client_ip="3.3.3.3")
    assert wrong_digits is None and wrong_code is None and garbage is None


def test_lookups_are_rate_limited_per_address(dw):
    demand = dw.intake()
    for n in range(20):
        services.demand_public_status(
            tracking_code=f"AAAA-AA{n:02d}", mobile_last4="1234", client_ip="4.4.4.4"
        )
    with pytest.raises(RateLimited):  # even with the right key, this address has asked too often
        services.demand_public_status(
            tracking_code=demand.tracking_code, mobile_last4="4567", client_ip="4.4.4.4"
        )
    assert (
        services.demand_public_status(
            tracking_code=demand.tracking_code, mobile_last4="4567", client_ip="4.4.4.5"
        )
        is not None
    )


def test_guessing_the_digits_of_one_code_is_limited_from_many_addresses(dw):
    demand = dw.intake()
    for n in range(10):
        services.demand_public_status(
            tracking_code=demand.tracking_code, mobile_last4=f"{n:04d}", client_ip=f"9.9.9.{n}"
        )
    with pytest.raises(RateLimited):
        services.demand_public_status(
            tracking_code=demand.tracking_code, mobile_last4="4567", client_ip="9.9.9.99"
        )


def test_demand_without_mobile_has_no_status_page(dw):
    demand = dw.intake(citizen_name="", citizen_mobile="", consent=False)
    assert demand.mobile_last4 == ""
    assert (
        services.demand_public_status(
            tracking_code=demand.tracking_code, mobile_last4="", client_ip="6.6.6.6"
        )
        is None
    )
