"""Factories for tests. Territories go through the service so their paths are right."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from peygir.actions.models import Action
from peygir.committees.models import Committee, CommitteeMember, Meeting, Resolution
from peygir.organizations.models import Membership, Organization
from peygir.territory.models import Territory
from peygir.territory.services import territory_create

_seq = iter(range(1, 10**9))


def make_territory(
    kind: str = "province", parent: Territory | None = None, name: str | None = None
) -> Territory:
    n = next(_seq)
    return territory_create(kind=kind, parent=parent, name_fa=name or f"قلمرو {n}", code=f"T-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "کاربر"
    last_name = factory.Sequence(lambda n: f"آزمون {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("pass-1234-peygir")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"دستگاه آزمون {n}")
    name_normalized = factory.LazyAttribute(lambda o: o.name)
    kind = Organization.Kind.AGENCY
    territory = factory.LazyFunction(lambda: make_territory())


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.LIAISON


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"کارگروه آزمون {n}")
    kind = Committee.Kind.WORKING_GROUP
    secretariat = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.SOCIAL_OFFICE)
    territory = factory.LazyAttribute(lambda o: o.secretariat.territory)


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    committee = factory.SubFactory(CommitteeFactory)
    organization = factory.SubFactory(OrganizationFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    number = factory.Sequence(lambda n: n + 1)
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))
    status = Meeting.Status.HELD


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"مصوبه آزمون {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    """A directive action; pass resolution=… and source_kind='resolution' for a resolution's action."""

    class Meta:
        model = Action

    title = factory.Sequence(lambda n: f"اقدام آزمون {n}")
    title_normalized = factory.LazyAttribute(lambda o: o.title)
    source_kind = "directive"
    responsible_organization = factory.SubFactory(OrganizationFactory)
    issuer_organization = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.SOCIAL_OFFICE)
    territory = factory.LazyAttribute(lambda o: o.issuer_organization.territory)
    deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=20))


# ---------------------------------------------------------------- every other model of the peygir apps
# One factory per concrete model (tests/test_factories.py fails when a model has none). Each builds a
# row that passes full_clean, with Persian sample text; sub-objects are created when not given.

_LAT, _LNG = 34.0917, 49.6892  # اراک


class CalendarOverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "core.CalendarOverride"
        django_get_or_create = ("date",)

    date = factory.Sequence(lambda n: dt.date(2031, 1, 1) + dt.timedelta(days=n))
    is_holiday = True
    title = "تعطیلی به دلیل آلودگی هوا"


class HeartbeatFactory(factory.django.DjangoModelFactory):
    """When a background job last finished (issue 14 §5)."""

    class Meta:
        model = "core.Heartbeat"
        django_get_or_create = ("name",)

    name = "escalation_scan"
    at = factory.LazyFunction(timezone.now)
    detail = factory.LazyFunction(lambda: {"actions": 12, "batches": 1})


class DataVersionFactory(factory.django.DjangoModelFactory):
    """The one row (id 1) the database triggers keep; get_or_create, never a second row."""

    class Meta:
        model = "core.DataVersion"
        django_get_or_create = ("id",)

    id = 1
    value = 0


class TerritoryFactory(factory.django.DjangoModelFactory):
    """Through `territory_create`, so that path and depth are right."""

    class Meta:
        model = Territory

    kind = Territory.Kind.PROVINCE
    parent = None
    name_fa = factory.Sequence(lambda n: f"قلمرو آزمون {n}")
    code = factory.Sequence(lambda n: f"TF-{n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return territory_create(**kwargs)


class TerritoryBoundaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "territory.TerritoryBoundary"

    territory = factory.SubFactory(TerritoryFactory)
    geojson = factory.LazyFunction(
        lambda: {
            "type": "Polygon",
            "coordinates": [[[49.6, 34.0], [49.8, 34.0], [49.8, 34.2], [49.6, 34.2], [49.6, 34.0]]],
        }
    )
    source = "OpenStreetMap"


class ActionUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actions.ActionUpdate"

    action = factory.SubFactory(ActionFactory)
    kind = "progress"
    author = factory.SubFactory(UserFactory)
    organization = factory.LazyAttribute(lambda o: o.action.responsible_organization)
    text = "بازسازی سرویس‌های بهداشتی دو مدرسه انجام شد."
    progress = 40


class EvidenceFactory(factory.django.DjangoModelFactory):
    """A small PDF stored under MEDIA_ROOT (a temporary directory per test process, tests/conftest.py)."""

    class Meta:
        model = "actions.Evidence"

    update = factory.SubFactory(ActionUpdateFactory)
    file = factory.django.FileField(filename="گزارش.pdf", data=b"%PDF-1.4\n%peygir\n")
    original_name = "گزارش پیشرفت.pdf"
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda o: len(b"%PDF-1.4\n%peygir\n"))


class ActionEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actions.ActionEvent"

    action = factory.SubFactory(ActionFactory)
    kind = "comment"
    actor = factory.SubFactory(UserFactory)
    data = factory.LazyFunction(lambda: {"text": "یادداشت پیگیری"})


class EscalationStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actions.EscalationStep"

    action = factory.SubFactory(ActionFactory)
    step = 1
    deadline = factory.LazyAttribute(lambda o: o.action.deadline or timezone.localdate())
    as_of = factory.LazyAttribute(lambda o: o.deadline - dt.timedelta(days=3))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "committees.AgendaItem"

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    kind = "regular"
    title = factory.Sequence(lambda n: f"گزارش وضعیت مدارس کانکسی {n}")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "committees.Attendance"

    meeting = factory.SubFactory(MeetingFactory)
    organization = factory.SubFactory(OrganizationFactory)
    person_name = "علی رضایی"
    person_title = "مدیر کل"
    status = "present"


class DiscussionNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "committees.DiscussionNote"

    agenda_item = factory.SubFactory(AgendaItemFactory)
    speaker_name = "مریم حسینی"
    speaker_title = "معاون استاندار"
    summary = "بر رفع نواقص بهداشتی مدارس پیش از آغاز سال تحصیلی تأکید شد."


class MinutesAmendmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "committees.MinutesAmendment"

    meeting = factory.SubFactory(MeetingFactory, status=Meeting.Status.APPROVED)
    author = factory.SubFactory(UserFactory)
    description = "اصلاح مهلت ردیف ۱ به درخواست دبیرخانه"
    target = "resolution"
    before = factory.LazyFunction(lambda: {"deadline_text": "یک ماه"})
    after = factory.LazyFunction(lambda: {"deadline_text": "دو ماه"})


class FacilitationOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "facilitation.FacilitationOffice"
        skip_postgeneration_save = True

    organization = factory.SubFactory(
        OrganizationFactory,
        name=factory.Sequence(lambda n: f"دفتر تسهیلگری و توسعه محلی آزمون {n}"),
        kind=Organization.Kind.FACILITATION_OFFICE,
    )
    opened_on = dt.date(2018, 7, 15)
    budget_rials = 2_300_000_000
    is_pilot = True

    @factory.post_generation
    def neighbourhoods(self, create, extracted, **kwargs):
        if create and extracted:
            self.neighbourhoods.set(extracted)


def _neighbourhood_of(office) -> Territory:
    first = office.neighbourhoods.first() if office is not None else None
    if first is not None:
        return first
    place = office.organization.territory if office is not None else make_territory("county")
    return make_territory("neighbourhood", place)


class VulnerableHouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "facilitation.VulnerableHousehold"

    office = factory.SubFactory(FacilitationOfficeFactory)
    neighbourhood = factory.LazyAttribute(lambda o: _neighbourhood_of(o.office))
    reference = factory.Sequence(lambda n: f"خ-{n:04d}")
    needs = factory.LazyFunction(lambda: ["food", "female_headed"])
    members_count = 4
    programs = "سبد غذایی کمیته امداد"
    note = "سرپرست خانوار زن، دو فرزند در سن مدرسه"
    created_by = factory.SubFactory(UserFactory)


class SensitiveAccessLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "facilitation.SensitiveAccessLog"

    user = factory.SubFactory(UserFactory)
    kind = "read"
    household = factory.SubFactory(VulnerableHouseholdFactory)
    detail = "مشاهده پرونده خانوار"


class EmpowermentActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "facilitation.EmpowermentActivity"

    office = factory.SubFactory(FacilitationOfficeFactory)
    kind = "skills"
    title = "دوره آموزش خیاطی برای زنان سرپرست خانوار"
    held_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    participants = 25
    women_participants = 25
    note = "با همکاری فنی و حرفه‌ای"
    created_by = factory.SubFactory(UserFactory)


class DemandCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "demands.DemandCategory"

    name = factory.Sequence(lambda n: f"دسته مطالبه {n}")
    code = factory.Sequence(lambda n: f"test-category-{n}")
    service_level_days = 10


class RoutingRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "demands.RoutingRule"

    category = factory.SubFactory(DemandCategoryFactory)
    territory = factory.LazyFunction(lambda: make_territory())
    agency = factory.SubFactory(OrganizationFactory)


def _tracking_code(n: int) -> str:
    from peygir.demands.codes import ALPHABET, format_tracking_code

    digits, k = [], n
    for _ in range(8):
        digits.append(ALPHABET[k % len(ALPHABET)])
        k //= len(ALPHABET)
    return format_tracking_code("".join(reversed(digits)))


class DemandFactory(factory.django.DjangoModelFactory):
    """A demand placed directly (no routing, no SMS); `demand_intake` is the way for a routed one."""

    class Meta:
        model = "demands.Demand"

    tracking_code = factory.Sequence(lambda n: _tracking_code(n + 7_000))
    office = factory.SubFactory(FacilitationOfficeFactory)
    category = factory.SubFactory(DemandCategoryFactory)
    neighbourhood = factory.LazyAttribute(lambda o: _neighbourhood_of(o.office))
    title = "تعمیر سقف مدرسه ابتدایی"
    description = "سقف کلاس‌های مدرسه چکه می‌کند و در زمستان کلاس‌ها تعطیل می‌شود."
    text_normalized = factory.LazyAttribute(lambda o: f"{o.title} {o.description}")
    channel = "office"
    citizen_name = "زهرا احمدی"
    citizen_mobile = "+989121234567"
    mobile_last4 = factory.LazyAttribute(lambda o: o.citizen_mobile[-4:])
    consent = True
    status = "triage"


class DemandSupporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "demands.DemandSupporter"

    demand = factory.SubFactory(DemandFactory)
    citizen_name = "حسن کریمی"
    citizen_mobile = "+989351112233"
    note = "همسایه؛ همین مشکل را دارد"
    created_by = factory.SubFactory(UserFactory)


class DemandRouteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "demands.DemandRoute"

    demand = factory.SubFactory(DemandFactory)
    agency = factory.SubFactory(OrganizationFactory)
    reason = "ارجاع دستی دفتر"
    routed_by = factory.SubFactory(UserFactory)


class DemandEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "demands.DemandEvent"

    demand = factory.SubFactory(DemandFactory)
    kind = "received"
    to_status = "triage"
    public_text = "درخواست شما ثبت شد."
    is_public = True
    actor = factory.SubFactory(UserFactory)


class PhoneConfirmationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "demands.PhoneConfirmation"

    demand = factory.SubFactory(DemandFactory, status="unconfirmed", channel="online", office=None)
    code_hash = factory.LazyFunction(lambda: make_password("123456"))
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(minutes=10))


class RateLimitHitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "notifications.RateLimitHit"

    key = factory.Sequence(lambda n: f"submit-ip:10.0.0.{n % 250}")
    window_start = factory.LazyFunction(lambda: timezone.now().replace(minute=0, second=0, microsecond=0))
    count = 1


class DemandAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "demands.DemandAttachment"

    demand = factory.SubFactory(DemandFactory)
    file = factory.django.FileField(filename="عکس.pdf", data=b"%PDF-1.4\n%peygir\n")
    original_name = "نامه شورایاری.pdf"
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda o: len(b"%PDF-1.4\n%peygir\n"))
    uploaded_by = factory.SubFactory(UserFactory)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "notifications.Notification"

    class Params:
        action = factory.SubFactory(ActionFactory)

    recipient = factory.SubFactory(UserFactory)
    subject = factory.LazyAttribute(lambda o: f"action:{o.action.pk}")
    kind = "created"
    title = factory.LazyAttribute(lambda o: f"اقدام تازه: {o.action.title}")
    body = "مهلت اقدام یک ماه است."
    url = factory.LazyAttribute(lambda o: f"/actions/{o.action.pk}/")


class OutboundMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "notifications.OutboundMessage"

    channel = "sms"
    to = "+989121234567"
    body = "پیگیر: اقدام تازه‌ای به دستگاه شما ارجاع شد."
    notification = factory.SubFactory(NotificationFactory)
    dedupe_key = factory.Sequence(lambda n: f"test-message-{n}")


# model label → factory, for tests/test_factories.py and anyone who wants "a row of X".
FACTORIES = {
    f._meta.model._meta.label: f
    for f in (
        CalendarOverrideFactory,
        DataVersionFactory,
        HeartbeatFactory,
        UserFactory,
        TerritoryFactory,
        TerritoryBoundaryFactory,
        OrganizationFactory,
        MembershipFactory,
        ActionFactory,
        ActionUpdateFactory,
        EvidenceFactory,
        ActionEventFactory,
        EscalationStepFactory,
        CommitteeFactory,
        CommitteeMemberFactory,
        MeetingFactory,
        AgendaItemFactory,
        AttendanceFactory,
        DiscussionNoteFactory,
        ResolutionFactory,
        MinutesAmendmentFactory,
        FacilitationOfficeFactory,
        VulnerableHouseholdFactory,
        SensitiveAccessLogFactory,
        EmpowermentActivityFactory,
        DemandCategoryFactory,
        RoutingRuleFactory,
        DemandFactory,
        DemandSupporterFactory,
        DemandRouteFactory,
        DemandEventFactory,
        PhoneConfirmationFactory,
        RateLimitHitFactory,
        DemandAttachmentFactory,
        NotificationFactory,
        OutboundMessageFactory,
    )
}

# Each domain added after the platform keeps its factories in tests/<domain>/factories.py (a FACTORIES
# dict of its own); they are merged here so that tests/test_factories.py sees every model.
from tests.actions import factories as _actions  # noqa: E402
from tests.administration import factories as _administration  # noqa: E402
from tests.committees import factories as _committees  # noqa: E402
from tests.coordination import factories as _coordination  # noqa: E402
from tests.evaluation import factories as _evaluation  # noqa: E402
from tests.grants import factories as _grants  # noqa: E402
from tests.inspections import factories as _inspections  # noqa: E402
from tests.notifications import factories as _notifications  # noqa: E402
from tests.programs import factories as _programs  # noqa: E402
from tests.search import factories as _search  # noqa: E402

for _domain in (
    _actions,
    _administration,
    _committees,
    _coordination,
    _evaluation,
    _grants,
    _inspections,
    _notifications,
    _programs,
    _search,
):
    FACTORIES.update(_domain.FACTORIES)
