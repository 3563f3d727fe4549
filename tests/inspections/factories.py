"""Factories of the inspections domain (merged into tests/factories.py FACTORIES)."""

import datetime as dt
import uuid

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories import OrganizationFactory, UserFactory, make_territory
from tests.images import PNG  # noqa: E402 - a real image: uploads are decoded and re-encoded
from tests.programs.factories import PolicyDocumentFactory


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.Facility"

    name = factory.Sequence(lambda n: f"کشتارگاه صنعتی دام شماره {n}")
    kind = "slaughterhouse"
    territory = factory.LazyFunction(lambda: make_territory("county", make_territory("province")))
    responsible_agency = factory.SubFactory(OrganizationFactory, name="اداره کل دامپزشکی استان")
    licence_number = factory.Sequence(lambda n: f"LIC-{n}")


class ChecklistTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.ChecklistTemplate"

    document = factory.SubFactory(PolicyDocumentFactory, theme="food_security", title="سند امنیت غذایی استان")
    title = factory.Sequence(lambda n: f"چک‌لیست بازدید از کشتارگاه {n}")
    facility_kinds = factory.LazyFunction(lambda: ["slaughterhouse"])


class ChecklistVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.ChecklistVersion"

    template = factory.SubFactory(ChecklistTemplateFactory)
    number = factory.Sequence(lambda n: n + 1)
    # Published, as most versions are; a draft is `published_at=None`.
    published_at = factory.LazyFunction(timezone.now)


class ChecklistSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.ChecklistSection"

    version = factory.SubFactory(ChecklistVersionFactory)
    order = 1
    title = "بهداشت محیط"


class ChecklistQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.ChecklistQuestion"

    section = factory.SubFactory(ChecklistSectionFactory)
    version = factory.LazyAttribute(lambda o: o.section.version)
    order = factory.Sequence(lambda n: n)
    code = factory.Sequence(lambda n: f"Q{n}")
    text = "آیا کارت بهداشت کارکنان معتبر است؟"


class InspectionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.InspectionPlan"

    title = factory.Sequence(lambda n: f"برنامه بازدید سرزده ماهانه {n}")
    organization = factory.SubFactory(OrganizationFactory, kind="county_governorate")
    territory = factory.LazyAttribute(lambda o: o.organization.territory)
    document = factory.SubFactory(PolicyDocumentFactory, theme="food_security")


class PlanRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.PlanRule"

    plan = factory.SubFactory(InspectionPlanFactory)
    facility_kind = "slaughterhouse"
    template = factory.SubFactory(ChecklistTemplateFactory)


class DrawFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.Draw"

    plan = factory.SubFactory(InspectionPlanFactory, status="approved")
    period_start = dt.date(2026, 11, 22)
    period_end = dt.date(2026, 12, 21)
    period_label = "آذر ۱۴۰۵"
    seed_hex = "00" * 32
    seed_commitment = "ab" * 32
    schedule_json = "{}"
    seal = "cd" * 32


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.Visit"

    draw = factory.SubFactory(DrawFactory)
    facility = factory.SubFactory(FacilityFactory)
    inspector = factory.SubFactory(UserFactory)
    organization = factory.LazyAttribute(lambda o: o.draw.plan.organization)
    checklist_version = factory.SubFactory(ChecklistVersionFactory)
    scheduled_on = dt.date(2026, 12, 1)


class DrawAmendmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.DrawAmendment"

    visit = factory.SubFactory(VisitFactory)
    draw = factory.LazyAttribute(lambda o: o.visit.draw)
    reason = "بازرس در مرخصی استعلاجی است"
    old_date = dt.date(2026, 12, 1)
    new_date = dt.date(2026, 12, 3)


class VisitSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.VisitSubmission"

    visit = factory.SubFactory(VisitFactory, status="completed")
    submission_id = factory.LazyFunction(uuid.uuid4)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.Answer"

    visit = factory.SubFactory(VisitFactory, status="completed")
    question = factory.SubFactory(ChecklistQuestionFactory)
    value_bool = True
    passed = True


class VisitPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.VisitPhoto"

    visit = factory.SubFactory(VisitFactory)
    client_id = factory.Sequence(lambda n: f"photo-{n}")
    file = factory.LazyFunction(lambda: ContentFile(PNG, name="photo.png"))
    original_name = "photo.png"
    content_type = "image/png"
    size = len(PNG)


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.Finding"

    visit = factory.SubFactory(VisitFactory, status="completed")
    facility = factory.LazyAttribute(lambda o: o.visit.facility)
    question = factory.SubFactory(ChecklistQuestionFactory)
    title = "رفع نقص سردخانه"


FACTORIES = {
    f._meta.model._meta.label: f
    for f in (
        FacilityFactory,
        ChecklistTemplateFactory,
        ChecklistVersionFactory,
        ChecklistSectionFactory,
        ChecklistQuestionFactory,
        InspectionPlanFactory,
        PlanRuleFactory,
        DrawFactory,
        DrawAmendmentFactory,
        VisitFactory,
        VisitSubmissionFactory,
        AnswerFactory,
        VisitPhotoFactory,
        FindingFactory,
    )
}
