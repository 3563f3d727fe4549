"""Closing a reporting period over the API, with the page's rules (closures.py, web/definitions.py).

- `GET period-closures/` (`territory`, `year`, `period_type`) and `GET period-closures/{id}/`: the
  closings of the provinces the user reads, each with what was missing when it closed.
- `GET period-closures/state/?territory=&period=`: a province's period as it stands — closed or not,
  what is missing (or was, when it closed), and the `version` of its record.
- `POST period-closures/` `{territory, period, reason, version}`: the province's approvers close a
  period that has ended. `version` is required (400 without it) and must be the one read from
  `state` (409 when values were entered, changed, approved or returned since); a period closed before
  is refused with a Persian message (400). A closing is never reopened: a value is corrected only by
  returning it (`POST indicator-values/{id}/reopen/`), once, as on the pages.
"""

from __future__ import annotations

from typing import Any

import django_filters
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action as route
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from peygir.core.api.serializers import version_field
from peygir.core.api.viewsets import ScopedViewSet
from peygir.core.errors import ValidationError as ServiceError
from peygir.territory.api.serializers import TerritoryRefSerializer
from peygir.territory.models import Territory

from .. import access, closures
from ..models import PeriodClosure
from ..periods import PERIOD_TYPES, Period, PeriodError, parse_period

ERRORS = {
    400: OpenApiResponse(
        description="Invalid input, a period not yet over, or closed before; `{field: [Persian message]}`."
    ),
    404: OpenApiResponse(description="No such province, or not yours to read (or, to close, to approve)."),
    409: OpenApiResponse(
        description="`version` is stale: the period's values changed since you read its state."
    ),
}


class MissingSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    name = serializers.CharField()
    territories = serializers.ListField(child=serializers.CharField(), help_text="names (at most 50)")
    count = serializers.IntegerField()


def _period_of(closure: PeriodClosure) -> Period:
    return Period(closure.period_type, closure.year, closure.number)


class PeriodClosureSerializer(serializers.ModelSerializer):
    territory = TerritoryRefSerializer(read_only=True)
    period = serializers.SerializerMethodField(help_text="1403, 1403-S1 or 1403-M07")
    label = serializers.SerializerMethodField(help_text="Persian: «بهار ۱۴۰۳»")
    closed_by = serializers.SerializerMethodField()
    missing = MissingSerializer(many=True, read_only=True)

    class Meta:
        model = PeriodClosure
        fields = [
            "id",
            "territory",
            "period",
            "label",
            "reason",
            "closed_at",
            "closed_by",
            "missing_count",
            "missing",
        ]

    def get_period(self, obj: PeriodClosure) -> str:
        return _period_of(obj).key

    def get_label(self, obj: PeriodClosure) -> str:
        return _period_of(obj).label

    def get_closed_by(self, obj: PeriodClosure) -> str | None:
        return obj.closed_by.display_name if obj.closed_by_id else None


class PeriodStateSerializer(serializers.Serializer):
    territory = serializers.IntegerField()
    period = serializers.CharField()
    label = serializers.CharField()
    ends_on = serializers.DateField(help_text="the period's last day: it may be closed from the next day")
    closed = serializers.BooleanField()
    closure = PeriodClosureSerializer(allow_null=True)
    missing_count = serializers.IntegerField(help_text="values missing now (or when it was closed)")
    missing = MissingSerializer(many=True)
    version = serializers.IntegerField(help_text="send it back to close the period")
    may_close = serializers.BooleanField(help_text="the user may close it now")


class PeriodCloseSerializer(serializers.Serializer):
    territory = serializers.IntegerField(min_value=1, max_value=2**31 - 1, help_text="a province")
    period = serializers.CharField(max_length=20, help_text="1403, 1403-S1 or 1403-M07 (any digits)")
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    version = version_field("The `version` of the period's state you read; a stale one answers 409.")


class ClosureFilter(django_filters.FilterSet):
    territory = django_filters.NumberFilter(field_name="territory_id")
    year = django_filters.NumberFilter()
    period_type = django_filters.ChoiceFilter(choices=PERIOD_TYPES)

    class Meta:
        model = PeriodClosure
        fields = ["territory", "year", "period_type"]


def _parse(text: Any) -> Period:
    try:
        return parse_period(str(text or ""))
    except PeriodError as exc:
        raise ValidationError({"period": [str(exc)]}) from exc


def _province(pk: Any) -> Territory:
    """The province named, or 404 (a missing territory and a county alike: counties close nothing)."""
    try:
        return Territory.objects.get(pk=int(pk), kind=Territory.Kind.PROVINCE)
    except (TypeError, ValueError, OverflowError, Territory.DoesNotExist) as exc:
        raise NotFound from exc


def _missing_rows(missing: list[Any]) -> list[dict[str, Any]]:
    return [
        m if isinstance(m, dict) else
        {"indicator": m.indicator_id, "name": m.name, "territories": m.territories, "count": m.count}
        for m in missing
    ]  # fmt: skip


@extend_schema_view(
    list=extend_schema(
        summary="Closed reporting periods of the provinces the user reads", tags=["indicators"]
    ),
    retrieve=extend_schema(summary="One closing, with what was missing then", tags=["indicators"]),
)
class PeriodClosureViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = PeriodClosureSerializer
    filterset_class = ClosureFilter

    def get_queryset(self):
        return (
            access.closures_visible_to(self.request.user)
            .select_related("territory", "closed_by")
            .order_by("-closed_at", "-id")
        )

    @extend_schema(
        summary="A province's reporting period as it stands: closed or not, what is missing, its version",
        tags=["indicators"],
        parameters=[
            OpenApiParameter("territory", int, required=True, description="a province"),
            OpenApiParameter("period", str, required=True, description="1403, 1403-S1 or 1403-M07"),
        ],
        responses={200: PeriodStateSerializer, **ERRORS},
    )
    @route(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def state(self, request: Request) -> Response:
        province = _province(request.query_params.get("territory"))
        if not access.can_read_territory(request.user, province):
            raise NotFound
        period = _parse(request.query_params.get("period"))
        closure = closures.find(province, period)
        missing = closure.missing if closure else closures.missing_values(province, period)
        rows = _missing_rows(missing)
        may = closure is None and access.can_approve(request.user, province, "province")
        if may:
            try:
                closures.check_close(request.user, province, period)
            except ServiceError:  # not over yet (or not begun): it may not be closed now
                may = False
        body = {
            "territory": province.pk,
            "period": period.key,
            "label": period.label,
            "ends_on": period.end,
            "closed": closure is not None,
            "closure": closure,
            "missing_count": closure.missing_count if closure else sum(r["count"] for r in rows),
            "missing": rows,
            "version": closures.period_version(province, period),
            "may_close": may,
        }
        return Response(PeriodStateSerializer(body).data)

    @extend_schema(
        summary="Close a province's reporting period (its approvers; the period must be over)",
        description="Send the `version` read from `state`: values entered, changed, approved or returned "
        "since answer 409 and nothing is closed. A period closed before answers 400. A closing is never "
        "reopened; a value is corrected by returning it (`indicator-values/{id}/reopen/`), once.",
        tags=["indicators"],
        request=PeriodCloseSerializer,
        responses={201: PeriodClosureSerializer, **ERRORS},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not access.may_close_some_period(request.user):
            raise NotFound
        body = PeriodCloseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        province = _province(data["territory"])
        if not access.can_approve(request.user, province, "province"):
            raise NotFound
        closure = closures.period_close(
            user=request.user,
            province=province,
            period=_parse(data["period"]),
            reason=data["reason"],
            expected_version=data["version"],
        )
        closure = self.get_queryset().get(pk=closure.pk)
        return Response(PeriodClosureSerializer(closure).data, status=status.HTTP_201_CREATED)
