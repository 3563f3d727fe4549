"""Organizations: the directory (open to every signed-in user) and, for those who may, the record."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from peygir.organizations.models import Organization
from peygir.territory.api.serializers import TerritoryRefSerializer


class OrganizationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "short_name", "kind"]


class OrganizationSerializer(serializers.ModelSerializer):
    territory = TerritoryRefSerializer(read_only=True)
    parent = OrganizationRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Organization
        fields = ["id", "name", "short_name", "kind", "territory", "parent", "is_active"]


class ActionCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    due_soon = serializers.IntegerField()
    reported_done = serializers.IntegerField()
    verified = serializers.IntegerField()
    cancelled = serializers.IntegerField()


class OrganizationDetailSerializer(OrganizationSerializer):
    supervisor = OrganizationRefSerializer(read_only=True, allow_null=True)
    group_members = serializers.SerializerMethodField()
    action_counts = serializers.SerializerMethodField()

    class Meta(OrganizationSerializer.Meta):
        fields = [
            *OrganizationSerializer.Meta.fields,
            "supervisor",
            "email",
            "phone",
            "group_members",
            "action_counts",
        ]

    @extend_schema_field(OrganizationRefSerializer(many=True))
    def get_group_members(self, obj: Organization) -> list[dict]:
        return OrganizationRefSerializer(obj.members_of_group.all(), many=True).data

    @extend_schema_field(ActionCountsSerializer(allow_null=True))
    def get_action_counts(self, obj: Organization) -> dict | None:
        """Only for those who may read the organization's record; null for the rest."""
        counts = self.context.get("action_counts")
        return ActionCountsSerializer(counts).data if counts is not None else None
