"""Coordination pages the benchmark measures (issue 13 §2): the coordination view (with and without a
county chosen), the office's review and decisions, the API lists — as the office staff of the
province holding the busiest county — and the entry-time check (p95 < 300 ms) as it is really
called: the htmx panel of a direct instruction while it is typed, and the API for agencies' systems."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from peygir.administration.web.pages import DIRECTIVE_CHECK
from peygir.organizations.models import Organization
from peygir.search.models import SearchEntry
from peygir.territory.models import Territory
from peygir.territory.selectors import province_path

from . import vocab
from .people import province_staff
from .report import CHECK_GROUP

GROUP = "coordination"
# A direct instruction worded as the generator's demands are (vocab.py, demands_gen.py): the office
# tells the county's governorate to see to what the neighbourhoods ask, so the check meets other
# bodies' similar work and runs its whole path (scoring, the candidates' visibility, the panel).
DIRECTIVE_TITLE = f"{vocab.DEMAND_TITLES[4].format(x='روشنایی معابر')} محلات"
DIRECTIVE_BODY = f"اهالی درخواست روشنایی معابر دارند؛ نزدیک {vocab.PLACES[1]}."
DEADLINE = "ظرف یک ماه"


def busiest_counties(count: int) -> list[int]:
    """The counties with the most work records (where the recent pass compares the most), ties by id."""
    rows = (
        SearchEntry.objects.filter(is_work=True, county__isnull=False, organization__isnull=False)
        .values("county_id")
        .annotate(n=Count("id"))
        .order_by("-n", "county_id")[:count]
    )
    return [row["county_id"] for row in rows]


def coordination_targets(target_class: type) -> list:
    counties = busiest_counties(1)
    if not counties:
        return []
    county = Territory.objects.only("pk", "path").get(pk=counties[0])
    staff = province_staff(province_path(county.path))
    if staff is None:
        return []
    user = staff.user_id
    view = reverse("web:coordination_view")
    targets = [
        target_class("coordination: view (province staff)", view, user, group=GROUP),
        target_class(
            "coordination: view, busiest county",
            f"{view}?{urlencode({'county': county.pk})}",
            user,
            group=GROUP,
        ),
        target_class("coordination: review (office)", reverse("web:coordination_review"), user, group=GROUP),
        target_class("coordination: decisions", reverse("web:coordination_decisions"), user, group=GROUP),
        target_class(
            "API coordination candidates",
            reverse("api:coordination-candidate-list"),
            user,
            api=True,
            group=GROUP,
        ),
        target_class(
            "API coordination decisions",
            reverse("api:coordination-decision-list"),
            user,
            api=True,
            group=GROUP,
        ),
    ]
    return targets + check_targets(target_class, user, staff.organization, county)


def _county_governorate(county: Territory) -> int | None:
    """Whom the office's instruction about a county names: its governorate (فرمانداری)."""
    return (
        Organization.objects.filter(
            kind=Organization.Kind.COUNTY_GOVERNORATE, territory=county, is_active=True
        )
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )


def directive_form(issuer: Organization, responsible: int | None, territory_id: int) -> dict[str, str]:
    """What the panel's GET carries while a direct instruction is typed: the whole form
    (`hx-include="closest form"`) and the tag's `hx-vals` (coordination_tags.coordination_check)."""
    values = {"kind": DIRECTIVE_CHECK.kind, **DIRECTIVE_CHECK.vals(), "territory": str(territory_id)}
    values.update(issuer=str(issuer.pk), title=DIRECTIVE_TITLE, description=DIRECTIVE_BODY, deadline=DEADLINE)
    if responsible is not None:
        values["responsible"] = str(responsible)
    return values


def check_targets(target_class: type, user: int, office: Organization, county: Territory) -> list:
    """The panel as the office's form sends it (the issuer's territory: the province) and for the
    busiest county (what a county's instruction sends), and the API with the county."""
    check = reverse("web:coordination_check")
    responsible = _county_governorate(county)
    as_sent = directive_form(office, responsible, office.territory_id)
    in_county = directive_form(office, responsible, county.pk)
    api = {"title": DIRECTIVE_TITLE, "body": DIRECTIVE_BODY, "territory": county.pk}
    if responsible is not None:
        api["organization"] = responsible
    return [
        target_class(
            "coordination check: directive (province)",
            f"{check}?{urlencode(as_sent)}",
            user,
            group=CHECK_GROUP,
        ),
        target_class(
            "coordination check: directive, busiest county",
            f"{check}?{urlencode(in_county)}",
            user,
            group=CHECK_GROUP,
        ),
        target_class(
            "API coordination check, busiest county",
            f"{reverse('api:coordination-check-list')}?{urlencode(api)}",
            user,
            api=True,
            group=CHECK_GROUP,
        ),
    ]
