"""Shared fixtures: a small province with one user per persona (DESIGN §2)."""

from dataclasses import dataclass, field

import pytest
from django.conf import settings as django_settings

from peygir.organizations.models import Membership, Organization
from peygir.territory.models import Territory

from .factories import MembershipFactory, OrganizationFactory, UserFactory, make_territory

# Tests run inside transactions that never commit: the data version must move at each write, not at
# commit (peygir/core/dataversion.py), for pages cached before a write to be refreshed after it.
django_settings.PEYGIR_DATA_VERSION_AT_COMMIT = False

Role = Membership.Role
Kind = Organization.Kind


@dataclass
class World:
    country: Territory
    province: Territory
    county: Territory
    other_province: Territory
    governorate: Organization
    office: Organization
    county_gov: Organization
    agency: Organization
    other_agency: Organization
    foreign_office: Organization
    users: dict[str, object] = field(default_factory=dict)


PERSONAS = [
    "office_staff",  # expert of the provincial office (secretariat)
    "office_head",  # DG of the office
    "governor",
    "county_deputy",
    "liaison",  # of `agency`
    "agency_head",
    "other_liaison",  # of `other_agency`
    "inspector",
    "national",
    "foreign_staff",  # office staff of another province
    "nobody",  # signed in, no membership
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The default hasher costs ~0.5 s per user; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: ids and data versions repeat between tests (rollbacks)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db) -> World:
    country = make_territory("country", name="ایران")
    province = make_territory("province", country, "مرکزی")
    county = make_territory("county", province, "شهرستان اراک")
    other_province = make_territory("province", country, "یزد")
    governorate = OrganizationFactory(name="استانداری مرکزی", kind=Kind.GOVERNORATE, territory=province)
    office = OrganizationFactory(
        name="دفتر امور اجتماعی و فرهنگی استانداری مرکزی",
        kind=Kind.SOCIAL_OFFICE,
        territory=province,
        parent=governorate,
    )
    county_gov = OrganizationFactory(
        name="فرمانداری اراک", kind=Kind.COUNTY_GOVERNORATE, territory=county, supervisor=office
    )
    agency = OrganizationFactory(
        name="اداره کل نوسازی مدارس استان مرکزی", kind=Kind.AGENCY, territory=province, supervisor=office
    )
    other_agency = OrganizationFactory(
        name="دانشگاه علوم پزشکی اراک", kind=Kind.AGENCY, territory=province, supervisor=office
    )
    foreign_office = OrganizationFactory(
        name="دفتر امور اجتماعی و فرهنگی استانداری یزد", kind=Kind.SOCIAL_OFFICE, territory=other_province
    )
    national_org = OrganizationFactory(name="سازمان امور اجتماعی کشور", kind=Kind.NATIONAL, territory=country)
    w = World(
        country,
        province,
        county,
        other_province,
        governorate,
        office,
        county_gov,
        agency,
        other_agency,
        foreign_office,
    )
    placements = {
        "office_staff": (office, Role.OFFICE_STAFF),
        "office_head": (office, Role.HEAD),
        "governor": (governorate, Role.GOVERNOR),
        "county_deputy": (county_gov, Role.COUNTY_DEPUTY),
        "liaison": (agency, Role.LIAISON),
        "agency_head": (agency, Role.HEAD),
        "other_liaison": (other_agency, Role.LIAISON),
        "inspector": (governorate, Role.INSPECTOR),
        "national": (national_org, Role.NATIONAL),
        "foreign_staff": (foreign_office, Role.OFFICE_STAFF),
    }
    for persona, (org, role) in placements.items():
        w.users[persona] = MembershipFactory(
            user=UserFactory(username=persona), organization=org, role=role
        ).user
    w.users["nobody"] = UserFactory(username="nobody")
    return w
