"""Shapes of coordination on the API: candidate pairs, decisions, the entry check's candidates."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from peygir.core.api.fields import FlexibleDateField

from .. import access
from ..models import CandidatePair, Decision
from ..services import NOTE_LIMIT


class RecordSerializer(serializers.Serializer):
    """One record of a pair: its kind and id, the body, and (only where the user may see the record)
    its title and link."""

    kind = serializers.CharField()
    id = serializers.IntegerField()
    kind_label = serializers.CharField()
    organization = serializers.IntegerField(allow_null=True)
    organization_name = serializers.CharField(allow_blank=True)
    title = serializers.CharField(allow_null=True)
    url = serializers.CharField(allow_null=True)


def _side(obj: Any, side: str, titles: dict) -> dict[str, Any]:
    key = getattr(obj, f"{side}_key")
    org = getattr(obj, f"{side}_organization")
    shown = titles.get(key)
    return {
        "kind": key[0],
        "id": key[1],
        "kind_label": access.kind_label(key[0]),
        "organization": org.pk if org else None,
        "organization_name": org.name if org else "",
        "title": shown["title"] if shown else None,
        "url": shown["url"] if shown else None,
    }


class _PairSerializer(serializers.ModelSerializer):
    a = serializers.SerializerMethodField()
    b = serializers.SerializerMethodField()

    def get_a(self, obj: Any) -> dict:
        return RecordSerializer(_side(obj, "a", self.context.get("titles", {}))).data

    def get_b(self, obj: Any) -> dict:
        return RecordSerializer(_side(obj, "b", self.context.get("titles", {}))).data


class CandidatePairSerializer(_PairSerializer):
    class Meta:
        model = CandidatePair
        fields = ["id", "a", "b", "county", "score", "reasons", "status", "found_by", "found_at"]


class DecisionSerializer(_PairSerializer):
    class Meta:
        model = Decision
        fields = [
            "id",
            "a",
            "b",
            "county",
            "outcome",
            "lead",
            "note",
            "origin",
            "decided_by",
            "decided_at",
            "undone_at",
            "undo_reason",
            "version",
        ]


class DecideSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Decision.Outcome.choices)
    lead = serializers.ChoiceField(
        choices=[("a", "a"), ("b", "b")],
        required=False,
        allow_blank=True,
        default="",
        help_text="same_work only",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=NOTE_LIMIT)


class DecisionCreateSerializer(serializers.Serializer):
    first = serializers.RegexField(r"^[a-z_]{1,20}:[0-9]{1,18}$", help_text="kind:id, e.g. project:12")
    second = serializers.RegexField(r"^[a-z_]{1,20}:[0-9]{1,18}$")
    outcome = serializers.ChoiceField(choices=Decision.Outcome.choices)
    lead = serializers.RegexField(r"^[a-z_]{1,20}:[0-9]{1,18}$", required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=NOTE_LIMIT)


class UndoSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=NOTE_LIMIT)
    version = serializers.IntegerField(required=False, min_value=0, max_value=2**31)


class CheckQuerySerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500)
    body = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    organization = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**62),
        required=False,
        default=list,
        max_length=50,
    )
    territory = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    starts_on = FlexibleDateField(required=False)
    ends_on = FlexibleDateField(required=False)


class CandidateSerializer(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.IntegerField(source="object_id")
    kind_label = serializers.CharField()
    organization = serializers.IntegerField(source="organization_id", allow_null=True)
    organization_name = serializers.CharField()
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    visible = serializers.BooleanField()
    title = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)
