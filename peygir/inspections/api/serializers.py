"""Serializers of the inspection resources. A visit's date is a field only of the visits the reader
may know (the queryset is `access.visits_visible_to`); plans carry counts and seals, never dates."""

from __future__ import annotations

from rest_framework import serializers

from peygir.organizations.api.serializers import OrganizationRefSerializer
from peygir.territory.api.serializers import TerritoryRefSerializer

from ..models import ChecklistQuestion, ChecklistTemplate, Facility, Finding, InspectionPlan, Visit


class FacilitySerializer(serializers.ModelSerializer):
    territory = TerritoryRefSerializer(read_only=True)
    responsible_agency = OrganizationRefSerializer(read_only=True)

    class Meta:
        model = Facility
        fields = [
            "id",
            "name",
            "kind",
            "territory",
            "responsible_agency",
            "licence_number",
            "address",
            "latitude",
            "longitude",
            "is_active",
            "last_score",
            "last_passed",
            "last_visited_on",
        ]


class QuestionSerializer(serializers.ModelSerializer):
    section = serializers.CharField(source="section.title", read_only=True)

    class Meta:
        model = ChecklistQuestion
        fields = [
            "id",
            "code",
            "section",
            "text",
            "kind",
            "weight",
            "is_critical",
            "allows_na",
            "scale_max",
            "pass_min",
            "pass_max",
            "deadline_days",
            "evidence_required",
            "requires_reinspection",
        ]


class ChecklistSerializer(serializers.ModelSerializer):
    document = serializers.CharField(source="document.title", read_only=True)
    latest_version = serializers.SerializerMethodField()

    class Meta:
        model = ChecklistTemplate
        fields = ["id", "title", "document", "facility_kinds", "pass_score", "latest_version"]

    def get_latest_version(self, obj: ChecklistTemplate) -> int | None:
        return getattr(obj, "latest_number", None)


class ChecklistDetailSerializer(ChecklistSerializer):
    questions = serializers.SerializerMethodField()

    class Meta(ChecklistSerializer.Meta):
        fields = [*ChecklistSerializer.Meta.fields, "questions"]

    def get_questions(self, obj: ChecklistTemplate) -> list[dict]:
        version = obj.latest_version()
        if version is None:
            return []
        qs = version.questions.select_related("section").order_by("section__order", "order", "pk")
        return QuestionSerializer(qs, many=True).data


class PlanSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer(read_only=True)
    territory = TerritoryRefSerializer(read_only=True)
    document = serializers.CharField(source="document.title", read_only=True)
    draws = serializers.SerializerMethodField()

    class Meta:
        model = InspectionPlan
        fields = [
            "id",
            "title",
            "organization",
            "territory",
            "document",
            "period",
            "status",
            "back_check_percent",
            "draws",
        ]

    def get_draws(self, obj: InspectionPlan) -> list[dict]:
        """Sealed periods: label, seal and size — never a visit's date."""
        return [
            {
                "id": d.pk,
                "period": d.period_label,
                "seal": d.seal,
                "seed_commitment": d.seed_commitment,
                "visits": d.visits_count,
            }
            for d in sorted(obj.draws.all(), key=lambda d: d.period_start, reverse=True)[:12]
        ]


class VisitSerializer(serializers.ModelSerializer):
    facility = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = [
            "id",
            "kind",
            "status",
            "facility",
            "inspector",
            "checklist_version",
            "scheduled_on",
            "completed_at",
            "score",
            "passed",
            "critical_failed",
            "version",
        ]

    def get_facility(self, obj: Visit) -> dict:
        return {"id": obj.facility_id, "name": obj.facility.name}


class AnswerInSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    value = serializers.JSONField(required=False, allow_null=True)
    na = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SubmitSerializer(serializers.Serializer):
    submission_id = serializers.UUIDField(help_text="Generated once by the device for this filled visit.")
    checklist_version = serializers.IntegerField(required=False, allow_null=True)
    answers = AnswerInSerializer(many=True)
    device_started_at = serializers.DateTimeField(required=False, allow_null=True)
    device_submitted_at = serializers.DateTimeField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PhotoSerializer(serializers.Serializer):
    client_id = serializers.CharField(max_length=64)
    question = serializers.IntegerField(required=False, allow_null=True)
    file = serializers.FileField()


class FindingSerializer(serializers.ModelSerializer):
    facility = serializers.SerializerMethodField()
    action = serializers.SerializerMethodField()

    class Meta:
        model = Finding
        fields = [
            "id",
            "title",
            "facility",
            "is_critical",
            "is_open",
            "evidence_required",
            "requires_reinspection",
            "action",
        ]

    def get_facility(self, obj: Finding) -> dict:
        return {"id": obj.facility_id, "name": obj.facility.name}

    def get_action(self, obj: Finding) -> dict | None:
        actions = list(obj.actions.all())
        if not actions:
            return None
        a = actions[0]
        return {"id": a.pk, "status": a.status, "deadline": a.deadline}
