"""Resolutions of the meetings the user may see, with their sub-items and actions."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins

from peygir.actions.models import Action
from peygir.committees import access as committee_access
from peygir.committees.models import Resolution
from peygir.core.api.viewsets import ScopedViewSet
from peygir.core.text import normalize_text

from .serializers.meetings import ResolutionDetailSerializer, ResolutionSerializer


class ResolutionFilter(django_filters.FilterSet):
    meeting = django_filters.NumberFilter(field_name="meeting_id")
    committee = django_filters.NumberFilter(field_name="meeting__committee_id")
    top_level = django_filters.BooleanFilter(field_name="parent", lookup_expr="isnull", label="Only rows")
    q = django_filters.CharFilter(method="filter_q", label="Search the text (Persian letters normalized)")

    class Meta:
        model = Resolution
        fields = ["meeting", "committee", "top_level", "q"]

    def filter_q(self, queryset, name: str, value: str):
        text = normalize_text(value)
        return queryset.filter(text_normalized__contains=text) if text else queryset


def resolutions_visible_to(user: Any) -> QuerySet[Resolution]:
    """Resolutions of the committees the user may see (the committee is the unit of access)."""
    visible = committee_access.committees_visible_to(user).values("pk")
    return Resolution.objects.filter(meeting__committee__in=visible).select_related("meeting__committee")


@extend_schema_view(
    list=extend_schema(summary="Resolutions of the meetings the user may see", tags=["resolutions"]),
    retrieve=extend_schema(summary="One resolution with its sub-items and actions", tags=["resolutions"]),
)
class ResolutionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    filterset_class = ResolutionFilter

    def get_queryset(self):
        qs = resolutions_visible_to(self.request.user)
        if self.action == "retrieve":
            actions = Action.objects.select_related("responsible_organization").order_by("id")
            qs = qs.prefetch_related(
                Prefetch("actions", queryset=actions),
                Prefetch("sub_items", queryset=Resolution.objects.order_by("label", "id")),
                Prefetch("sub_items__actions", queryset=actions),
            )
        return qs.order_by("-meeting__starts_at", "number", "label", "id")

    def get_serializer_class(self):
        return ResolutionDetailSerializer if self.action == "retrieve" else ResolutionSerializer
