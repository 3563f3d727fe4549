"""Direct instructions through the API: an office's own system issues one text to several
organizations with one deadline (the same service as the page, `administration.directives`)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from peygir.administration import access, directives
from peygir.core.api.fields import FlexibleDateField
from peygir.core.errors import NotAllowed
from peygir.organizations.models import Organization


class DirectiveSerializer(serializers.Serializer):
    issuer = serializers.IntegerField(help_text="The organization issuing (one the user manages).")
    title = serializers.CharField(max_length=500, trim_whitespace=False)
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    responsible = serializers.ListField(
        child=serializers.IntegerField(), allow_empty=False, max_length=directives.MAX_RESPONSIBLE
    )
    deadline = FlexibleDateField(help_text="ISO 8601 (2026-04-20) or Jalali (۱۴۰۵/۰۲/۰۱).")


class DirectiveResultSerializer(serializers.Serializer):
    actions = serializers.ListField(
        child=serializers.IntegerField(), help_text="One action per organization."
    )


class DirectiveViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Issue a direct instruction: one action per responsible organization",
        tags=["directives"],
        request=DirectiveSerializer,
        responses={
            201: DirectiveResultSerializer,
            400: OpenApiResponse(description="Invalid input (Persian messages by field)"),
            404: OpenApiResponse(description="Not found or not allowed"),
        },
    )
    def create(self, request: Request) -> Response:
        if not access.can_issue_directives(request.user):
            raise NotAllowed
        body = DirectiveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        issuer = access.issuer_organizations(request.user).filter(pk=data["issuer"]).first()
        if issuer is None:
            raise NotAllowed
        found = {o.pk: o for o in Organization.objects.filter(pk__in=data["responsible"])}
        missing = [pk for pk in data["responsible"] if pk not in found]
        if missing:
            names = "، ".join(str(pk) for pk in missing)
            raise serializers.ValidationError(
                {"responsible": [_("سازمان ناشناخته: %(ids)s") % {"ids": names}]}
            )
        actions = directives.directive_issue(
            user=request.user,
            issuer=issuer,
            responsible=[found[pk] for pk in data["responsible"]],
            deadline=data["deadline"],
            title=data["title"],
            description=data["description"],
        )
        return Response({"actions": [a.pk for a in actions]}, status=status.HTTP_201_CREATED)
