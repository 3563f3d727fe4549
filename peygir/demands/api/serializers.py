"""Citizens' demands and facilitation offices: list rows, records, and the bodies of the state changes.

Privacy: no list shape has a field for the citizen's name or mobile, so no list can leak
them whoever asks; the detail shape adds them only when the view says `personal_data_visible`.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from peygir.core.api.fields import FlexibleDateField
from peygir.core.api.serializers import version_field
from peygir.core.jalali import format_jalali
from peygir.core.money import format_toman
from peygir.demands.models import (
    Demand,
    DemandAttachment,
    DemandCategory,
    DemandEvent,
    DemandRoute,
    RoutingRule,
)
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations.api.serializers import OrganizationRefSerializer
from peygir.territory.api.serializers import TerritoryRefSerializer

# ---------------------------------------------------------------- offices


class OfficeRefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="organization.name", read_only=True)
    organization = serializers.IntegerField(source="organization_id", read_only=True)

    class Meta:
        model = FacilitationOffice
        fields = ["id", "organization", "name"]


class OfficeSerializer(serializers.ModelSerializer):
    """A facilitation office: where it serves, since when, with what money, run by whom."""

    name = serializers.CharField(source="organization.name", read_only=True)
    organization = OrganizationRefSerializer(read_only=True)
    territory = TerritoryRefSerializer(source="organization.territory", read_only=True)
    neighbourhoods = TerritoryRefSerializer(many=True, read_only=True)
    operator = OrganizationRefSerializer(read_only=True, allow_null=True)
    opened_on = serializers.DateField(read_only=True, allow_null=True, help_text="ISO 8601.")
    opened_on_jalali = serializers.SerializerMethodField(help_text="۱۳۹۷/۰۴/۲۴")
    budget_tomans = serializers.SerializerMethodField(help_text="budget_rials / 10")
    budget_display = serializers.SerializerMethodField(help_text="«۲ میلیارد تومان»")

    class Meta:
        model = FacilitationOffice
        fields = [
            "id",
            "name",
            "organization",
            "territory",
            "neighbourhoods",
            "operator",
            "opened_on",
            "opened_on_jalali",
            "budget_rials",
            "budget_tomans",
            "budget_display",
            "is_pilot",
        ]

    def get_opened_on_jalali(self, obj: FacilitationOffice) -> str:
        return format_jalali(obj.opened_on)

    def get_budget_tomans(self, obj: FacilitationOffice) -> int:
        return obj.budget_rials // 10

    def get_budget_display(self, obj: FacilitationOffice) -> str:
        return format_toman(obj.budget_rials)


# ---------------------------------------------------------------- categories and routing rules


class CategoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = DemandCategory
        fields = ["id", "name", "code"]


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = DemandCategory
        fields = ["id", "name", "code", "parent", "service_level_days", "description", "is_active", "order"]


class CategoryTreeSerializer(CategorySerializer):
    """A category with its children, recursively (built from one query by the view)."""

    children = serializers.SerializerMethodField()

    class Meta(CategorySerializer.Meta):
        fields = [*CategorySerializer.Meta.fields, "children"]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_children(self, obj: DemandCategory) -> list[dict]:
        kids = self.context["children"].get(obj.pk, [])
        return CategoryTreeSerializer(kids, many=True, context=self.context).data


class RoutingRuleSerializer(serializers.ModelSerializer):
    category = CategoryRefSerializer(read_only=True)
    territory = TerritoryRefSerializer(read_only=True, allow_null=True)
    agency = OrganizationRefSerializer(read_only=True)

    class Meta:
        model = RoutingRule
        fields = ["id", "category", "territory", "agency", "is_active", "created_at"]


class RoutingRuleWriteSerializer(serializers.Serializer):
    """Ids in; the service checks who may write rules and that the agency may take demands."""

    category = serializers.IntegerField(min_value=1)
    territory = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="Empty: the rule applies everywhere."
    )
    agency = serializers.IntegerField(min_value=1)
    is_active = serializers.BooleanField(required=False, default=True)


# ---------------------------------------------------------------- demands


class DemandSerializer(serializers.ModelSerializer):
    """One row of a list. Deliberately without citizen_name / citizen_mobile (never in lists)."""

    category = CategoryRefSerializer(read_only=True)
    neighbourhood = TerritoryRefSerializer(read_only=True)
    office = OfficeRefSerializer(read_only=True, allow_null=True)
    agency = OrganizationRefSerializer(read_only=True, allow_null=True)
    action = serializers.IntegerField(source="current_action_id", read_only=True, allow_null=True)

    class Meta:
        model = Demand
        fields = [
            "id",
            "tracking_code",
            "title",
            "status",
            "channel",
            "category",
            "neighbourhood",
            "office",
            "agency",
            "action",
            "expected_on",
            "supporters_count",
            "on_behalf_of_group",
            "duplicate_of",
            "rating",
            "version",
            "created_at",
            "updated_at",
            "routed_at",
            "resolved_at",
        ]


class DemandRouteSerializer(serializers.ModelSerializer):
    agency = OrganizationRefSerializer(read_only=True, allow_null=True)
    routed_by = serializers.CharField(source="routed_by.username", read_only=True, allow_null=True)

    class Meta:
        model = DemandRoute
        fields = ["id", "agency", "rule", "action", "reason", "routed_by", "created_at"]


class DemandEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, allow_null=True)

    class Meta:
        model = DemandEvent
        fields = ["id", "kind", "from_status", "to_status", "public_text", "is_public", "actor", "created_at"]


class DemandSupporterSerializer(serializers.Serializer):
    citizen_name = serializers.CharField()
    citizen_mobile = serializers.CharField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


class DemandAttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = DemandAttachment
        fields = ["id", "original_name", "content_type", "size", "created_at", "url"]

    def get_url(self, obj: DemandAttachment) -> str:
        """A download link through the API, so the file is scoped like its demand."""
        path = reverse("api:demand-attachment", args=[obj.demand_id, obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class DemandDetailSerializer(DemandSerializer):
    """The record. `citizen_name`, `citizen_mobile` and `supporters` appear only for those who may see
    personal data (the office, the provincial office's authorized staff); for everyone else the keys are
    absent, not empty, so a client cannot mistake "hidden" for "not given"."""

    PERSONAL = ("citizen_name", "citizen_mobile", "supporters")

    routes = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    personal_data_visible = serializers.SerializerMethodField()
    supporters = serializers.SerializerMethodField(
        help_text="Only for those who may see personal data; absent otherwise."
    )

    class Meta(DemandSerializer.Meta):
        fields = [
            *DemandSerializer.Meta.fields,
            "description",
            "latitude",
            "longitude",
            "public_note",
            "proposed_date",
            "reopened_count",
            "confirmed_at",
            "personal_data_visible",
            "citizen_name",
            "citizen_mobile",
            "supporters",
            "attachments",
            "routes",
            "history",
        ]
        extra_kwargs = {
            "citizen_name": {"help_text": "Only for those who may see personal data; absent otherwise."},
            "citizen_mobile": {"help_text": "Only for those who may see personal data; absent otherwise."},
        }

    def to_representation(self, instance: Demand) -> dict:
        data = super().to_representation(instance)
        if not self.context.get("personal_data_visible"):
            for key in self.PERSONAL:
                data.pop(key, None)
        return data

    def get_personal_data_visible(self, obj: Demand) -> bool:
        return bool(self.context.get("personal_data_visible"))

    @extend_schema_field(DemandSupporterSerializer(many=True))
    def get_supporters(self, obj: Demand) -> list[dict]:
        if not self.context.get("personal_data_visible"):
            return []
        return DemandSupporterSerializer(self.context.get("supporters", []), many=True).data

    @extend_schema_field(DemandAttachmentSerializer(many=True))
    def get_attachments(self, obj: Demand) -> list[dict]:
        return DemandAttachmentSerializer(
            self.context.get("attachments", []), many=True, context=self.context
        ).data

    @extend_schema_field(DemandRouteSerializer(many=True))
    def get_routes(self, obj: Demand) -> list[dict]:
        return DemandRouteSerializer(self.context.get("routes", []), many=True).data

    @extend_schema_field(DemandEventSerializer(many=True))
    def get_history(self, obj: Demand) -> list[dict]:
        return DemandEventSerializer(self.context.get("history", []), many=True).data


class SimilarDemandSerializer(serializers.Serializer):
    """A candidate for "also requested by": the open demand and how close its text is (0..1)."""

    demand = DemandSerializer()
    score = serializers.FloatField()


# ---------------------------------------------------------------- bodies


class VersionedSerializer(serializers.Serializer):
    version = version_field()


def _files() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False), required=False, default=list
    )


class DemandIntakeSerializer(serializers.Serializer):
    """A facilitator registers a demand for a citizen (multipart when there are attachments)."""

    office = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        help_text="Facilitation office id; default: your office.",
    )
    category = serializers.IntegerField(min_value=1)
    neighbourhood = serializers.IntegerField(min_value=1)
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(trim_whitespace=False)
    citizen_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    citizen_mobile = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="۰۹۱۲…، 0098912…، +98912… (any digits)."
    )
    consent = serializers.BooleanField(required=False, default=False)
    on_behalf_of_group = serializers.BooleanField(required=False, default=False)
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True, min_value=-90, max_value=90
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True, min_value=-180, max_value=180
    )
    files = _files()


class SimilarQuerySerializer(serializers.Serializer):
    neighbourhood = serializers.IntegerField(min_value=1)
    text = serializers.CharField()
    category = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class SupporterSerializer(VersionedSerializer):
    citizen_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    citizen_mobile = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    consent = serializers.BooleanField(
        required=False, default=False, help_text="The citizen agreed that their name and mobile are kept."
    )


class AgencyReasonSerializer(VersionedSerializer):
    """Re-route or assign from triage: to which agency, and why (the history shows it)."""

    agency = serializers.IntegerField(min_value=1)
    reason = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)


class MergeSerializer(VersionedSerializer):
    into = serializers.IntegerField(min_value=1, help_text="The open demand this one repeats.")
    reason = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)


class ReasonSerializer(VersionedSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)


class PlannedSerializer(VersionedSerializer):
    date = FlexibleDateField(help_text="ISO 8601 (2024-04-20) or Jalali (۱۴۰۳/۰۲/۰۱).")
    note = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)


class DoneSerializer(VersionedSerializer):
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)
    files = _files()


class VerifySerializer(VersionedSerializer):
    public_note = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)


class PublicNoteSerializer(VersionedSerializer):
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)


class EmptySerializer(VersionedSerializer):
    """No body but the version."""


class CitizenKeySerializer(serializers.Serializer):
    """What a citizen holds: the tracking code (any digits, dashes optional) and the mobile's last four."""

    tracking_code = serializers.CharField(max_length=20)
    mobile_last4 = serializers.CharField(max_length=8)


class RateSerializer(CitizenKeySerializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    resolved = serializers.BooleanField(
        required=False, default=True, help_text="false: not resolved, the office follows up again."
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class RateResultSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    status = serializers.ChoiceField(choices=Demand.Status.choices)
    rating = serializers.IntegerField(allow_null=True)
