"""Factories of the programs domain (merged into tests/factories.py FACTORIES)."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from peygir.organizations.models import Organization
from peygir.programs.periods import Period
from tests.factories import OrganizationFactory, TerritoryFactory, make_territory


class PolicyDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.PolicyDocument"

    title = factory.Sequence(lambda n: f"سند راهبردی توسعه ورزش استان {n}")
    level = "provincial"
    theme = "sport"
    territory = factory.LazyFunction(lambda: TerritoryFactory(kind="province"))
    year = 1405


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.Program"

    title = factory.Sequence(lambda n: f"برنامه تحول و تعالی حوزه اجتماعی و فرهنگی {n}")
    level = "provincial"
    theme = "culture"
    territory = factory.LazyFunction(lambda: TerritoryFactory(kind="province"))
    owner = factory.LazyAttribute(
        lambda o: OrganizationFactory(kind=Organization.Kind.SOCIAL_OFFICE, territory=o.territory)
    )
    start_year = 1402
    end_year = 1405


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.Goal"

    program = factory.SubFactory(ProgramFactory)
    title = "ارتقای نشاط اجتماعی"


class DutyFactory(factory.django.DjangoModelFactory):
    """A duty row without its actions (the services create those; see peygir.programs.duties)."""

    class Meta:
        model = "programs.Duty"

    program = factory.SubFactory(ProgramFactory)
    title = factory.Sequence(lambda n: f"توجه ویژه به وظایف محوله {n}")
    responsible = factory.LazyAttribute(lambda o: OrganizationFactory(territory=o.program.territory))
    recurrence = "once"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    starts_on = factory.LazyFunction(timezone.localdate)


class DutyOccurrenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.DutyOccurrence"

    duty = factory.SubFactory(DutyFactory, recurrence="season", deadline=None)
    period_type = "season"
    year = 1404
    number = factory.Sequence(lambda n: n % 4 + 1)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.Indicator"

    code = factory.Sequence(lambda n: f"IND-{n}")
    name = factory.Sequence(lambda n: f"نرخ طلاق در هر هزار نفر {n}")
    theme = "divorce"


class IndicatorVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.IndicatorVersion"
        skip_postgeneration_save = True

    indicator = factory.SubFactory(IndicatorFactory)
    number = factory.Sequence(lambda n: n + 1)
    kind = "rate"
    direction = "lower"
    unit = "در هزار نفر"
    numerator_label = "شمار طلاق"
    denominator_label = "جمعیت"
    period_type = "season"

    @factory.post_generation
    def make_current(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's signature
        if create and obj.indicator.current_version_id is None:
            obj.indicator.current_version = obj
            obj.indicator.save(update_fields=["current_version"])


def indicator(**version: object):
    """An indicator with its current version (keyword arguments are the version's fields)."""
    return IndicatorVersionFactory(**version).indicator


class IndicatorTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.IndicatorTarget"

    indicator = factory.LazyFunction(lambda: IndicatorVersionFactory().indicator)
    territory = factory.LazyFunction(lambda: TerritoryFactory(kind="province"))
    year = factory.Sequence(lambda n: 1400 + n)
    value = Decimal("2.5")


def _county():
    return make_territory("county", TerritoryFactory(kind="province"), "شهرستان آزمون")


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.IndicatorValue"

    version = factory.SubFactory(IndicatorVersionFactory)
    indicator = factory.LazyAttribute(lambda o: o.version.indicator)
    territory = factory.LazyFunction(_county)
    territory_path = factory.LazyAttribute(lambda o: o.territory.path)
    period_type = "season"
    year = 1403
    number = 1
    period_start = factory.LazyAttribute(lambda o: Period(o.period_type, o.year, o.number).start)
    numerator = Decimal(12)
    denominator = Decimal(10000)
    value = Decimal("1.2")


class ValueEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.ValueEvent"

    value = factory.SubFactory(IndicatorValueFactory)
    kind = "comment"
    text = "کاهش به دلیل اجرای طرح مشاوره پیش از ازدواج"


class PeriodClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.PeriodClosure"

    territory = factory.LazyFunction(lambda: TerritoryFactory(kind="province"))
    period_type = "season"
    year = 1402
    number = factory.Sequence(lambda n: n % 4 + 1)
    reason = "پایان مهلت گزارش فصل"


class ExpectedValueFactory(factory.django.DjangoModelFactory):
    """A value a closed period expected (written by the closing in the product)."""

    class Meta:
        model = "programs.ExpectedValue"

    closure = factory.SubFactory(PeriodClosureFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    territory = factory.LazyAttribute(lambda o: o.closure.territory)
    territory_path = factory.LazyAttribute(lambda o: o.territory.path)
    period_type = factory.LazyAttribute(lambda o: o.closure.period_type)
    year = factory.LazyAttribute(lambda o: o.closure.year)
    number = factory.LazyAttribute(lambda o: o.closure.number)
    reported = False
    due_on = factory.LazyFunction(lambda: dt.date(2024, 7, 6))


FACTORIES = {
    f._meta.model._meta.label: f
    for f in (
        PolicyDocumentFactory,
        ProgramFactory,
        GoalFactory,
        DutyFactory,
        DutyOccurrenceFactory,
        IndicatorFactory,
        IndicatorVersionFactory,
        IndicatorTargetFactory,
        IndicatorValueFactory,
        ValueEventFactory,
        PeriodClosureFactory,
        ExpectedValueFactory,
    )
}
