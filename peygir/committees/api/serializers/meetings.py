"""Meetings with their agenda, attendance, discussion and resolutions; resolutions on their own too.

The detail is built from one prefetched meeting: sub-items are grouped in Python from the flat
prefetched lists, so the query count does not grow with the size of the minutes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from peygir.actions.api.serializers import CommitteeRefSerializer
from peygir.actions.models import Action
from peygir.committees.models import (
    AgendaItem,
    Attendance,
    DiscussionNote,
    Meeting,
    MinutesAmendment,
    Resolution,
)
from peygir.organizations.api.serializers import OrganizationRefSerializer


def _children(items: list[Any]) -> dict[int | None, list[Any]]:
    by_parent: dict[int | None, list[Any]] = defaultdict(list)
    for item in items:
        by_parent[item.parent_id].append(item)
    return by_parent


class MeetingSerializer(serializers.ModelSerializer):
    committee = CommitteeRefSerializer(read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "committee",
            "number",
            "title",
            "starts_at",
            "place",
            "chair_name",
            "status",
            "version",
        ]


class MeetingListSerializer(MeetingSerializer):
    resolution_count = serializers.IntegerField(read_only=True, help_text="Rows (sub-items not counted).")
    agenda_count = serializers.IntegerField(read_only=True, help_text="Top-level agenda items.")

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "resolution_count", "agenda_count"]


class ActionSummarySerializer(serializers.ModelSerializer):
    responsible_organization = OrganizationRefSerializer(read_only=True)

    class Meta:
        model = Action
        fields = ["id", "title", "responsible_organization", "status", "deadline", "progress"]


class DiscussionNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = DiscussionNote
        fields = ["id", "speaker_name", "speaker_title", "summary", "order"]


class AgendaItemSerializer(serializers.ModelSerializer):
    presenter = OrganizationRefSerializer(read_only=True, allow_null=True)
    referred_to = CommitteeRefSerializer(read_only=True, allow_null=True)
    notes = DiscussionNoteSerializer(many=True, read_only=True)
    sub_items = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "order",
            "kind",
            "title",
            "description",
            "presenter",
            "referred_to",
            "referred_from",
            "notes",
            "sub_items",
        ]

    def get_sub_items(self, obj: AgendaItem) -> list[dict]:
        children = self.context.get("agenda_children", {}).get(obj.pk, [])
        return AgendaItemSerializer(children, many=True, context=self.context).data


class AttendanceSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Attendance
        fields = ["id", "organization", "person_name", "person_title", "status", "represented_by", "order"]


class ResolutionRowSerializer(serializers.ModelSerializer):
    """A row of the minutes' table, with its sub-items (الف، ب) and the actions it created."""

    actions = ActionSummarySerializer(many=True, read_only=True)
    responsible_organizations = OrganizationRefSerializer(
        many=True,
        read_only=True,
        help_text="Whom the row reaches (groups expanded); a draft row has no actions until dispatched.",
    )
    is_draft = serializers.SerializerMethodField()
    sub_items = serializers.SerializerMethodField()

    @extend_schema_field(serializers.BooleanField())
    def get_is_draft(self, obj: Resolution) -> bool:
        return obj.meeting.dispatched_at is None

    class Meta:
        model = Resolution
        fields = [
            "id",
            "number",
            "label",
            "preamble",
            "text",
            "agenda_item",
            "deadline",
            "deadline_text",
            "responsible_text",
            "responsible_organizations",
            "is_draft",
            "actions",
            "sub_items",
        ]

    def get_sub_items(self, obj: Resolution) -> list[dict]:
        children = self.context.get("resolution_children", {}).get(obj.pk, [])
        return ResolutionRowSerializer(children, many=True, context=self.context).data


# Sub-items have the shape of their parent; declared after the classes exist (recursive schema).
extend_schema_field(AgendaItemSerializer(many=True))(AgendaItemSerializer.get_sub_items)
extend_schema_field(ResolutionRowSerializer(many=True))(ResolutionRowSerializer.get_sub_items)


class AmendmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = MinutesAmendment
        fields = ["id", "description", "target", "before", "after", "created_at"]


class MeetingDetailSerializer(MeetingSerializer):
    agenda_items = serializers.SerializerMethodField()
    attendance = AttendanceSerializer(many=True, read_only=True)
    resolutions = serializers.SerializerMethodField()
    amendments = AmendmentSerializer(many=True, read_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [
            *MeetingSerializer.Meta.fields,
            "chair_title",
            "quorum_note",
            "approved_at",
            "dispatched_at",
            "agenda_items",
            "attendance",
            "resolutions",
            "amendments",
        ]

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda_items(self, obj: Meeting) -> list[dict]:
        tree = _children(list(obj.agenda_items.all()))
        context = {**self.context, "agenda_children": tree}
        return AgendaItemSerializer(tree.get(None, []), many=True, context=context).data

    @extend_schema_field(ResolutionRowSerializer(many=True))
    def get_resolutions(self, obj: Meeting) -> list[dict]:
        tree = _children(list(obj.resolutions.all()))
        context = {**self.context, "resolution_children": tree}
        return ResolutionRowSerializer(tree.get(None, []), many=True, context=context).data


class ResolutionSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(read_only=True)
    committee = serializers.SerializerMethodField()

    class Meta:
        model = Resolution
        fields = [
            "id",
            "meeting",
            "committee",
            "parent",
            "number",
            "label",
            "text",
            "deadline",
            "deadline_text",
            "responsible_text",
            "created_at",
        ]

    @extend_schema_field(CommitteeRefSerializer)
    def get_committee(self, obj: Resolution) -> dict:
        return CommitteeRefSerializer(obj.meeting.committee).data


class ResolutionDetailSerializer(ResolutionSerializer):
    actions = ActionSummarySerializer(many=True, read_only=True)
    sub_items = ResolutionRowSerializer(many=True, read_only=True)

    class Meta(ResolutionSerializer.Meta):
        fields = [*ResolutionSerializer.Meta.fields, "agenda_item", "preamble", "actions", "sub_items"]
