"""Factories of the grants domain (merged into tests/factories.py FACTORIES)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from peygir.grants.checks import national_id_check_digit
from peygir.notifications.phonecodes import hash_sms_code
from peygir.organizations.models import Organization
from tests.factories import OrganizationFactory, UserFactory, make_territory

PDF = b"%PDF-1.4\n%peygir\n"


def national_id(n: int) -> str:
    first = f"14{n:08d}"[:10]
    return first + str(national_id_check_digit(first))


def _county():
    province = make_territory("province")
    return make_territory("county", province)


class NgoFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"انجمن مردم‌نهاد آزمون {n}")
    kind = Organization.Kind.NGO


class NgoProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.NgoProfile"

    organization = factory.SubFactory(NgoFactory)
    national_id = factory.Sequence(national_id)
    registration_number = factory.Sequence(lambda n: f"{1000 + n}")
    licence_issuer = "وزارت کشور"
    licence_expires_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=365))
    activity_territory = factory.LazyAttribute(lambda o: o.organization.territory)
    themes = ["sport"]
    board_contacts = [{"name": "مریم احمدی", "role": "رئیس هیئت مدیره", "phone": "09131234567"}]
    sheba = "IR820540102680020817909002"
    # Most tests need an NGO that may write proposals; the registration tests make pending ones.
    status = "verified"


class NgoDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.NgoDocument"

    profile = factory.SubFactory(NgoProfileFactory)
    title = "پروانه فعالیت"
    file = factory.django.FileField(filename="mojavez.pdf", data=PDF)
    content_type = "application/pdf"
    size = len(PDF)


class NgoEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.NgoEvent"

    profile = factory.SubFactory(NgoProfileFactory)
    kind = "applied"


class NgoPhoneConfirmationFactory(factory.django.DjangoModelFactory):
    """A representative's mobile confirmed by the code (only the hash of "123456" is kept)."""

    class Meta:
        model = "grants.NgoPhoneConfirmation"

    profile = factory.SubFactory(NgoProfileFactory)
    mobile = "09131234567"
    code_hash = factory.LazyAttribute(
        lambda o: hash_sms_code("123456", salt=f"ngo-registration:{o.profile.pk}")
    )
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(minutes=10))
    confirmed_at = factory.LazyFunction(timezone.now)


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.Call"

    title = factory.Sequence(lambda n: f"فراخوان حمایت از طرح‌های اجتماعی سمن‌ها {n}")
    office = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.SOCIAL_OFFICE)
    territory = factory.LazyAttribute(lambda o: o.office.territory)
    territory_path = factory.LazyAttribute(lambda o: o.territory.path)
    themes = ["sport", "addiction"]
    total_rials = 2_300_000_000
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=5))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=25))
    status = "published"


class CallEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.CallEvent"

    call = factory.SubFactory(CallFactory)
    kind = "published"


class CallFormVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.CallFormVersion"

    call = factory.SubFactory(CallFactory)
    number = factory.Sequence(lambda n: n + 1)
    fields = [{"name": "partners", "label": "شریکان اجرا", "kind": "text", "required": False}]


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.Criterion"

    call = factory.SubFactory(CallFactory)
    title = "اثرگذاری بر آسیب‌های اجتماعی محله"
    weight = 3


class EnvelopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.Envelope"

    call = factory.SubFactory(CallFactory)
    county = factory.LazyFunction(_county)
    amount_rials = 100_000_000


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.Proposal"

    call = factory.SubFactory(CallFactory)
    ngo = factory.SubFactory(NgoFactory)
    county = factory.LazyFunction(_county)
    county_path = factory.LazyAttribute(lambda o: o.county.path)
    title = factory.Sequence(lambda n: f"کلاس‌های ورزشی نوجوانان محله {n}")
    summary = "برگزاری کلاس‌های ورزشی رایگان برای نوجوانان در معرض آسیب"
    text_normalized = factory.LazyAttribute(lambda o: f"{o.title} {o.summary}")
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=90))
    requested_rials = 50_000_000
    status = "submitted"


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.BudgetLine"

    proposal = factory.SubFactory(ProposalFactory)
    title = "حق‌الزحمه مربیان"
    amount_rials = 30_000_000


class PlannedMilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.PlannedMilestone"

    proposal = factory.SubFactory(ProposalFactory)
    title = "ثبت‌نام و آغاز کلاس‌ها"
    due_on = factory.LazyAttribute(lambda o: o.proposal.starts_on + dt.timedelta(days=30))
    amount_rials = 25_000_000


class ProposalAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.ProposalAttachment"

    proposal = factory.SubFactory(ProposalFactory)
    file = factory.django.FileField(filename="tarh.pdf", data=PDF)
    name = "متن کامل طرح.pdf"
    content_type = "application/pdf"
    size = len(PDF)


class ProposalEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.ProposalEvent"

    proposal = factory.SubFactory(ProposalFactory)
    kind = "submitted"


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.Reviewer"

    call = factory.SubFactory(CallFactory)
    user = factory.SubFactory(UserFactory)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.Review"

    proposal = factory.SubFactory(ProposalFactory, status="under_review")
    reviewer = factory.SubFactory(UserFactory)
    status = "submitted"
    total = 80


class ReviewScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.ReviewScore"

    review = factory.SubFactory(ReviewFactory)
    criterion = factory.LazyAttribute(lambda o: CriterionFactory(call=o.review.proposal.call))
    score = 8


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.Project"

    proposal = factory.SubFactory(ProposalFactory, status="approved", approved_rials=50_000_000)
    call = factory.LazyAttribute(lambda o: o.proposal.call)
    ngo = factory.LazyAttribute(lambda o: o.proposal.ngo)
    county = factory.LazyAttribute(lambda o: o.proposal.county)
    county_path = factory.LazyAttribute(lambda o: o.county.path)
    supervisor = factory.LazyAttribute(
        lambda o: OrganizationFactory(kind=Organization.Kind.COUNTY_GOVERNORATE, territory=o.county)
    )
    high_supervisor = factory.LazyAttribute(lambda o: o.call.office)
    title = factory.LazyAttribute(lambda o: o.proposal.title)
    amount_rials = 50_000_000
    starts_on = factory.LazyAttribute(lambda o: o.proposal.starts_on)
    ends_on = factory.LazyAttribute(lambda o: o.proposal.ends_on)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.Milestone"

    project = factory.SubFactory(ProjectFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "ثبت‌نام و آغاز کلاس‌ها"
    due_on = factory.LazyAttribute(lambda o: o.project.starts_on + dt.timedelta(days=30))


class InstalmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.Instalment"

    milestone = factory.SubFactory(MilestoneFactory)
    project = factory.LazyAttribute(lambda o: o.milestone.project)
    amount_rials = 25_000_000


class AmendmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.Amendment"

    project = factory.SubFactory(ProjectFactory)
    field = "ends_on"
    before = "۱۴۰۵/۰۳/۳۱"
    after = "۱۴۰۵/۰۴/۱۵"
    reason = "تعطیلی کلاس‌ها در ایام عزاداری"


class MilestoneOverruleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.MilestoneOverrule"

    milestone = factory.SubFactory(MilestoneFactory)
    decision = "withhold"
    reason = "گزارش حضور و غیاب با فهرست بهره‌مندان نمی‌خواند"


class GuardDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.GuardDecision"

    proposal = factory.SubFactory(ProposalFactory)
    stage = "approval"
    decision = "different"
    reason = "طرح دیگر در محله‌ای دیگر و برای گروه سنی دیگری است"
    matches = [
        {"key": "action:1", "kind": "action", "pk": 1, "title": "کلاس ورزشی", "reasons": ["متن مشابه"]}
    ]


FACTORIES = {
    f._meta.model._meta.label: f
    for f in (
        NgoProfileFactory,
        NgoDocumentFactory,
        NgoEventFactory,
        NgoPhoneConfirmationFactory,
        CallFactory,
        CallEventFactory,
        CallFormVersionFactory,
        CriterionFactory,
        EnvelopeFactory,
        ProposalFactory,
        BudgetLineFactory,
        PlannedMilestoneFactory,
        ProposalAttachmentFactory,
        ProposalEventFactory,
        ReviewerFactory,
        ReviewFactory,
        ReviewScoreFactory,
        ProjectFactory,
        MilestoneFactory,
        InstalmentFactory,
        AmendmentFactory,
        MilestoneOverruleFactory,
        GuardDecisionFactory,
    )
}
