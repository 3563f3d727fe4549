"""Open311 GeoReport v2 shapes: services, service requests, the POST answer and errors.

A service request here never carries personal data: no first_name, last_name, phone, email, device or
account (the spec lists them for POST only; we accept them and never give them back).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from peygir.demands.models import Demand, DemandCategory

OPEN = "open"
CLOSED = "closed"
OPEN_STATUSES = frozenset(Demand.OPEN_STATUSES) | {Demand.Status.UNCONFIRMED}


def open311_status(demand: Demand) -> str:
    """open while someone still has to act (unconfirmed included); closed once resolved, merged or refused."""
    return OPEN if demand.status in OPEN_STATUSES else CLOSED


def iso(moment: dt.datetime | None) -> str | None:
    """ISO 8601 with the offset, as the spec requires (local time: Asia/Tehran)."""
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def end_of_day(day: dt.date | None) -> str | None:
    """`expected_datetime` for a date: the end of that day, local time (the demand is due *by* it)."""
    if day is None:
        return None
    return iso(timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59))))


class ServiceSerializer(serializers.Serializer):
    """One category as an Open311 service. `group` is the root of its branch of the category tree."""

    service_code = serializers.CharField(source="code")
    service_name = serializers.CharField(source="name")
    description = serializers.CharField()
    metadata = serializers.SerializerMethodField(help_text="Always false: no extra attributes to ask.")
    type = serializers.SerializerMethodField(help_text="Always realtime: a request gets its id at once.")
    keywords = serializers.SerializerMethodField()
    group = serializers.SerializerMethodField()

    def get_metadata(self, obj: DemandCategory) -> bool:
        return False

    def get_type(self, obj: DemandCategory) -> str:
        return "realtime"

    def get_keywords(self, obj: DemandCategory) -> str:
        """The names on the way down from the root (a search helper for clients)."""
        return ",".join(self.context["trail"].get(obj.pk, [obj.name]))

    def get_group(self, obj: DemandCategory) -> str:
        return self.context["trail"].get(obj.pk, [obj.name])[0]


class ServiceRequestSerializer(serializers.Serializer):
    """GET requests / requests/{id}: `service_request_id` is the tracking code (what the citizen holds)."""

    service_request_id = serializers.CharField(source="tracking_code")
    status = serializers.SerializerMethodField()
    status_notes = serializers.CharField(source="public_note")
    service_name = serializers.CharField(source="category.name")
    service_code = serializers.CharField(source="category.code")
    description = serializers.CharField()
    agency_responsible = serializers.SerializerMethodField()
    service_notice = serializers.SerializerMethodField()
    requested_datetime = serializers.SerializerMethodField()
    updated_datetime = serializers.SerializerMethodField()
    expected_datetime = serializers.SerializerMethodField(
        help_text="End of the expected day: the service level's deadline, or the accepted planned date."
    )
    address = serializers.CharField(source="neighbourhood.name_fa")
    address_id = serializers.IntegerField(source="neighbourhood_id", help_text="The neighbourhood's id.")
    zipcode = serializers.SerializerMethodField()
    lat = serializers.SerializerMethodField()
    long = serializers.SerializerMethodField()
    media_url = serializers.SerializerMethodField(help_text="Always empty: attachments are not public.")

    @extend_schema_field(serializers.ChoiceField(choices=[OPEN, CLOSED]))
    def get_status(self, obj: Demand) -> str:
        return open311_status(obj)

    def get_agency_responsible(self, obj: Demand) -> str:
        """The agency it is routed to; while in triage, the office that is finding one."""
        if obj.agency_id:
            return obj.agency.name
        if obj.office_id:
            return obj.office.organization.name
        return ""

    def get_service_notice(self, obj: Demand) -> str:
        return obj.get_status_display()

    @extend_schema_field(serializers.DateTimeField())
    def get_requested_datetime(self, obj: Demand) -> str | None:
        return iso(obj.created_at)

    @extend_schema_field(serializers.DateTimeField())
    def get_updated_datetime(self, obj: Demand) -> str | None:
        return iso(obj.updated_at)

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_expected_datetime(self, obj: Demand) -> str | None:
        return end_of_day(obj.expected_on)

    def get_zipcode(self, obj: Demand) -> str:
        return ""

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_lat(self, obj: Demand) -> float | None:
        return float(obj.latitude) if obj.latitude is not None else None

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_long(self, obj: Demand) -> float | None:
        return float(obj.longitude) if obj.longitude is not None else None

    def get_media_url(self, obj: Demand) -> str:
        return ""


class PostRequestSerializer(serializers.Serializer):
    """POST requests: the spec's fields, plus three extensions (marked) a generic client may leave out."""

    service_code = serializers.CharField(max_length=60)
    jurisdiction_id = serializers.CharField(required=False, allow_blank=True)
    api_key = serializers.CharField(required=False, allow_blank=True, help_text="A staff API token.")
    lat = serializers.FloatField(required=False, allow_null=True, min_value=-90, max_value=90)
    long = serializers.FloatField(required=False, allow_null=True, min_value=-180, max_value=180)
    address_string = serializers.CharField(required=False, allow_blank=True, max_length=300)
    address_id = serializers.IntegerField(
        required=False, allow_null=True, help_text="The neighbourhood's id (see GET requests' address_id)."
    )
    description = serializers.CharField(max_length=4000)
    first_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    last_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=30)
    email = serializers.CharField(required=False, allow_blank=True, help_text="Accepted and not stored.")
    device_id = serializers.CharField(required=False, allow_blank=True, help_text="Accepted and not stored.")
    account_id = serializers.CharField(required=False, allow_blank=True, help_text="Accepted and not stored.")
    media_url = serializers.CharField(required=False, allow_blank=True, help_text="Accepted and not stored.")
    # extensions
    title = serializers.CharField(
        required=False, allow_blank=True, max_length=300, help_text="Extension: a short title."
    )
    consent = serializers.BooleanField(
        required=False,
        default=True,
        help_text="Extension: consent to keep name and phone (default true: sending them is consenting).",
    )
    on_behalf_of_group = serializers.BooleanField(
        required=False, default=False, help_text="Extension: on behalf of a group of citizens."
    )


class PostResultSerializer(serializers.Serializer):
    service_request_id = serializers.CharField()
    service_notice = serializers.CharField()
    account_id = serializers.CharField(allow_null=True)


class ConfirmSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=12, help_text="The code sent by SMS (any digits).")


class ErrorSerializer(serializers.Serializer):
    code = serializers.IntegerField()
    description = serializers.CharField()
