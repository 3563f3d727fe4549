"""Offices: who may open one, validation, and who sees it (per persona)."""

import datetime as dt

import pytest
from django.http import Http404

from peygir.core.errors import NotAllowed, ValidationError
from peygir.demands import offices as demand_offices
from peygir.facilitation import selectors
from peygir.facilitation.models import FacilitationOffice
from peygir.facilitation.services import office_create, office_update
from peygir.organizations.access import forget_scope
from peygir.organizations.models import Organization

from .helpers import neighbourhood

pytestmark = pytest.mark.django_db


def test_office_create_makes_an_organization_with_its_office(offices):
    office = offices.office
    assert office.organization.kind == Organization.Kind.FACILITATION_OFFICE
    assert set(office.neighbourhoods.all()) == {offices.zovieh, offices.molashieh}
    assert office.budget_rials == 2_000_000_000 and office.is_pilot and office.operator == offices.ngo


@pytest.mark.parametrize("persona", ["liaison", "inspector", "national", "foreign_staff", "nobody"])
def test_only_territorial_managers_open_offices(world, persona):
    before = Organization.objects.count()
    with pytest.raises(NotAllowed):
        office_create(user=world.users[persona], name="دفتر تازه", territory=world.county)
    assert Organization.objects.count() == before


def test_office_create_validates_and_writes_nothing_on_error(world, offices):
    before = (Organization.objects.count(), FacilitationOffice.objects.count())
    foreign_hood = neighbourhood(world.other_province, "محله دور")
    with pytest.raises(ValidationError) as exc:
        office_create(
            user=world.users["office_staff"],
            name="دفتر تازه",
            territory=world.county,
            neighbourhoods=[foreign_hood],
        )
    assert "neighbourhoods" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        office_create(
            user=world.users["office_staff"], name="دفتر تازه", territory=world.county, budget_rials=-1
        )
    assert "budget_rials" in exc.value.error_dict
    with pytest.raises(ValidationError):
        office_create(user=world.users["office_staff"], name="  ", territory=world.county)
    assert (Organization.objects.count(), FacilitationOffice.objects.count()) == before


def test_office_update_changes_budget(world, offices):
    office_update(user=world.users["county_deputy"], office=offices.office, budget_rials=3_000_000_000)
    offices.office.refresh_from_db()
    assert offices.office.budget_rials == 3_000_000_000
    with pytest.raises(NotAllowed):
        office_update(user=offices.users["facilitator"], office=offices.office, budget_rials=1)


VISIBILITY = {
    # persona: (sees office, sees other_office)
    "facilitator": (True, False),
    "other_facilitator": (False, True),
    "office_staff": (True, True),
    "office_head": (True, True),
    "governor": (True, True),
    "county_deputy": (True, True),
    "inspector": (True, True),
    "national": (True, True),
    "liaison": (False, False),
    "foreign_staff": (False, False),
    "nobody": (False, False),
}


@pytest.mark.parametrize(("persona", "expected"), VISIBILITY.items())
def test_office_visibility_per_persona(world, offices, persona, expected):
    user = offices.users.get(persona) or world.users[persona]
    forget_scope(user)
    listed = set(demand_offices.office_list(user=user))
    assert (offices.office in listed, offices.other_office in listed) == expected
    for office, visible in zip((offices.office, offices.other_office), expected, strict=True):
        if visible:
            assert selectors.office_detail(user=user, pk=office.pk) == office
        else:
            with pytest.raises(Http404):
                selectors.office_detail(user=user, pk=office.pk)


def test_existing_organization_becomes_an_office(world):
    org = Organization.objects.create(
        name="دفتر تسهیلگری ملاشیه", kind=Organization.Kind.FACILITATION_OFFICE, territory=world.county
    )
    office = office_create(user=world.users["office_staff"], organization=org, opened_on=dt.date(2018, 7, 15))
    assert office.organization == org
    with pytest.raises(ValidationError):
        office_create(user=world.users["office_staff"], organization=org)
