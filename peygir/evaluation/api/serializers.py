"""Scorecards as JSON: every measure with its numerator, denominator, weight and rule, and the
address of the records behind it on the pages."""

from __future__ import annotations

from rest_framework import serializers


class MeasureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    basis = serializers.CharField(help_text="How the score is computed.")
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    score = serializers.FloatField(allow_null=True, help_text="0–100; null when there was nothing to count.")
    weight = serializers.IntegerField()
    extra = serializers.DictField(
        help_text="overdue: days, cap; rating: rated, rating_total; data quality: gap (denominator − "
        "numerator: actions without a timely report, completions without evidence, indicator reports "
        "not first entered by their due date, indicator reports missing — due date passed or period "
        "closed without them); the indicator measures also late and missing (of their reports)."
    )


class SubjectSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="agency, country, province or county")
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class WeightsSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text="null: the built-in default")
    version = serializers.IntegerField()
    territory_name = serializers.CharField()
    values = serializers.DictField(child=serializers.IntegerField())
    overdue_cap_days = serializers.IntegerField()


class PeriodSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="Jalali year")
    part = serializers.CharField(help_text="'' (the whole year), S1..S4 (a season) or M01..M12 (a month)")
    key = serializers.CharField(help_text="1403, 1403-S1 or 1403-M07")
    label = serializers.CharField(help_text="Persian: «سال ۱۴۰۳», «بهار ۱۴۰۳»")
    start = serializers.DateField()
    end = serializers.DateField()
    as_of = serializers.DateField()


class ScorecardSerializer(serializers.Serializer):
    subject = SubjectSerializer()
    period = PeriodSerializer()
    weights = WeightsSerializer()
    score = serializers.FloatField(allow_null=True, help_text="Performance, 0–100 (weighted mean).")
    quality_score = serializers.FloatField(allow_null=True, help_text="Data quality, 0–100, apart.")
    rank = serializers.IntegerField(allow_null=True)
    measures = MeasureSerializer(many=True)
    quality = MeasureSerializer(many=True)


class TerritoryScorecardSerializer(serializers.Serializer):
    card = ScorecardSerializer()
    agencies = ScorecardSerializer(many=True)
    children = ScorecardSerializer(many=True)
