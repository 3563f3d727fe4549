"""Territories: the tree without geometry; boundaries come from their own endpoint."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from peygir.territory.models import Territory, TerritoryBoundary


class TerritoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Territory
        fields = ["id", "kind", "name_fa", "name_en"]


class TerritorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Territory
        fields = [
            "id",
            "kind",
            "name_fa",
            "name_en",
            "code",
            "parent",
            "depth",
            "population",
            "is_underprivileged",
            "is_informal_settlement",
        ]


class TerritoryDetailSerializer(TerritorySerializer):
    ancestors = serializers.SerializerMethodField()

    class Meta(TerritorySerializer.Meta):
        fields = [*TerritorySerializer.Meta.fields, "ancestors"]

    @extend_schema_field(TerritoryRefSerializer(many=True))
    def get_ancestors(self, obj: Territory) -> list[dict]:
        """From the root down to the parent (the territory itself is left out)."""
        ancestors = self.context.get("ancestors", [])
        return TerritoryRefSerializer(ancestors, many=True).data


class TerritoryBoundarySerializer(serializers.ModelSerializer):
    geojson = serializers.JSONField()

    class Meta:
        model = TerritoryBoundary
        fields = ["territory", "geojson", "source", "updated_at"]
