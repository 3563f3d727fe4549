"""Serializers of the inspection resources. A visit's date is a field only of the visits the reader
may know (the queryset is `access.visits_visible_to`); plans carry counts and seals, never dates."""

from __future__ import annotations

from rest_framework import serializers

from peygir.core.api.serializers import version_field
from peygir.organizations.api.serializers import OrganizationRefSerializer
from peygir.territory.api.serializers import TerritoryRefSerializer

from .. import access
from ..models import (
    ChecklistQuestion,
    ChecklistTemplate,
    DrawAmendment,
    Facility,
    Finding,
    InspectionPlan,
    Visit,
)


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
    """A reader who does not author the checklist sees its published versions only (a draft-only
    checklist is not listed to them); its authors also see `draft_version`, the pending draft, and
    `is_draft` when nothing of it is published yet."""

    document = serializers.CharField(source="document.title", read_only=True)
    latest_version = serializers.SerializerMethodField()
    is_draft = serializers.SerializerMethodField()
    draft_version = serializers.SerializerMethodField()

    class Meta:
        model = ChecklistTemplate
        fields = [
            "id",
            "title",
            "document",
            "facility_kinds",
            "pass_score",
            "latest_version",
            "is_draft",
            "draft_version",
        ]

    def get_latest_version(self, obj: ChecklistTemplate) -> int | None:
        return getattr(obj, "latest_number", None)

    def get_is_draft(self, obj: ChecklistTemplate) -> bool:
        return getattr(obj, "latest_number", None) is None

    def get_draft_version(self, obj: ChecklistTemplate) -> int | None:
        request = self.context.get("request")
        if request is None or not access.can_manage_template(request.user, obj):
            return None
        return getattr(obj, "draft_number", None)


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


class ComingVisitSerializer(serializers.ModelSerializer):
    """A coming visit as its plan's managers see it to amend it: facility and inspector — no date."""

    draw = serializers.SerializerMethodField()
    facility = serializers.SerializerMethodField()
    inspector = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = ["id", "draw", "facility", "inspector", "version"]

    def get_draw(self, obj: Visit) -> dict:
        return {"id": obj.draw_id, "period": obj.draw.period_label}

    def get_facility(self, obj: Visit) -> dict:
        return {"id": obj.facility_id, "name": obj.facility.name}

    def get_inspector(self, obj: Visit) -> dict:
        user = obj.inspector
        return {"id": user.pk, "name": user.get_full_name() or user.username}


class AmendSerializer(serializers.Serializer):
    version = version_field("The visit's `version` you read (from coming-visits); a stale one answers 409.")
    reason = serializers.CharField(
        max_length=2000, help_text="Why the sealed schedule is amended (required)."
    )
    inspector = serializers.IntegerField(
        required=False, allow_null=True, help_text="Another inspector of the same plan (user id)."
    )
    redraw_date = serializers.BooleanField(
        required=False, default=False, help_text="Draw another working day of the period afresh."
    )


class DrawAmendmentSerializer(serializers.ModelSerializer):
    """The amendment as its author reads it: who, why, whether a day was drawn — never a date (the
    dates are published with the schedule after the period)."""

    visit = serializers.SerializerMethodField()

    class Meta:
        model = DrawAmendment
        fields = ["id", "visit", "reason", "old_inspector", "new_inspector", "redrawn"]

    def get_visit(self, obj: DrawAmendment) -> dict:
        return {"id": obj.visit_id, "version": obj.visit.version, "inspector": obj.visit.inspector_id}
