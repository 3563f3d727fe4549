"""The demo's directory: the organizations of the demo's five provinces, by their own names.

Every organization is created through `organizations.services`, so the demo exercises the same
validation as the admin. The result is a `Directory`: organizations by a short key used by the
story modules (``markazi.schools``, ``yazd.office`` …).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from peygir.organizations.models import Organization
from peygir.organizations.services import organization_create, organization_group_set_members
from peygir.territory.models import Territory
from peygir.territory.services import territory_create

Kind = Organization.Kind
PROGRAM_GROUP_NAME = "دستگاه‌های اجرایی عضو برنامه تحول و تعالی حوزه اجتماعی و فرهنگی"


@dataclass
class Directory:
    orgs: dict[str, Organization] = field(default_factory=dict)
    territories: dict[str, Territory] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Organization:
        return self.orgs[key]


def _county(province: Territory, name: str) -> Territory:
    return Territory.objects.get(parent=province, kind=Territory.Kind.COUNTY, name_fa=f"شهرستان {name}")


def _province_core(d: Directory, key: str, code: str, name: str, counties: list[tuple[str, str]]) -> None:
    """Governorate, its social office, and county governorates supervised by the office."""
    province = Territory.objects.get(code=code)
    d.territories[key] = province
    governorate = organization_create(
        name=f"استانداری {name}", kind=Kind.GOVERNORATE, territory=province, short_name="استانداری"
    )
    office = organization_create(
        name=f"دفتر امور اجتماعی و فرهنگی استانداری {name}",
        kind=Kind.SOCIAL_OFFICE,
        territory=province,
        parent=governorate,
        short_name="دفتر امور اجتماعی و فرهنگی",
    )
    d.orgs[f"{key}.governorate"] = governorate
    d.orgs[f"{key}.office"] = office
    for county_key, county_name in counties:
        county = _county(province, county_name)
        d.territories[f"{key}.{county_key}"] = county
        d.orgs[f"{key}.county_gov.{county_key}"] = organization_create(
            name=f"فرمانداری {county_name}",
            kind=Kind.COUNTY_GOVERNORATE,
            territory=county,
            supervisor=office,
        )


def _agency(
    d: Directory,
    key: str,
    name: str,
    *,
    province_key: str,
    county_key: str | None = None,
    kind: str = Kind.AGENCY,
    short_name: str = "",
) -> Organization:
    """An agency supervised by the county governorate when it is a county body, else by the office."""
    if county_key:
        territory = d.territories[f"{province_key}.{county_key}"]
        supervisor = d.orgs[f"{province_key}.county_gov.{county_key}"]
    else:
        territory = d.territories[province_key]
        supervisor = d.orgs[f"{province_key}.office"]
    org = organization_create(
        name=name, kind=kind, territory=territory, supervisor=supervisor, short_name=short_name
    )
    d.orgs[f"{province_key}.{key}"] = org
    return org


def build_directory() -> Directory:
    d = Directory()
    country = Territory.objects.get(code="IR")
    d.orgs["national"] = organization_create(
        name="سازمان امور اجتماعی کشور", kind=Kind.NATIONAL, territory=country, short_name="امور اجتماعی کشور"
    )

    # Markazi (S3): the working group's members, named as in the meeting's minutes.
    _province_core(d, "markazi", "IR-00", "مرکزی", [("arak", "اراک"), ("saveh", "ساوه"), ("khomein", "خمین")])
    m = "markazi"
    _agency(d, "health", "دانشگاه علوم پزشکی استان مرکزی", province_key=m, short_name="علوم پزشکی")
    _agency(d, "schools", "اداره کل نوسازی مدارس استان مرکزی", province_key=m, short_name="نوسازی مدارس")
    _agency(d, "education", "اداره کل آموزش و پرورش استان مرکزی", province_key=m, short_name="آموزش و پرورش")
    _agency(d, "welfare", "اداره کل بهزیستی استان مرکزی", province_key=m, short_name="بهزیستی")
    _agency(d, "culture", "اداره کل فرهنگ و ارشاد اسلامی استان مرکزی", province_key=m, short_name="ارشاد")
    _agency(d, "sports", "اداره کل ورزش و جوانان استان مرکزی", province_key=m, short_name="ورزش و جوانان")
    _agency(d, "municipality", "شهرداری اراک", province_key=m, county_key="arak")
    _agency(
        d, "mpo", "سازمان مدیریت و برنامه‌ریزی استان مرکزی", province_key=m, short_name="مدیریت و برنامه‌ریزی"
    )
    group = organization_create(name=PROGRAM_GROUP_NAME, kind=Kind.GROUP, territory=d.territories[m])
    organization_group_set_members(
        group=group,
        members=[
            d[f"{m}.{k}"] for k in ("education", "health", "welfare", "culture", "sports", "municipality")
        ],
    )
    d.orgs[f"{m}.program_group"] = group

    # Yazd (S1): the office, the planning organization, the municipality, education.
    _province_core(d, "yazd", "IR-21", "یزد", [("yazd", "یزد"), ("ardakan", "اردکان")])
    _agency(d, "mpo", "سازمان مدیریت و برنامه‌ریزی استان یزد", province_key="yazd")
    _agency(d, "education", "اداره کل آموزش و پرورش استان یزد", province_key="yazd")
    _agency(d, "municipality", "شهرداری یزد", province_key="yazd", county_key="yazd")
    _agency(d, "culture", "اداره کل فرهنگ و ارشاد اسلامی استان یزد", province_key="yazd")

    # Khuzestan (S2): facilitation and local development offices in underprivileged areas of Ahvaz.
    _province_core(d, "khuzestan", "IR-06", "خوزستان", [("ahvaz", "اهواز"), ("dezful", "دزفول")])
    ahvaz = d.territories["khuzestan.ahvaz"]
    for key, name in [("zovieh", "زویه"), ("molashieh", "ملاشیه")]:
        neighbourhood = territory_create(
            kind=Territory.Kind.NEIGHBOURHOOD,
            name_fa=f"منطقه {name}",
            code=f"IR-06-demo-{key}",
            parent=ahvaz,
            is_underprivileged=True,
            is_informal_settlement=True,
        )
        d.territories[f"khuzestan.{key}"] = neighbourhood
        d.orgs[f"khuzestan.facilitation.{key}"] = organization_create(
            name=f"دفتر تسهیلگری و توسعه محلی منطقه {name}",
            kind=Kind.FACILITATION_OFFICE,
            territory=neighbourhood,
            supervisor=d["khuzestan.county_gov.ahvaz"],
        )
    _agency(d, "welfare", "اداره کل بهزیستی استان خوزستان", province_key="khuzestan")

    # Kerman (S4): county deputies, NGOs supervised by their county governorate.
    _province_core(d, "kerman", "IR-08", "کرمان", [("kerman", "کرمان"), ("rafsanjan", "رفسنجان")])
    _agency(
        d,
        "facilitation",
        "دفتر تسهیلگری و توسعه محلی شهر کرمان",
        province_key="kerman",
        county_key="kerman",
        kind=Kind.FACILITATION_OFFICE,
    )
    _agency(
        d,
        "ngo",
        "انجمن حمایت از کودکان و نوجوانان کرمان (سمن)",
        province_key="kerman",
        county_key="kerman",
        kind=Kind.NGO,
    )

    # Alborz (S5): the social headquarters and the bodies running projects in the same neighbourhoods.
    _province_core(d, "alborz", "IR-30", "البرز", [("karaj", "کرج")])
    _agency(d, "regeneration", "ستاد بازآفرینی شهری استان البرز", province_key="alborz")
    _agency(d, "welfare", "اداره کل بهزیستی استان البرز", province_key="alborz")
    return d
