"""Citizens' demands through the API: list, record, intake, routing, the answers, the citizen's rating.

Thin by design: reads go through `peygir.demands.selectors` (scoped by
`demand_access.demands_visible_to`), writes through `peygir.demands.services`, which check the finer
permission (NotAllowed → 404, like a missing demand), validate (ValidationError → 400 keyed by field)
and write the history in one transaction. Personal data leaves only through `DemandDetailSerializer`,
and only when `personal_data_visible(user, demand)` says so.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action as route
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from peygir.core import files
from peygir.core.api.viewsets import ScopedViewSet
from peygir.core.errors import NotAllowed
from peygir.core.http import client_ip
from peygir.core.jalali import JalaliDateError, parse_jalali_date
from peygir.demands import access as demand_access
from peygir.demands import selectors, services
from peygir.demands.intake import can_register_any
from peygir.demands.models import Demand
from peygir.demands.ratelimit import RateLimited
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations.models import Membership
from peygir.territory.models import Territory

from .serializers import (
    AgencyReasonSerializer,
    DemandDetailSerializer,
    DemandIntakeSerializer,
    DemandSerializer,
    DoneSerializer,
    EmptySerializer,
    MergeSerializer,
    PlannedSerializer,
    PublicNoteSerializer,
    RateResultSerializer,
    RateSerializer,
    ReasonSerializer,
    SimilarDemandSerializer,
    SimilarQuerySerializer,
    SupporterSerializer,
    VerifySerializer,
)
from .support import (
    ERRORS,
    RateLimitedAPI,
    agency_by_id,
    category_by_id,
    lookup,
    territory_by_id,
)

TAGS = ["demands"]


# ---------------------------------------------------------------- demands


class DemandFilter(django_filters.FilterSet):
    """Validate and document; `demands.selectors.demand_list` applies them (one place with meaning)."""

    status = django_filters.ChoiceFilter(choices=Demand.Status.choices, method="noop")
    office = django_filters.NumberFilter(method="noop", label="Facilitation office id")
    agency = django_filters.NumberFilter(method="noop")
    category = django_filters.NumberFilter(method="noop", label="This category or below")
    neighbourhood = django_filters.NumberFilter(method="noop", label="This territory or below")
    q = django_filters.CharFilter(method="noop", label="Search the text (Persian letters normalized)")
    period_from = django_filters.CharFilter(method="noop", label="Registered on or after (ISO or Jalali)")
    period_to = django_filters.CharFilter(method="noop", label="Registered on or before (ISO or Jalali)")
    overdue = django_filters.BooleanFilter(method="noop")

    class Meta:
        model = Demand
        fields = ["status", "office", "agency", "category", "neighbourhood", "q", "period_from", "period_to"]

    def noop(self, queryset, name: str, value):
        return queryset

    def filter_queryset(self, queryset):
        data = {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}
        for key in ("office", "agency", "category", "neighbourhood"):
            if key in data:
                data[key] = int(data[key])
        for key in ("period_from", "period_to"):
            if key in data:
                try:
                    data[key] = parse_jalali_date(data[key])
                except JalaliDateError as exc:
                    raise ValidationError({key: str(exc)}) from exc
        qs = selectors.demand_list(user=self.request.user, filters=data)
        return qs.select_related("category", "neighbourhood", "office__organization", "agency")


def _write(summary: str, body: type, *, code: int = 200) -> Any:
    return extend_schema(
        summary=summary, tags=TAGS, request=body, responses={code: DemandDetailSerializer, **ERRORS}
    )


@extend_schema_view(
    list=extend_schema(summary="Demands the user may see (never personal data)", tags=TAGS),
    retrieve=extend_schema(
        summary="One demand with its routes and history; personal data only for the office", tags=TAGS
    ),
)
class DemandViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    filterset_class = DemandFilter
    serializer_class = DemandSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        # The filter set replaces this with `demand_list(...)`; this is only the model and the fallback.
        return Demand.objects.none()

    def get_object(self) -> Demand:
        # Shows nothing by itself: `_detail`, which answers with the record, logs the read.
        return selectors.demand_detail(user=self.request.user, pk=self.kwargs["pk"], log_read=False)

    def _detail(self, demand: Demand, *, code: int = 200) -> Response:
        """The record as the user may see it: re-read through the selector (masked, scoped)."""
        user = self.request.user
        demand = selectors.demand_detail(user=user, pk=demand.pk)
        context = {
            "request": self.request,
            "personal_data_visible": demand.personal_data_visible,
            "supporters": selectors.demand_supporters(user=user, demand=demand),
            "attachments": list(selectors.demand_attachments(demand)),
            "routes": list(selectors.demand_routes(demand)),
            "history": list(selectors.demand_history(demand)),
        }
        return Response(DemandDetailSerializer(demand, context=context).data, status=code)

    def _body(self, serializer_class: type) -> dict[str, Any]:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _version(self) -> int | None:
        return self._body(EmptySerializer).get("version")

    # Permission before the body: someone who may not take a step gets the 404 of "not yours" for a
    # malformed request too, never a 400 that tells them the demand is there and what it expects.
    def _handled(self) -> Demand:
        """The demand, for the office's steps (its handlers only)."""
        demand = self.get_object()
        if not demand_access.can_handle_demand(self.request.user, demand):
            raise NotAllowed
        return demand

    def _answered(self) -> Demand:
        """The demand, for the agency's answers (the agency it is routed to only)."""
        demand = self.get_object()
        if not demand_access.can_answer_demand(self.request.user, demand):
            raise NotAllowed
        return demand

    def _call(self, service: Any, serializer_class: type, *names: str) -> Response:
        """The shape of most office answers: read the demand, check the user handles it, validate the
        body, hand the named fields and the version to the service, answer with the demand as it now
        stands."""
        demand = self._handled()
        data = self._body(serializer_class)
        service(
            user=self.request.user,
            demand=demand,
            expected_version=data.get("version"),
            **{name: data[name] for name in names},
        )
        return self._detail(demand)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return self._detail(self.get_object())

    # ------------------------------------------------------------ intake

    def _office(self, pk: int | None, neighbourhood: Territory) -> FacilitationOffice:
        """The office named; else the one office the user facilitates in; else the neighbourhood's."""
        if pk is not None:
            return lookup(FacilitationOffice, pk, "office", _("دفتر تسهیلگری پیدا نشد."))
        offices = list(
            FacilitationOffice.objects.filter(
                organization__memberships__user=self.request.user,
                organization__memberships__is_active=True,
                organization__memberships__role=Membership.Role.FACILITATOR,
            ).distinct()[:2]
        )
        office = offices[0] if len(offices) == 1 else services.office_for_neighbourhood(neighbourhood)
        if office is None:
            raise ValidationError({"office": _("دفتر تسهیلگری را انتخاب کنید.")})
        return office

    @_write(
        "Register a demand for a citizen (facilitator; multipart with `files`)",
        DemandIntakeSerializer,
        code=201,
    )
    def create(self, request: Request) -> Response:
        if not can_register_any(request.user):
            raise NotAllowed
        data = self._body(DemandIntakeSerializer)
        neighbourhood = territory_by_id(data["neighbourhood"], "neighbourhood")
        demand = services.demand_intake(
            user=request.user,
            office=self._office(data.get("office"), neighbourhood),
            category=category_by_id(data["category"]),
            neighbourhood=neighbourhood,
            title=data["title"],
            description=data["description"],
            citizen_name=data["citizen_name"],
            citizen_mobile=data["citizen_mobile"],
            consent=data["consent"],
            on_behalf_of_group=data["on_behalf_of_group"],
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            files=data.get("files") or (),
        )
        return self._detail(demand, code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Open demands of a neighbourhood that say nearly the same thing (offer before intake)",
        tags=TAGS,
        parameters=[SimilarQuerySerializer],
        responses={200: SimilarDemandSerializer(many=True), 400: ERRORS[400]},
    )
    @route(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def similar(self, request: Request) -> Response:
        query = SimilarQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        pairs = services.demand_find_similar(
            neighbourhood=territory_by_id(data["neighbourhood"], "neighbourhood"),
            text=data["text"],
            category=category_by_id(data.get("category")),
        )
        visible = set(
            selectors.demand_list(user=request.user)
            .filter(pk__in=[d.pk for d, _s in pairs])
            .values_list("pk", flat=True)
        )
        rows = [{"demand": d, "score": score} for d, score in pairs if d.pk in visible]
        return Response(SimilarDemandSerializer(rows, many=True).data)

    @_write("Attach another citizen as “also requested by” (raises supporters_count)", SupporterSerializer)
    @route(detail=True, methods=["post"], filterset_class=None)
    def supporters(self, request: Request, pk: str | None = None) -> Response:
        demand = self._handled()
        data = dict(self._body(SupporterSerializer))
        version = data.pop("version")
        services.demand_add_supporter(user=request.user, demand=demand, expected_version=version, **data)
        return self._detail(demand)

    @_write(
        "Merge a duplicate into the open demand it repeats (its citizen becomes a supporter)", MergeSerializer
    )
    @route(detail=True, methods=["post"], filterset_class=None)
    def merge(self, request: Request, pk: str | None = None) -> Response:
        demand = self._handled()
        data = self._body(MergeSerializer)
        into = selectors.demand_detail(user=request.user, pk=data["into"])
        services.demand_merge(
            user=request.user,
            demand=demand,
            into=into,
            reason=data["reason"],
            expected_version=data.get("version"),
        )
        return self._detail(demand)

    # ------------------------------------------------------------ office side

    @_write("Route by the rules (most specific wins; no rule → the office's triage)", EmptySerializer)
    @route(detail=True, methods=["post"], url_path="route", filterset_class=None)
    def route_by_rules(self, request: Request, pk: str | None = None) -> Response:
        demand = self._handled()
        services.demand_route(demand=demand, user=request.user, expected_version=self._version())
        return self._detail(demand)

    @_write("Re-route to another agency, with a reason", AgencyReasonSerializer)
    @route(detail=True, methods=["post"], filterset_class=None)
    def reroute(self, request: Request, pk: str | None = None) -> Response:
        demand = self._handled()
        data = self._body(AgencyReasonSerializer)
        services.demand_reroute(
            user=request.user,
            demand=demand,
            agency=agency_by_id(data["agency"]),
            reason=data["reason"],
            expected_version=data.get("version"),
        )
        return self._detail(demand)

    @_write("Assign a demand of the triage queue to an agency", AgencyReasonSerializer)
    @route(detail=True, methods=["post"], filterset_class=None)
    def assign(self, request: Request, pk: str | None = None) -> Response:
        demand = self._handled()
        data = self._body(AgencyReasonSerializer)
        services.demand_assign_from_triage(
            user=request.user,
            demand=demand,
            agency=agency_by_id(data["agency"]),
            reason=data["reason"],
            expected_version=data.get("version"),
        )
        return self._detail(demand)

    @_write("Accept the agency's planned date (it becomes the deadline)", EmptySerializer)
    @route(detail=True, methods=["post"], url_path="accept-plan", filterset_class=None)
    def accept_plan(self, request: Request, pk: str | None = None) -> Response:
        demand = self._handled()
        services.demand_accept_plan(user=request.user, demand=demand, expected_version=self._version())
        return self._detail(demand)

    @_write("Decline the agency's planned date, with a reason", ReasonSerializer)
    @route(detail=True, methods=["post"], url_path="decline-plan", filterset_class=None)
    def decline_plan(self, request: Request, pk: str | None = None) -> Response:
        return self._call(services.demand_decline_plan, ReasonSerializer, "reason")

    @_write("Close as out of scope (not a demand anyone can act on), with a reason", ReasonSerializer)
    @route(detail=True, methods=["post"], url_path="close-rejected", filterset_class=None)
    def close_rejected(self, request: Request, pk: str | None = None) -> Response:
        return self._call(services.demand_close_rejected, ReasonSerializer, "reason")

    @_write("Verify the agency's “done” (closes the demand)", VerifySerializer)
    @route(detail=True, methods=["post"], filterset_class=None)
    def verify(self, request: Request, pk: str | None = None) -> Response:
        return self._call(services.demand_verify, VerifySerializer, "public_note")

    @_write("Send the agency's “done” back, with a reason", ReasonSerializer)
    @route(detail=True, methods=["post"], url_path="reject-done", filterset_class=None)
    def reject_done(self, request: Request, pk: str | None = None) -> Response:
        return self._call(services.demand_reject_done, ReasonSerializer, "reason")

    @_write("Set the note the citizen sees on the status page", PublicNoteSerializer)
    @route(detail=True, methods=["post"], url_path="public-note", filterset_class=None)
    def public_note(self, request: Request, pk: str | None = None) -> Response:
        return self._call(services.demand_set_public_note, PublicNoteSerializer, "text")

    # ------------------------------------------------------------ agency side

    @extend_schema(
        summary="Agency: not ours (back to the office's triage, with a reason)",
        description="Answers with the list row: the agency usually stops seeing the demand at once.",
        tags=TAGS,
        request=ReasonSerializer,
        responses={200: DemandSerializer, **ERRORS},
    )
    @route(detail=True, methods=["post"], url_path="not-ours", filterset_class=None)
    def not_ours(self, request: Request, pk: str | None = None) -> Response:
        demand = self._answered()
        data = self._body(ReasonSerializer)
        demand = services.demand_answer_not_ours(
            user=request.user, demand=demand, reason=data["reason"], expected_version=data.get("version")
        )
        return Response(DemandSerializer(demand).data)

    @_write("Agency: planned for a date (ISO or Jalali; the office accepts it)", PlannedSerializer)
    @route(detail=True, methods=["post"], filterset_class=None)
    def planned(self, request: Request, pk: str | None = None) -> Response:
        demand = self._answered()
        data = self._body(PlannedSerializer)
        services.demand_answer_planned(
            user=request.user,
            demand=demand,
            date=data["date"],
            note=data["note"],
            expected_version=data.get("version"),
        )
        return self._detail(demand)

    @_write("Agency: done, with evidence (multipart with `files`)", DoneSerializer)
    @route(detail=True, methods=["post"], filterset_class=None)
    def done(self, request: Request, pk: str | None = None) -> Response:
        demand = self._answered()
        data = self._body(DoneSerializer)
        services.demand_answer_done(
            user=request.user,
            demand=demand,
            text=data["text"],
            files=data["files"],
            expected_version=data.get("version"),
        )
        return self._detail(demand)

    @extend_schema(
        summary="Download one attachment of the demand",
        tags=TAGS,
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: ERRORS[404]},
    )
    @route(
        detail=True,
        methods=["get"],
        url_path=r"attachments/(?P<attachment_id>[0-9]+)",
        url_name="attachment",
        filterset_class=None,
        pagination_class=None,
    )
    def attachment(
        self, request: Request, pk: str | None = None, attachment_id: str | None = None
    ) -> FileResponse:
        demand = self.get_object()
        attachment = demand.attachments.filter(pk=attachment_id).first()
        if attachment is None or not attachment.file:
            raise Http404
        return files.download(
            attachment.file, filename=attachment.original_name, content_type=attachment.content_type
        )

    # ------------------------------------------------------------ citizen (no account)

    @extend_schema(
        summary="Citizen: rate a closed demand (tracking code + last four digits of the mobile)",
        description="Public and rate-limited. A wrong code and wrong digits answer the same 400.",
        tags=TAGS,
        auth=[],
        request=RateSerializer,
        responses={
            200: RateResultSerializer,
            400: OpenApiResponse(description="Bad rating, or wrong code or digits (indistinguishable)."),
            429: OpenApiResponse(description="Too many attempts from this address; try later."),
        },
    )
    @route(
        detail=False,
        methods=["post"],
        permission_classes=[AllowAny],
        authentication_classes=[],
        filterset_class=None,
    )
    def rate(self, request: Request) -> Response:
        data = self._body(RateSerializer)
        try:
            demand = services.demand_rate(
                tracking_code=data["tracking_code"],
                mobile_last4=data["mobile_last4"],
                rating=data["rating"],
                resolved=data["resolved"],
                comment=data["comment"],
                client_ip=client_ip(request),
            )
        except RateLimited as exc:
            raise RateLimitedAPI(exc) from exc
        return Response(
            RateResultSerializer(
                {"tracking_code": demand.tracking_code, "status": demand.status, "rating": demand.rating}
            ).data
        )
