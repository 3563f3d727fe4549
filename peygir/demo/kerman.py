"""Kerman (S4.1): the province's ten facilitation offices and their 2-billion-toman budget.

What is known of the plan: the number of offices (ten, the most among the pilot provinces), the budget
(2 billion tomans for setting them up), that the plan («طرح نجات») ran in one or two areas of Kerman
city before and will reach more neighbourhoods, and that NGOs are the offices' mainstay. It names no
neighbourhood and no split, so the demo places six offices in Kerman city and four in other counties,
splits the budget evenly (200 million tomans each: 20,000,000,000 rials in total) and lets the
province's NGO run the city offices. Neighbourhood names are well-known areas of those cities.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from peygir.facilitation import services as facilitation
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations.models import Organization
from peygir.organizations.services import organization_create
from peygir.territory.models import Territory
from peygir.territory.services import territory_create

from .organizations import Directory, _county

Kind = Organization.Kind
TOTAL_BUDGET_RIALS = 20_000_000_000  # ۲ میلیارد تومان
OFFICE_COUNT = 10

# (key, neighbourhood, county's name or None for Kerman city); the first is the directory's
# «دفتر تسهیلگری و توسعه محلی شهر کرمان», where the plan started.
OFFICES: list[tuple[str, str, str | None]] = [
    ("kerman_city", "شهرک الغدیر", None),
    ("sarasiab", "سرآسیاب", None),
    ("shahrak_sanati", "شهرک صنعتی", None),
    ("khajoo", "خواجو", None),
    ("akbarieh", "اکبریه", None),
    ("motahari", "شهرک شهید مطهری", None),
    ("rafsanjan", "شهرک ولیعصر", "رفسنجان"),
    ("sirjan", "نجف‌شهر", "سیرجان"),
    ("jiroft", "اسلام‌آباد", "جیرفت"),
    ("bam", "بروات", "بم"),
]


def extend_directory(d: Directory) -> None:
    """Neighbourhoods and the nine new office organizations, before the logins exist."""
    province = d.territories["kerman"]
    for key, name, county_name in OFFICES:
        county = d.territories["kerman.kerman"] if county_name is None else _county(province, county_name)
        hood = territory_create(
            kind=Territory.Kind.NEIGHBOURHOOD,
            name_fa=f"محله {name}",
            code=f"IR-08-demo-{key}",
            parent=county,
            is_underprivileged=True,
            is_informal_settlement=key in ("shahrak_sanati", "motahari", "sirjan"),
        )
        d.territories[f"kerman.{key}"] = hood
        if key == "kerman_city":
            d.orgs["kerman.facilitation.kerman_city"] = d["kerman.facilitation"]
            continue
        # The county governorate supervises where the directory has one, else the provincial office.
        county_key = {None: "kerman", "رفسنجان": "rafsanjan"}.get(county_name)
        supervisor = d.orgs.get(f"kerman.county_gov.{county_key}") or d["kerman.office"]
        d.orgs[f"kerman.facilitation.{key}"] = organization_create(
            name=f"دفتر تسهیلگری و توسعه محلی {hood.name_fa}"
            + ("" if county_name is None else f" {county_name}"),
            kind=Kind.FACILITATION_OFFICE,
            territory=hood,
            supervisor=supervisor,
        )


def setup(d: Directory, cast: dict[str, Any]) -> dict[str, FacilitationOffice]:
    """The ten offices, opened by the provincial office's expert, each with a tenth of the budget."""
    staff = cast["office_kerman"]
    share = TOTAL_BUDGET_RIALS // OFFICE_COUNT
    offices = {}
    for number, (key, _name, county_name) in enumerate(OFFICES):
        offices[key] = facilitation.office_create(
            # Opened one after another over the year (from 1 Mehr 1403), as the province rolled them out.
            opened_on=dt.date(2024, 9, 22) + dt.timedelta(days=30 * number),
            user=staff,
            organization=d[f"kerman.facilitation.{key}"],
            neighbourhoods=[d.territories[f"kerman.{key}"]],
            budget_rials=share,
            operator=d["kerman.ngo"] if county_name is None else None,
        )
    return offices
