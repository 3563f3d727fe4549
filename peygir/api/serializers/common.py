"""Small nested shapes shared by several resources (a reference to an organization, a territory …)."""

from __future__ import annotations

from rest_framework import serializers

from peygir.organizations.models import Organization
from peygir.territory.models import Territory


class TerritoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Territory
        fields = ["id", "kind", "name_fa", "name_en"]


class OrganizationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "short_name", "kind"]


class VersionSerializer(serializers.Serializer):
    """The body of a state change that carries nothing but the version the client read."""

    version = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text="نسخه‌ای که خوانده‌اید؛ اگر کهنه باشد ۴۰۹."
    )
