# The report of the values entered before 0005 (reported on, due on, who answers for it).

import datetime as dt

from django.db import migrations
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncDate

from peygir.core import dataversion
from peygir.programs.periods import Period

# The organization that answers for a value's report when its indicator names no reporting
# organization: the county governorate of a county, the social office of a province.
GOVERNING = {"county": "county_governorate", "province": "social_office"}


def backfill_reports(apps, schema_editor):
    """The report of the values entered before this migration: entered on the day of their "entered"
    event (the last write's day is the same unless the figures were changed since), due 15 days after
    their period (every definition's grace is the default here), answered for by the indicator's
    reporting organization or the territory's governing one. A few statements, whatever the rows."""
    IndicatorValue = apps.get_model("programs", "IndicatorValue")
    ValueEvent = apps.get_model("programs", "ValueEvent")
    Indicator = apps.get_model("programs", "Indicator")
    Organization = apps.get_model("organizations", "Organization")
    with dataversion.bulk_fix(["programs_indicatorvalue"], using=schema_editor.connection.alias):
        _fill(IndicatorValue, ValueEvent, Indicator, Organization)


def _fill(IndicatorValue, ValueEvent, Indicator, Organization) -> None:  # noqa: N803 - historical models
    values = IndicatorValue.objects.all()
    values.update(reported_on=TruncDate("entered_at"))
    first_entry = (
        ValueEvent.objects.filter(value=OuterRef("pk"), kind="entered")
        .order_by("created_at")
        .values(day=TruncDate("created_at"))[:1]
    )
    changed = ValueEvent.objects.filter(kind="changed").values("value_id")
    values.filter(pk__in=changed).update(reported_on=Coalesce(Subquery(first_entry), "reported_on"))
    periods = values.order_by().values_list("period_type", "year", "number").distinct()
    for period_type, year, number in periods:
        due = Period(period_type, year, number).end + dt.timedelta(days=15)
        values.filter(period_type=period_type, year=year, number=number).update(due_on=due)
    responsible = Indicator.objects.filter(pk=OuterRef("indicator_id")).values("responsible_id")[:1]
    for kind, organization_kind in GOVERNING.items():
        governing = (
            Organization.objects.filter(territory_id=OuterRef("territory_id"), kind=organization_kind)
            .order_by("pk")
            .values("pk")[:1]
        )
        values.filter(territory__kind=kind).update(
            reporter=Coalesce(Subquery(responsible), Subquery(governing))
        )
    values.filter(reporter__isnull=True).update(reporter=Subquery(responsible))


class Migration(migrations.Migration):
    dependencies = [("programs", "0005_reporting_timeliness")]

    operations = [migrations.RunPython(backfill_reports, migrations.RunPython.noop)]
