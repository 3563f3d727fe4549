"""One search result: what was found, where, by whom, when, with a plain-text snippet."""

from __future__ import annotations

from rest_framework import serializers

from peygir.organizations.api.serializers import OrganizationRefSerializer
from peygir.territory.api.serializers import TerritoryRefSerializer

from .. import highlight, selectors
from ..models import SearchEntry


class SearchResultSerializer(serializers.ModelSerializer):
    kind_label = serializers.SerializerMethodField()
    snippet = serializers.SerializerMethodField()
    territory = TerritoryRefSerializer(read_only=True, allow_null=True)
    organization = OrganizationRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = SearchEntry
        fields = [
            "kind",
            "kind_label",
            "object_id",
            "title",
            "snippet",
            "url",
            "territory",
            "organization",
            "occurred_on",
        ]

    def get_kind_label(self, entry: SearchEntry) -> str:
        return str(selectors.label(entry.kind))

    def get_snippet(self, entry: SearchEntry) -> str:
        params = self.context.get("search")
        return highlight.snippet_text(entry.body, params.found_by if params else [])
