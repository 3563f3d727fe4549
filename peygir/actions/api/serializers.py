"""Actions (the spine): list rows, the full record, and the bodies of the state changes."""

from __future__ import annotations

from django.apps import apps
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from peygir.actions.models import Action, ActionEvent, ActionUpdate, Evidence, ExtensionRequest, Obstacle
from peygir.actions.selectors import ESCALATED_LEVEL, Horizon
from peygir.core.api.fields import FlexibleDateField
from peygir.core.api.serializers import version_field
from peygir.organizations.api.serializers import OrganizationRefSerializer
from peygir.territory.api.serializers import TerritoryRefSerializer

STATE_CHOICES = [("overdue", "overdue"), ("due_soon", "due_soon"), ("", "")]


class CommitteeRefSerializer(serializers.ModelSerializer):
    # An action names the committee of its resolution. The spine knows committees only by app label
    # (as Action.resolution does), so the model is looked up by label instead of imported.
    class Meta:
        model = apps.get_model("committees", "Committee")
        fields = ["id", "name", "kind"]


class ActionSerializer(serializers.ModelSerializer):
    """One row of an inbox. `state` (overdue / due_soon / empty) is derived, never stored."""

    state = serializers.SerializerMethodField()
    responsible_organization = OrganizationRefSerializer(read_only=True)
    issuer_organization = OrganizationRefSerializer(read_only=True)
    territory = TerritoryRefSerializer(read_only=True)
    committee = serializers.SerializerMethodField()
    meeting = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = [
            "id",
            "title",
            "status",
            "state",
            "source_kind",
            "resolution",
            "meeting",
            "committee",
            "responsible_organization",
            "issuer_organization",
            "territory",
            "deadline",
            "deadline_text",
            "progress",
            "escalated",
            "version",
            "created_at",
            "updated_at",
        ]

    escalated = serializers.SerializerMethodField(
        help_text="Referred beyond the responsible organization (the supervising level or the province)."
    )

    @extend_schema_field(serializers.BooleanField())
    def get_escalated(self, obj: Action) -> bool:
        return obj.escalation_level >= ESCALATED_LEVEL

    def _horizon(self) -> Horizon:
        horizon = self.context.get("horizon")
        if horizon is None:
            horizon = self.context["horizon"] = Horizon.for_day()
        return horizon

    @extend_schema_field(serializers.ChoiceField(choices=STATE_CHOICES))
    def get_state(self, obj: Action) -> str:
        return self._horizon().state(obj)

    @extend_schema_field(CommitteeRefSerializer(allow_null=True))
    def get_committee(self, obj: Action) -> dict | None:
        if obj.resolution_id is None:
            return None
        return CommitteeRefSerializer(obj.resolution.meeting.committee).data

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_meeting(self, obj: Action) -> int | None:
        return obj.resolution.meeting_id if obj.resolution_id else None


class EvidenceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "original_name", "content_type", "size", "created_at", "url"]

    def get_url(self, obj: Evidence) -> str:
        """A download link through the API, so the file is scoped like its action."""
        path = reverse("api:action-evidence", args=[obj.update.action_id, obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()


class ActionUpdateSerializer(serializers.ModelSerializer):
    author = PersonSerializer(read_only=True, allow_null=True)
    organization = OrganizationRefSerializer(read_only=True, allow_null=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = ActionUpdate
        fields = ["id", "kind", "author", "organization", "text", "progress", "created_at", "evidence"]


class ActionEventSerializer(serializers.ModelSerializer):
    actor = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ActionEvent
        fields = ["id", "kind", "actor", "from_status", "to_status", "data", "created_at"]


class ExtensionRequestSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer(read_only=True, allow_null=True)
    requested_by = PersonSerializer(read_only=True, allow_null=True)
    decided_by = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ExtensionRequest
        fields = [
            "id",
            "status",
            "organization",
            "requested_by",
            "reason",
            "deadline_before",
            "proposed_deadline",
            "decided_by",
            "decision_reason",
            "decided_at",
            "created_at",
        ]


class ObstacleSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer(read_only=True, allow_null=True)
    needed_organization = OrganizationRefSerializer(read_only=True, allow_null=True)
    reported_by = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Obstacle
        fields = [
            "id",
            "organization",
            "reported_by",
            "text",
            "needed_organization",
            "cleared_at",
            "created_at",
        ]


class ActionDetailSerializer(ActionSerializer):
    supporting_organizations = OrganizationRefSerializer(many=True, read_only=True)
    extension_requests = ExtensionRequestSerializer(many=True, read_only=True)
    obstacles = ObstacleSerializer(many=True, read_only=True)
    verifier = PersonSerializer(read_only=True, allow_null=True)
    updates = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()

    class Meta(ActionSerializer.Meta):
        fields = [
            *ActionSerializer.Meta.fields,
            "description",
            "supporting_organizations",
            "verifier",
            "cancel_reason",
            "escalation_level",
            "reported_done_at",
            "closed_at",
            "extension_requests",
            "obstacles",
            "updates",
            "history",
        ]

    @extend_schema_field(ActionUpdateSerializer(many=True))
    def get_updates(self, obj: Action) -> list[dict]:
        return ActionUpdateSerializer(self.context.get("updates", []), many=True, context=self.context).data

    @extend_schema_field(ActionEventSerializer(many=True))
    def get_history(self, obj: Action) -> list[dict]:
        return ActionEventSerializer(self.context.get("history", []), many=True).data


# ---------------------------------------------------------------- bodies of the state changes


def _version_field() -> serializers.IntegerField:
    return version_field("The `version` you read; a stale one answers 409.")


class ActionProgressSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)
    progress = serializers.IntegerField(required=False, allow_null=True)
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False), required=False, default=list
    )
    version = _version_field()


class ActionReportDoneSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False), required=False, default=list
    )
    version = _version_field()


class ActionVerifySerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    version = _version_field()


class ActionReasonSerializer(serializers.Serializer):
    """Reject and cancel: the reason is required (the service says so, in Persian, under `reason`)."""

    reason = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    version = _version_field()


class ActionRejectSerializer(ActionReasonSerializer):
    """Reject: the reason, and the progress the issuer accepts (0–99; omitted: the progress last
    reported before the report of completion)."""

    progress = serializers.IntegerField(required=False, allow_null=True, default=None)


class ActionDeadlineSerializer(serializers.Serializer):
    deadline = FlexibleDateField(help_text="ISO 8601 (2024-04-20) or Jalali (۱۴۰۳/۰۲/۰۱).")
    deadline_text = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    reason = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    version = _version_field()


class ExtensionRequestBodySerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    proposed_deadline = FlexibleDateField(
        required=False, allow_null=True, default=None, help_text="ISO 8601 or Jalali (۱۴۰۳/۰۲/۰۱)."
    )
    version = _version_field()


class ExtensionDecideSerializer(serializers.Serializer):
    """The issuer's answer to the pending request: `accept` true (the deadline moves, the ladder
    restarts) or false (a reason is required)."""

    accept = serializers.BooleanField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    version = _version_field()


class ObstacleBodySerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    needed_organization = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="The organization whose help is needed."
    )
    version = _version_field()


class ObstacleClearSerializer(serializers.Serializer):
    obstacle = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="The id of an open obstacle of this action."
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    version = _version_field()
