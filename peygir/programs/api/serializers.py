"""Serializers of programs, duties, indicators and values."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from peygir.core.api.fields import FlexibleDateField
from peygir.organizations.api.serializers import OrganizationRefSerializer
from peygir.territory.api.serializers import TerritoryRefSerializer

from ..indicators_models import MAX_GRACE_DAYS
from ..models import Duty, Goal, Indicator, IndicatorTarget, IndicatorValue, IndicatorVersion, Program, Theme
from ..periods import PERIOD_TYPES, Period


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = ["id", "title", "order"]


class ProgramSerializer(serializers.ModelSerializer):
    territory = TerritoryRefSerializer(read_only=True)
    owner = OrganizationRefSerializer(read_only=True)

    class Meta:
        model = Program
        fields = [
            "id",
            "title",
            "level",
            "theme",
            "territory",
            "owner",
            "adopted_from",
            "document",
            "start_year",
            "end_year",
            "summary",
            "is_active",
        ]


class ProgramDetailSerializer(ProgramSerializer):
    goals = GoalSerializer(many=True, read_only=True)

    class Meta(ProgramSerializer.Meta):
        fields = [*ProgramSerializer.Meta.fields, "goals"]


class ProgramCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    theme = serializers.ChoiceField(choices=Theme.choices)
    territory = serializers.IntegerField()
    owner = serializers.IntegerField()
    start_year = serializers.IntegerField(min_value=1300, max_value=1500)
    end_year = serializers.IntegerField(min_value=1300, max_value=1500)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    adopted_from = serializers.IntegerField(required=False, allow_null=True, default=None)


class GoalCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500)


class DutySerializer(serializers.ModelSerializer):
    responsible = OrganizationRefSerializer(read_only=True)
    deadline = FlexibleDateField(read_only=True, allow_null=True)
    starts_on = FlexibleDateField(read_only=True)
    ends_on = FlexibleDateField(read_only=True, allow_null=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Duty
        fields = [
            "id",
            "program",
            "goal",
            "title",
            "description",
            "responsible",
            "recurrence",
            "deadline",
            "starts_on",
            "ends_on",
            "is_active",
            "actions",
        ]

    def get_actions(self, obj: Duty) -> list[int]:
        return [a.pk for a in obj.actions.all()]


class DutyCreateSerializer(serializers.Serializer):
    program = serializers.IntegerField()
    title = serializers.CharField(max_length=500)
    responsible = serializers.IntegerField()
    goal = serializers.IntegerField(required=False, allow_null=True, default=None)
    recurrence = serializers.ChoiceField(choices=Duty.Recurrence.choices, default="once")
    deadline = FlexibleDateField(required=False, allow_null=True, default=None)
    starts_on = FlexibleDateField(required=False, allow_null=True, default=None)
    ends_on = FlexibleDateField(required=False, allow_null=True, default=None)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class IndicatorVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorVersion
        fields = [
            "id",
            "number",
            "kind",
            "direction",
            "unit",
            "numerator_label",
            "denominator_label",
            "population_denominator",
            "disaggregations",
            "entry_level",
            "period_type",
            "time_aggregation",
            "min_value",
            "max_value",
            "jump_percent",
            "grace_days",
            "note",
        ]


class IndicatorSerializer(serializers.ModelSerializer):
    current_version = IndicatorVersionSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Indicator
        fields = [
            "id", "code", "name", "theme", "document", "program", "responsible", "current_version", "is_active",
        ]  # fmt: skip


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorTarget
        fields = ["id", "territory", "year", "value", "goal", "version"]


class IndicatorValueSerializer(serializers.ModelSerializer):
    period = serializers.SerializerMethodField()
    territory = TerritoryRefSerializer(read_only=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "version",
            "territory",
            "period",
            "disaggregation",
            "value",
            "numerator",
            "denominator",
            "status",
            "flags",
            "approved_at",
            "row_version",
        ]

    def get_period(self, obj: IndicatorValue) -> str:
        return Period(obj.period_type, obj.year, obj.number).key


class ValueRowSerializer(serializers.Serializer):
    """One row of a bulk entry; numbers as JSON numbers or strings in any digits."""

    territory = serializers.CharField(help_text="Territory code (or Persian name)")
    period = serializers.CharField(help_text="1403, 1403-S1 or 1403-M07 (any digits)")
    disaggregation = serializers.CharField(required=False, allow_blank=True, default="")
    value = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)
    numerator = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)
    denominator = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)
    comment = serializers.CharField(required=False, allow_blank=True, default="")

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            data = {
                k: (str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v)
                for k, v in data.items()
            }
        return super().to_internal_value(data)


class BulkValuesSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    rows = ValueRowSerializer(many=True, allow_empty=False, max_length=20_000)


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    errors = serializers.ListField(child=serializers.CharField())


class BulkErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    rows = RowErrorSerializer(many=True)


class BulkResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    flagged = RowErrorSerializer(many=True)


class ApprovalSerializer(serializers.Serializer):
    territory = serializers.IntegerField()
    period = serializers.CharField()
    level = serializers.ChoiceField(choices=["county", "province", "national"])
    indicators = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class ApprovalResultSerializer(serializers.Serializer):
    approved = serializers.IntegerField()


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class FigureSerializer(serializers.Serializer):
    territory = serializers.IntegerField(source="territory_id")
    period = serializers.SerializerMethodField()
    value = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)
    numerator = serializers.DecimalField(max_digits=24, decimal_places=6, allow_null=True)
    denominator = serializers.DecimalField(max_digits=24, decimal_places=6, allow_null=True)
    reported = serializers.IntegerField()
    expected = serializers.IntegerField()
    approved = serializers.IntegerField()
    value_ids = serializers.ListField(child=serializers.IntegerField())

    def get_period(self, obj: Any) -> str:
        return obj.period.key


class DefinitionSerializer(serializers.Serializer):
    """The fields of a definition (a new version names only what changes)."""

    kind = serializers.ChoiceField(choices=IndicatorVersion.Kind.choices, required=False)
    direction = serializers.ChoiceField(choices=IndicatorVersion.Direction.choices, required=False)
    unit = serializers.CharField(max_length=60, required=False, allow_blank=True)
    numerator_label = serializers.CharField(max_length=200, required=False, allow_blank=True)
    denominator_label = serializers.CharField(max_length=200, required=False, allow_blank=True)
    population_denominator = serializers.BooleanField(required=False)
    disaggregations = serializers.JSONField(required=False)
    entry_level = serializers.ChoiceField(choices=IndicatorVersion.EntryLevel.choices, required=False)
    period_type = serializers.ChoiceField(choices=PERIOD_TYPES, required=False)
    time_aggregation = serializers.ChoiceField(
        choices=IndicatorVersion.TimeAggregation.choices, required=False
    )
    min_value = serializers.DecimalField(max_digits=20, decimal_places=4, required=False, allow_null=True)
    max_value = serializers.DecimalField(max_digits=20, decimal_places=4, required=False, allow_null=True)
    jump_percent = serializers.IntegerField(min_value=1, max_value=10_000, required=False, allow_null=True)
    grace_days = serializers.IntegerField(
        min_value=0,
        max_value=MAX_GRACE_DAYS,
        required=False,
        help_text="days after the period's end by which its values are due (default 15)",
    )
    note = serializers.CharField(required=False, allow_blank=True)


class IndicatorCreateSerializer(DefinitionSerializer):
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=300)
    theme = serializers.ChoiceField(choices=Theme.choices)
    kind = serializers.ChoiceField(choices=IndicatorVersion.Kind.choices)
    direction = serializers.ChoiceField(choices=IndicatorVersion.Direction.choices)
    period_type = serializers.ChoiceField(choices=PERIOD_TYPES)
    program = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="the program it is defined for (its managers)",
    )


class TargetCreateSerializer(serializers.Serializer):
    territory = serializers.IntegerField()
    year = serializers.IntegerField(min_value=1300, max_value=1500)
    value = serializers.DecimalField(max_digits=20, decimal_places=4)
    goal = serializers.IntegerField(required=False, allow_null=True, default=None)
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        help_text="the target's version read (0: it must not exist yet); stale → 400, nothing written",
    )


class CommentSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=2000)


class CommentResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
