"""What the benchmark measures: the key pages and endpoints, chosen from the data as the worst cases.

The biggest agency (most actions) for the inbox, the office staff of its province for the start page
and the organization record, the committee with the most meetings, and the meeting with the most
resolutions (the minutes PDF). Demand pages are those peygir/demands/web/urls.py mounts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.urls import NoReverseMatch, URLPattern, reverse

from peygir.actions.models import Action
from peygir.committees.models import Committee, Meeting
from peygir.demands.models import Demand
from peygir.demands.web import urls as urls_demands
from peygir.organizations.models import Membership, Organization
from peygir.territory.selectors import province_path

from .coordination_targets import coordination_targets
from .evaluation_targets import evaluation_targets
from .inspections_targets import inspection_targets
from .people import province_staff
from .search_targets import search_targets


@dataclass
class Target:
    name: str
    url: str
    user_id: int
    api: bool = False
    # False: the cache is cleared before every request, so the time is the page's own work (the first
    # visit after any write). True: served warm — what the whole-page cache gives a repeated visit.
    cached: bool = False
    repeats: int | None = None  # None: the run's default
    group: str = "page"
    note: str = ""
    # Run before each request, untimed: what happened since the last read (a write somewhere).
    before: Callable[[], None] | None = None


@dataclass
class Subjects:
    agency: Organization
    liaison_id: int
    staff_id: int
    committee: Committee
    meeting: Meeting
    meeting_staff_id: int
    notes: dict[str, Any] = field(default_factory=dict)


def pick_subjects() -> Subjects:
    """The worst cases the data holds, picked deterministically (ties by id)."""
    top = (
        Action.objects.filter(responsible_organization__kind=Organization.Kind.AGENCY)
        .values("responsible_organization_id")
        .annotate(n=Count("id"))
        .order_by("-n", "responsible_organization_id")
        .first()
    )
    agency = Organization.objects.select_related("territory").get(pk=top["responsible_organization_id"])
    liaison = (
        Membership.objects.filter(organization=agency, role=Membership.Role.LIAISON).order_by("id").first()
    )
    province = province_path(agency.territory.path)
    staff = province_staff(province)
    committee = (
        Committee.objects.filter(territory__path__startswith=province)
        .annotate(n=Count("meetings"))
        .order_by("-n", "id")
        .first()
    )
    meeting = Meeting.objects.annotate(n=Count("resolutions")).order_by("-n", "-starts_at", "id").first()
    return Subjects(
        meeting_staff_id=province_staff(province_path(meeting.committee.territory.path)).user_id,
        agency=agency,
        liaison_id=liaison.user_id,
        staff_id=staff.user_id,
        committee=committee,
        meeting=meeting,
        notes={
            "agency": agency.name,
            "agency_actions": top["n"],
            "committee_meetings": committee.n,
            "meeting_resolutions": meeting.n,
            "province_path": province,
        },
    )


def key_targets(subjects: Subjects, *, pdf_repeats: int = 5) -> list[Target]:
    s = subjects
    agency, liaison, staff = s.agency.pk, s.liaison_id, s.staff_id
    inbox = reverse("web:inbox")
    api_actions = reverse("api:action-list")
    targets = [
        Target("inbox (agency liaison)", inbox, liaison),
        Target("inbox ?state=overdue", f"{inbox}?state=overdue", liaison),
        Target("inbox ?status=in_progress&sort=-deadline", f"{inbox}?status=in_progress", liaison),
        Target("inbox ?q= (search)", f"{inbox}?q=%DA%AF%D8%B2%D8%A7%D8%B1%D8%B4", liaison),
        Target("inbox page 5", f"{inbox}?page=5", liaison),
        Target("inbox (province staff)", inbox, staff),
        Target("inbox (province staff, agency filter)", f"{inbox}?org={agency}", staff),
        Target("inbox (agency liaison, page cache hit)", inbox, liaison, cached=True),
        Target("start page (province staff)", reverse("web:home"), staff),
        Target("start page (province staff, page cache hit)", reverse("web:home"), staff, cached=True),
        Target("start page (agency liaison)", reverse("web:home"), liaison),
        Target("committee page", reverse("web:committee_detail", args=[s.committee.pk]), staff),
        Target("meeting page", reverse("web:meeting_detail", args=[s.meeting.pk]), s.meeting_staff_id),
        Target("organization record", reverse("web:organization_detail", args=[agency]), staff),
        Target("API actions list (liaison)", api_actions, liaison, api=True, group="api"),
        Target(
            "API actions list (staff, overdue)", f"{api_actions}?state=overdue", staff, api=True, group="api"
        ),
        Target(
            "minutes PDF",
            reverse("web:meeting_minutes_pdf", args=[s.meeting.pk]),
            s.meeting_staff_id,
            repeats=pdf_repeats,
            group="pdf",
        ),
    ]
    path = s.notes.get("province_path", "/")
    targets += evaluation_targets(staff, path)  # issue 12
    targets += inspection_targets(Target)  # peygir/bench/inspections_targets.py
    targets += search_targets(Target, staff, liaison, path)  # issue 13: peygir/bench/search_targets.py
    targets += coordination_targets(Target)  # issue 13: peygir/bench/coordination_targets.py
    return targets + demand_targets(staff, path) + grant_targets(staff, path)


def demand_targets(staff_id: int, province_path: str = "/") -> list[Target]:
    """Every page peygir/demands/web/urls.py mounts that takes no argument or a demand's pk (empty → none).

    Whatever the pages are named, each is measured as the province's office staff sees it. A page that
    does not answer 200 is reported, not hidden.
    """
    demand = (
        Demand.objects.filter(neighbourhood__path__startswith=province_path, agency__isnull=False)
        .order_by("-id")
        .only("id")
        .first()
    )
    found = []
    for pattern in urls_demands.urlpatterns:
        if not isinstance(pattern, URLPattern) or not pattern.name:
            continue
        converters = list(pattern.pattern.converters)
        if not converters:
            args: list | None = []
        elif converters == ["pk"] and demand is not None and pattern.name.endswith("detail"):
            args = [demand.pk]
        else:
            args = None
        if args is None:
            continue
        try:
            url = reverse(f"web:{pattern.name}", args=args)
        except NoReverseMatch:
            continue
        if pattern.name.endswith("_xlsx"):
            # An Excel export of the whole list (up to core.xlsx.EXPORT_MAX_ROWS rows) is a download,
            # not a page: its own group and limit, and three requests, not twenty.
            found.append(Target(f"demands: {pattern.name}", url, staff_id, group="export", repeats=3))
        else:
            found.append(Target(f"demands: {pattern.name}", url, staff_id, group="demands"))
    return found


def grant_targets(staff_id: int, province_path: str = "/") -> list[Target]:
    """NGO grants (issue 10), as the province's office staff (the call's manager) sees them: the call
    with the most proposals, its review board and allocation view (its biggest county), the project
    with the most milestones, and the decision page of a pending proposal (it runs the double-funding
    guard), and the NGO portal as the representative of the province's NGO with the most projects sees
    it."""
    from peygir.grants.models import Envelope, Project, Proposal

    busiest = (
        Proposal.objects.filter(call__territory_path=province_path)
        .values("call_id")
        .annotate(n=Count("id"))
        .order_by("-n", "call_id")
        .first()
    )
    if busiest is None:
        return []
    call = busiest["call_id"]
    county = (
        Envelope.objects.filter(call_id=call)
        .order_by("-amount_rials", "id")
        .values_list("county_id", flat=True)
        .first()
    )
    found = [
        Target("grants: call list", reverse("web:grant_call_list"), staff_id, group="grants"),
        Target("grants: call page", reverse("web:grant_call_detail", args=[call]), staff_id, group="grants"),
        Target(
            "grants: review board", reverse("web:grant_review_board", args=[call]), staff_id, group="grants"
        ),
        Target(
            "grants: allocation view",
            reverse("web:grant_allocation", args=[call]) + f"?county={county}",
            staff_id,
            group="grants",
        ),
    ]
    project = (
        Project.objects.filter(call__territory_path=province_path).order_by("-amount_rials", "id").first()
    )
    if project is not None:
        found.append(
            Target(
                "grants: project page",
                reverse("web:grant_project_detail", args=[project.pk]),
                staff_id,
                group="grants",
            )
        )
    representative = (
        Membership.objects.filter(
            role=Membership.Role.NGO_REP,
            is_active=True,
            organization__territory__path__startswith=province_path,
        )
        .order_by("id")
        .values_list("user_id", flat=True)
        .first()
    )
    if representative is not None:
        found.append(
            Target("grants: NGO portal", reverse("web:grant_ngo_portal"), representative, group="grants")
        )
    pending = (
        Proposal.objects.filter(call__territory_path=province_path, status__in=Proposal.PENDING)
        .order_by("-id")
        .first()
    )
    if pending is not None:
        found.append(
            Target(
                "grants: decision page (guard)",
                reverse("web:grant_proposal_detail", args=[pending.pk]),
                staff_id,
                group="grants",
                note="< 300 ms: the double-funding guard runs on this page",
            )
        )
    return found
