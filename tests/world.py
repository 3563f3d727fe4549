"""The shared `world` (DESIGN §2): a small province with one user per persona and one object of each
main kind, so that every page and API operation has something to address.

The territories, the province's organizations and the base personas are built at once (the `world`
fixture of tests/conftest.py). Everything else — the facilitation offices and their personas, the
committee and its meeting, the actions, the demand, the households … — is built the first time a test
touches it (a cached attribute), so tests that bring their own offices or demands are not disturbed.
`world.populate()` builds it all (the persona matrix, tests/access/).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils import timezone

from peygir.committees.models import Meeting
from peygir.organizations.models import Membership, Organization
from peygir.territory.models import Territory

from . import factories as f
from .actions.factories import ExtensionRequestFactory, ObstacleFactory
from .committees.factories import AgendaItemOpinionFactory
from .evaluation.factories import WeightSetFactory
from .notifications.factories import PreferenceFactory
from .personas import BASE_PERSONAS
from .programs.factories import PolicyDocumentFactory

Role = Membership.Role
Kind = Organization.Kind

CITIZEN_MOBILE = "+989121234567"


class PersonaUsers(dict):
    """`world.users[persona]`: the base personas are there from the start; the facilitation office's
    personas are built on first use."""

    def __init__(self, world: World) -> None:
        super().__init__()
        self._world = world

    def __missing__(self, persona: str) -> Any:
        lazy = {
            "facilitator": lambda w: w._member(w.facilitation_office.organization, Role.FACILITATOR, persona),
            "other_facilitator": lambda w: w._member(
                w.other_facilitation_office.organization, Role.FACILITATOR, persona
            ),
            "ngo": lambda w: w._member(w.ngo, Role.NGO_REP, persona),
        }
        if persona not in lazy:
            raise KeyError(persona)
        self[persona] = user = lazy[persona](self._world)
        return user


@dataclass(eq=False)
class World:
    country: Territory
    province: Territory
    county: Territory
    other_province: Territory
    governorate: Organization
    office: Organization  # the provincial Office of Social and Cultural Affairs
    county_gov: Organization
    agency: Organization
    other_agency: Organization
    foreign_office: Organization
    national_org: Organization | None = None
    users: dict[str, Any] = field(default_factory=dict)

    # ------------------------------------------------------------ places and organizations

    @cached_property
    def city(self) -> Territory:
        return f.make_territory("city", self.county, "اراک")

    @cached_property
    def neighbourhood(self) -> Territory:
        hood = f.make_territory("neighbourhood", self.city, "محله شهید بهشتی")
        Territory.objects.filter(pk=hood.pk).update(is_underprivileged=True)
        hood.is_underprivileged = True
        return hood

    @cached_property
    def other_neighbourhood(self) -> Territory:
        return f.make_territory("neighbourhood", self.city, "محله کرهرود")

    @cached_property
    def foreign_neighbourhood(self) -> Territory:
        city = f.make_territory("city", self.other_province, "یزد")
        return f.make_territory("neighbourhood", city, "محله فهادان")

    @cached_property
    def ngo(self) -> Organization:
        return f.OrganizationFactory(name="انجمن توسعه محلی مهر اراک", kind=Kind.NGO, territory=self.county)

    @cached_property
    def council_body(self) -> Organization:
        return f.OrganizationFactory(
            name="شورای اسلامی شهر اراک", kind=Kind.COUNCIL_BODY, territory=self.county
        )

    @cached_property
    def group(self) -> Organization:
        group = f.OrganizationFactory(
            name="دستگاه‌های اجرایی عضو برنامه تحول و تعالی", kind=Kind.GROUP, territory=self.province
        )
        group.members_of_group.set([self.agency, self.other_agency])
        return group

    def _office(self, name: str, hood: Territory, **extra: Any) -> Any:
        org = f.OrganizationFactory(
            name=name, kind=Kind.FACILITATION_OFFICE, territory=self.city, supervisor=self.county_gov
        )
        return f.FacilitationOfficeFactory(organization=org, neighbourhoods=[hood], **extra)

    @cached_property
    def facilitation_office(self) -> Any:
        return self._office("دفتر تسهیلگری و توسعه محلی شهید بهشتی", self.neighbourhood, operator=self.ngo)

    @cached_property
    def other_facilitation_office(self) -> Any:
        return self._office("دفتر تسهیلگری و توسعه محلی کرهرود", self.other_neighbourhood, is_pilot=False)

    def _member(self, organization: Organization, role: str, username: str) -> Any:
        return f.MembershipFactory(
            user=f.UserFactory(username=username), organization=organization, role=role
        ).user

    # ------------------------------------------------------------ committees and actions

    @cached_property
    def committee(self) -> Any:
        committee = f.CommitteeFactory(
            name="کارگروه اجتماعی، فرهنگی، سلامت، زنان و خانواده",
            secretariat=self.office,
            territory=self.province,
        )
        f.CommitteeMemberFactory(committee=committee, organization=self.governorate, position="chair")
        f.CommitteeMemberFactory(committee=committee, organization=self.agency)
        return committee

    @cached_property
    def meeting(self) -> Any:
        meeting = f.MeetingFactory(
            committee=self.committee,
            number=1,
            title="جلسه کارگروه",
            place="سالن جلسات استانداری",
            starts_at=timezone.now() - dt.timedelta(days=7),
            created_by=self.users["office_staff"],
        )
        item = f.AgendaItemFactory(meeting=meeting, order=1, title="وضعیت بهداشتی مدارس کانکسی")
        f.AttendanceFactory(meeting=meeting, organization=self.agency, person_name="علی رضایی")
        f.DiscussionNoteFactory(agenda_item=item)
        self.__dict__["agenda_item"] = item
        return meeting

    @cached_property
    def agenda_item(self) -> Any:
        self.meeting  # noqa: B018 - builds it
        return self.__dict__["agenda_item"]

    @cached_property
    def approved_meeting(self) -> Any:
        """The committee's earlier meeting, its minutes approved and then amended once."""
        meeting = f.MeetingFactory(
            committee=self.committee,
            number=2,
            status="approved",
            approved_at=timezone.now() - dt.timedelta(days=20),
            approved_by=self.users["office_staff"],
            starts_at=timezone.now() - dt.timedelta(days=40),
        )
        f.MinutesAmendmentFactory(meeting=meeting, author=self.users["office_staff"])
        return meeting

    @cached_property
    def resolution(self) -> Any:
        # Its meeting's resolutions are dispatched (the row has an action): no draft.
        Meeting.objects.filter(pk=self.meeting.pk).update(dispatched_at=timezone.now())
        self.meeting.dispatched_at = timezone.now()
        return f.ResolutionFactory(
            meeting=self.meeting,
            agenda_item=self.agenda_item,
            number=1,
            text="رفع نواقص بهداشتی مدارس کانکسی تا پایان مهلت",
            deadline_text="یک ماه",
            responsible_text="اداره کل نوسازی مدارس",
        )

    def _action(self, title: str, **extra: Any) -> Any:
        return f.ActionFactory(
            title=title,
            responsible_organization=self.agency,
            issuer_organization=self.office,
            territory=self.province,
            created_by=self.users["office_staff"],
            **extra,
        )

    @cached_property
    def resolution_action(self) -> Any:
        return self._action(
            "رفع نواقص بهداشتی مدارس کانکسی", source_kind="resolution", resolution=self.resolution
        )

    @cached_property
    def action(self) -> Any:
        """A directive of the office to `agency`, with a progress report and its evidence file."""
        action = self._action("گزارش وضعیت مدارس کانکسی استان", status="in_progress", progress=40)
        update = f.ActionUpdateFactory(action=action, author=self.users["liaison"], organization=self.agency)
        self.__dict__["evidence"] = f.EvidenceFactory(update=update)
        f.ActionEventFactory(action=action, actor=self.users["liaison"], kind="progress", data={})
        f.EscalationStepFactory(action=action)
        return action

    @cached_property
    def evidence(self) -> Any:
        self.action  # noqa: B018 - builds it
        return self.__dict__["evidence"]

    @cached_property
    def notification(self) -> Any:
        note = f.NotificationFactory(recipient=self.users["liaison"], action=self.action)
        f.OutboundMessageFactory(notification=note, to="liaison@example.org", channel="email")
        return note

    # ------------------------------------------------------------ citizens' demands

    @cached_property
    def categories(self) -> dict[str, Any]:
        education = f.DemandCategoryFactory(
            name="آموزش و پرورش", code="world-education", service_level_days=20
        )
        return {
            "education": education,
            "school": f.DemandCategoryFactory(name="ساختمان مدرسه", code="world-school", parent=education),
            "health": f.DemandCategoryFactory(name="بهداشت و درمان", code="world-health"),
        }

    @cached_property
    def routing_rule(self) -> Any:
        return f.RoutingRuleFactory(
            category=self.categories["education"], territory=self.province, agency=self.agency
        )

    @cached_property
    def nationwide_rule(self) -> Any:
        """A rule without territory (applies everywhere): the national administrator's (issue 14)."""
        return f.RoutingRuleFactory(
            category=self.categories["health"], territory=None, agency=self.other_agency
        )

    @cached_property
    def demand(self) -> Any:
        """Registered by the facilitator through the service and routed by the rule to `agency` (its
        action is in the agency's inbox); the citizen has the tracking code and the mobile."""
        from peygir.demands.services import demand_intake
        from peygir.organizations import access

        self.routing_rule  # noqa: B018 - the demand is routed by it
        facilitator = self.users["facilitator"]
        access.forget_scope(facilitator)
        demand = demand_intake(
            user=facilitator,
            office=self.facilitation_office,
            category=self.categories["education"],
            neighbourhood=self.neighbourhood,
            title="تعمیر سرویس بهداشتی دبستان",
            description="سرویس بهداشتی دبستان محله خراب است و دانش‌آموزان مشکل دارند.",
            citizen_name="زهرا احمدی",
            citizen_mobile=CITIZEN_MOBILE,
            consent=True,
        )
        demand.refresh_from_db()
        assert demand.agency_id == self.agency.pk and demand.current_action_id is not None
        f.DemandSupporterFactory(demand=demand, created_by=facilitator)
        self.__dict__["attachment"] = f.DemandAttachmentFactory(demand=demand, uploaded_by=facilitator)
        return demand

    @cached_property
    def demand_action(self) -> Any:
        return self.demand.current_action

    @cached_property
    def attachment(self) -> Any:
        self.demand  # noqa: B018 - builds it
        return self.__dict__["attachment"]

    @cached_property
    def online_demand(self) -> Any:
        """Submitted online, waiting for the SMS code (no office took it)."""
        demand = f.DemandFactory(
            office=None,
            channel="online",
            status="unconfirmed",
            category=self.categories["health"],
            neighbourhood=self.other_neighbourhood,
            citizen_mobile="+989351112233",
            title="نبود پزشک در خانه بهداشت محله",
        )
        f.PhoneConfirmationFactory(demand=demand)
        f.RateLimitHitFactory(key="submit-phone:+989351112233")
        return demand

    @property
    def citizen(self) -> tuple[str, str]:
        """What the citizen knows: the tracking code and the last four digits of the mobile."""
        return self.demand.tracking_code, CITIZEN_MOBILE[-4:]

    # ------------------------------------------------------------ facilitation

    @cached_property
    def household(self) -> Any:
        household = f.VulnerableHouseholdFactory(
            office=self.facilitation_office,
            neighbourhood=self.neighbourhood,
            created_by=self.users["facilitator"],
        )
        f.SensitiveAccessLogFactory(user=self.users["facilitator"], household=household, kind="create")
        return household

    @cached_property
    def activity(self) -> Any:
        return f.EmpowermentActivityFactory(
            office=self.facilitation_office, partner=self.ngo, created_by=self.users["facilitator"]
        )

    # ------------------------------------------------------------ everything

    # ---------------------------------------------------------------- issue 9: the daily work

    @cached_property
    def extension_request(self) -> Any:
        """The agency asks for more time on the resolution's action (awaiting the office's answer)."""
        return ExtensionRequestFactory(
            action=self.resolution_action, organization=self.agency, requested_by=self.users["liaison"]
        )

    @cached_property
    def obstacle(self) -> Any:
        """An open obstacle on the resolution's action: the other agency's help is needed."""
        return ObstacleFactory(
            action=self.resolution_action,
            organization=self.agency,
            reported_by=self.users["liaison"],
            needed_organization=self.other_agency,
        )

    @cached_property
    def opinion(self) -> Any:
        """The office's opinion on the world meeting's item."""
        return AgendaItemOpinionFactory(agenda_item=self.agenda_item, organization=self.office)

    @cached_property
    def policy_document(self) -> Any:
        """The province's sport strategy (programs, checklists and calls hang from such documents)."""
        return PolicyDocumentFactory(
            title="سند راهبردی توسعه ورزش استان", level="provincial", theme="sport", territory=self.province
        )

    # ------------------------------------------------------------ administration (the audit trail)

    @cached_property
    def audit_entry(self) -> Any:
        from .administration.factories import AuditEntryFactory

        return AuditEntryFactory(
            actor=self.users["office_staff"],
            object_pk=str(self.committee.pk),
            object_repr=self.committee.name,
        )

    # ---- programs: a program with a goal and a duty (its action), an indicator with a value and a target
    @cached_property
    def program(self) -> Any:
        from peygir.programs import duties

        program = duties.program_create(
            user=None,
            title="برنامه تحول و تعالی حوزه اجتماعی و فرهنگی استان",
            theme="culture",
            territory=self.province,
            owner=self.office,
            start_year=1402,
            end_year=1405,
        )
        duties.goal_add(user=None, program=program, title="ارتقای سلامت اجتماعی")
        return program

    @cached_property
    def duty(self) -> Any:
        from peygir.programs import duties

        return duties.duty_create(
            user=self.users["office_staff"],
            program=self.program,
            responsible=self.agency,
            title="توجه ویژه به وظایف محوله",
            deadline=timezone.localdate() + dt.timedelta(days=30),
        )

    @cached_property
    def indicator(self) -> Any:
        from .programs.factories import IndicatorTargetFactory, indicator

        ind = indicator(
            indicator__name="نرخ طلاق در هر هزار نفر",
            kind="rate",
            population_denominator=True,
            period_type="season",
        )
        IndicatorTargetFactory(
            indicator=ind, territory=self.province, year=1403, goal=self.program.goals.first()
        )
        return ind

    @cached_property
    def indicator_value(self) -> Any:
        from peygir.programs import approvals
        from peygir.programs.periods import Period
        from peygir.programs.values import Row, values_enter

        from .programs.factories import ExpectedValueFactory, PeriodClosureFactory

        self.county.population = 100_000
        self.county.save(update_fields=["population"])
        result = values_enter(
            user=self.users["county_deputy"],
            indicator=self.indicator,
            period="1403-S1",
            rows=[Row(self.county, numerator=120, comment="ثبت فصل بهار")],
        )
        ExpectedValueFactory(
            closure=PeriodClosureFactory(territory=self.other_province), indicator=self.indicator
        )
        approvals.values_approve(
            user=self.users["county_deputy"],
            indicators=[self.indicator],
            territory=self.county,
            period=Period("season", 1403, 1),
            level="county",
        )
        value = result.values[0]
        value.refresh_from_db()
        return value

    @cached_property
    def weight_set(self) -> Any:
        """The province's scorecard weights, version 1 (evaluation)."""
        return WeightSetFactory(territory=self.province, version=1)

    # ------------------------------------------------------------ grants (tests/grants/world.py)

    @cached_property
    def grants(self) -> Any:
        from .grants.world import build_grants

        return build_grants(self)

    # ------------------------------------------------------------ inspections

    @cached_property
    def inspections(self) -> Any:
        """A sealed plan of the county deputy, its visits, a finding and a missed visit."""
        from .inspections.world import build

        return build(self)

    @cached_property
    def coordination(self) -> Any:
        """Parallel work in Arak: an open candidate pair and a current decision (coordination)."""
        from .coordination.world import build

        return build(self)

    def populate(self) -> World:
        """Build every lazy part (and every persona), e.g. for the persona matrix."""
        for name in (
            "ngo",
            "council_body",
            "group",
            "foreign_neighbourhood",
            "other_facilitation_office",
            "resolution_action",
            "action",
            "notification",
            "demand",
            "online_demand",
            "approved_meeting",
            "household",
            "activity",
            "policy_document",
            "nationwide_rule",
            "audit_entry",
            "extension_request",
            "obstacle",
            "opinion",
            "duty",
            "indicator_value",
            "weight_set",
            "grants",
            "inspections",
            "coordination",
        ):
            getattr(self, name)
        for persona in ("facilitator", "other_facilitator", "ngo"):
            self.users[persona]  # noqa: B018 - builds it
        f.CalendarOverrideFactory(title="تعطیلی به دلیل آلودگی هوا")
        PreferenceFactory(user=self.users["county_deputy"])  # a daily digest instead of single messages
        f.TerritoryBoundaryFactory(territory=self.province)
        f.HeartbeatFactory()  # issue 14 §5: the escalation scan's last run
        # The search index, as the commit-time refresh would have written it (tests never commit).
        from peygir.search.indexing import reindex_all

        reindex_all()
        # Its vocabulary: written by the index on PostgreSQL only; a word either way.
        from tests.search.factories import SearchTermFactory

        SearchTermFactory(term="کتابخانه")
        return self


def build_world() -> World:
    """The eager part: territories, the province's organizations, one user per base persona."""
    country = f.make_territory("country", name="ایران")
    province = f.make_territory("province", country, "مرکزی")
    county = f.make_territory("county", province, "شهرستان اراک")
    other_province = f.make_territory("province", country, "یزد")
    governorate = f.OrganizationFactory(name="استانداری مرکزی", kind=Kind.GOVERNORATE, territory=province)
    office = f.OrganizationFactory(
        name="دفتر امور اجتماعی و فرهنگی استانداری مرکزی",
        kind=Kind.SOCIAL_OFFICE,
        territory=province,
        parent=governorate,
    )
    county_gov = f.OrganizationFactory(
        name="فرمانداری اراک", kind=Kind.COUNTY_GOVERNORATE, territory=county, supervisor=office
    )
    agency = f.OrganizationFactory(
        name="اداره کل نوسازی مدارس استان مرکزی", kind=Kind.AGENCY, territory=province, supervisor=office
    )
    other_agency = f.OrganizationFactory(
        name="دانشگاه علوم پزشکی اراک", kind=Kind.AGENCY, territory=province, supervisor=office
    )
    foreign_office = f.OrganizationFactory(
        name="دفتر امور اجتماعی و فرهنگی استانداری یزد", kind=Kind.SOCIAL_OFFICE, territory=other_province
    )
    national_org = f.OrganizationFactory(
        name="سازمان امور اجتماعی کشور", kind=Kind.NATIONAL, territory=country
    )
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
        national_org,
    )
    w.users = PersonaUsers(w)
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
        "national_admin": (national_org, Role.HEAD),
        "foreign_staff": (foreign_office, Role.OFFICE_STAFF),
    }
    for persona, (org, role) in placements.items():
        w.users[persona] = w._member(org, role, persona)
    w.users["nobody"] = f.UserFactory(username="nobody")
    assert set(w.users) == set(BASE_PERSONAS)
    return w
