"""Committees and their members."""

from __future__ import annotations

from rest_framework import serializers

from peygir.actions.api.serializers import CommitteeRefSerializer
from peygir.committees.models import Committee, CommitteeMember
from peygir.organizations.api.serializers import OrganizationRefSerializer
from peygir.territory.api.serializers import TerritoryRefSerializer


class CommitteeSerializer(serializers.ModelSerializer):
    territory = TerritoryRefSerializer(read_only=True)
    secretariat = OrganizationRefSerializer(read_only=True)
    parent = CommitteeRefSerializer(read_only=True, allow_null=True)
    member_count = serializers.IntegerField(read_only=True)
    meeting_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Committee
        fields = [
            "id",
            "name",
            "kind",
            "territory",
            "secretariat",
            "parent",
            "is_active",
            "member_count",
            "meeting_count",
        ]


class CommitteeMemberSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer(read_only=True)

    class Meta:
        model = CommitteeMember
        fields = ["id", "organization", "position", "representative_title", "order"]


class CommitteeDetailSerializer(CommitteeSerializer):
    members = CommitteeMemberSerializer(many=True, read_only=True)
    working_groups = CommitteeRefSerializer(many=True, read_only=True)
    member_count = serializers.SerializerMethodField()
    meeting_count = serializers.SerializerMethodField()

    class Meta(CommitteeSerializer.Meta):
        fields = [*CommitteeSerializer.Meta.fields, "description", "members", "working_groups"]

    def get_member_count(self, obj: Committee) -> int:
        return len(obj.members.all())  # prefetched by the selector

    def get_meeting_count(self, obj: Committee) -> int:
        return getattr(obj, "meeting_count", None) or obj.meetings.count()
