"""NGO registrations through the API: the office's queue as the pages show it, and the provincial
office's verify / refuse with the same services (a document needed to verify, a reason to refuse, the
profile's `version`). Missing and forbidden both answer 404; permission comes before the body."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Count
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action as route
from rest_framework.request import Request
from rest_framework.response import Response

from peygir.core.api.serializers import version_field
from peygir.core.api.viewsets import ScopedViewSet
from peygir.core.errors import NotAllowed
from peygir.grants import access
from peygir.grants.models import NgoDocument, NgoProfile
from peygir.grants.services import ngos
from peygir.organizations.api.serializers import OrganizationRefSerializer
from peygir.territory.api.serializers import TerritoryRefSerializer

from .views import ERRORS, TAGS


class NgoDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = NgoDocument
        fields = ["id", "title", "content_type", "size", "uploaded_at"]


class NgoRegistrationSerializer(serializers.ModelSerializer):
    """An NGO's registration as the office reads it (no Sheba, no board members: they stay on the
    page). `status`: pending (the office's to check), verified, refused (with `status_reason`), or
    unconfirmed (its representative has not typed back the SMS code yet: not in the list)."""

    organization = OrganizationRefSerializer(read_only=True)
    activity_territory = TerritoryRefSerializer(read_only=True)
    themes = serializers.ListField(child=serializers.CharField(), read_only=True)
    documents = NgoDocumentSerializer(many=True, read_only=True)
    document_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = NgoProfile
        fields = [
            "id",
            "organization",
            "national_id",
            "registration_number",
            "licence_issuer",
            "licence_expires_on",
            "activity_territory",
            "themes",
            "status",
            "status_reason",
            "document_count",
            "documents",
            "verified_at",
            "created_at",
            "version",
        ]


class NgoVerifySerializer(serializers.Serializer):
    version = version_field()


class NgoRefuseSerializer(serializers.Serializer):
    """Refuse a pending registration with what the NGO must correct (it corrects and sends it again)."""

    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Required (a blank one is refused with a Persian message under `reason`).",
    )
    version = version_field()


class NgoRegistrationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=[c for c in NgoProfile.Status.choices if c[0] != NgoProfile.Status.UNCONFIRMED]
    )

    class Meta:
        model = NgoProfile
        fields = ["status"]


@extend_schema_view(
    list=extend_schema(
        summary="NGO registrations the user may see, oldest first (those awaiting their SMS code left out)",
        tags=TAGS,
    ),
    retrieve=extend_schema(summary="One NGO registration with its documents", tags=TAGS),
)
class NgoRegistrationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = NgoRegistrationSerializer
    filterset_class = NgoRegistrationFilter

    def get_queryset(self):
        qs = (
            access.ngo_profiles_visible_to(self.request.user)
            .select_related("organization__territory", "activity_territory")
            .prefetch_related("documents")
            .annotate(document_count=Count("documents"))
        )
        if self.action == "list":
            # The office's queue: a registration reaches it once its mobile is confirmed.
            qs = qs.exclude(status=NgoProfile.Status.UNCONFIRMED)
        return qs.order_by("created_at", "pk")

    def _detail(self, profile: NgoProfile) -> Response:
        return Response(NgoRegistrationSerializer(self.get_queryset().get(pk=profile.pk)).data)

    def _verifiable(self) -> NgoProfile:
        profile = self.get_object()
        if not access.can_verify_ngo(self.request.user, profile):
            raise NotAllowed  # permission before the body: 404, not 400
        return profile

    @extend_schema(
        summary="Verify a pending registration (its documents read; `version` required): the NGO is active",
        tags=TAGS,
        request=NgoVerifySerializer,
        responses={200: NgoRegistrationSerializer, **ERRORS},
    )
    @route(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def verify(self, request: Request, pk: str | None = None) -> Response:
        profile = self._verifiable()
        body = NgoVerifySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        profile = ngos.ngo_verify(
            user=request.user, profile=profile, expected_version=body.validated_data["version"]
        )
        return self._detail(profile)

    @extend_schema(
        summary="Refuse a pending registration with the reason (what to correct; `version` required)",
        tags=TAGS,
        request=NgoRefuseSerializer,
        responses={200: NgoRegistrationSerializer, **ERRORS},
    )
    @route(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def refuse(self, request: Request, pk: str | None = None) -> Response:
        profile = self._verifiable()
        body = NgoRefuseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data: dict[str, Any] = body.validated_data
        profile = ngos.ngo_refuse(
            user=request.user,
            profile=profile,
            reason=data.get("reason", ""),
            expected_version=data["version"],
        )
        return self._detail(profile)
