"""Serializers of the grants resources. Money in rials (integers), dates ISO 8601."""

from __future__ import annotations

from rest_framework import serializers

from peygir.grants.models import (
    BudgetLine,
    Call,
    Envelope,
    Instalment,
    Milestone,
    PlannedMilestone,
    Project,
    Proposal,
    Review,
    ReviewScore,
)
from peygir.organizations.api.serializers import OrganizationRefSerializer
from peygir.territory.api.serializers import TerritoryRefSerializer


class EnvelopeSerializer(serializers.ModelSerializer):
    county = TerritoryRefSerializer(read_only=True)

    class Meta:
        model = Envelope
        fields = ["id", "county", "amount_rials"]


class CallSerializer(serializers.ModelSerializer):
    office = OrganizationRefSerializer(read_only=True)
    territory = TerritoryRefSerializer(read_only=True)
    themes = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Call
        fields = [
            "id",
            "title",
            "office",
            "territory",
            "themes",
            "policy_document",
            "total_rials",
            "allocation_method",
            "opens_on",
            "closes_on",
            "window_days",
            "status",
        ]


class CallDetailSerializer(CallSerializer):
    envelopes = EnvelopeSerializer(many=True, read_only=True)

    class Meta(CallSerializer.Meta):
        fields = [*CallSerializer.Meta.fields, "description", "eligibility", "envelopes"]


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["title", "amount_rials"]


class PlannedMilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlannedMilestone
        fields = ["title", "due_on", "amount_rials"]


class ProposalSerializer(serializers.ModelSerializer):
    ngo = OrganizationRefSerializer(read_only=True)
    county = TerritoryRefSerializer(read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "call",
            "ngo",
            "county",
            "title",
            "theme",
            "starts_on",
            "ends_on",
            "requested_rials",
            "approved_rials",
            "status",
            "decision_reason",
            "version",
        ]


class ProposalDetailSerializer(ProposalSerializer):
    budget_lines = BudgetLineSerializer(many=True, read_only=True)
    planned_milestones = PlannedMilestoneSerializer(many=True, read_only=True)

    class Meta(ProposalSerializer.Meta):
        fields = [
            *ProposalSerializer.Meta.fields,
            "summary",
            "beneficiaries_planned",
            "answers",
            "budget_lines",
            "planned_milestones",
        ]


class ReviewScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewScore
        fields = ["criterion", "score"]


class ReviewSerializer(serializers.ModelSerializer):
    scores = ReviewScoreSerializer(many=True, read_only=True)
    total = serializers.DecimalField(max_digits=6, decimal_places=2, read_only=True, allow_null=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "proposal",
            "reviewer",
            "status",
            "conflict_reason",
            "comment",
            "total",
            "scores",
            "created_at",
        ]


class MilestoneSerializer(serializers.ModelSerializer):
    action = serializers.SerializerMethodField()
    action_status = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = ["id", "project", "number", "title", "due_on", "action", "action_status"]

    def get_action(self, obj: Milestone) -> int | None:
        actions = list(obj.actions.all())
        return actions[0].pk if actions else None

    def get_action_status(self, obj: Milestone) -> str | None:
        actions = list(obj.actions.all())
        return actions[0].status if actions else None


class InstalmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Instalment
        fields = [
            "id",
            "project",
            "milestone",
            "amount_rials",
            "status",
            "reason",
            "released_at",
            "reference",
            "version",
        ]


class ProjectSerializer(serializers.ModelSerializer):
    ngo = OrganizationRefSerializer(read_only=True)
    county = TerritoryRefSerializer(read_only=True)
    supervisor = OrganizationRefSerializer(read_only=True)
    high_supervisor = OrganizationRefSerializer(read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "proposal",
            "call",
            "ngo",
            "county",
            "supervisor",
            "high_supervisor",
            "title",
            "amount_rials",
            "starts_on",
            "ends_on",
            "status",
            "beneficiaries_counted",
            "version",
        ]


class ApproveSerializer(serializers.Serializer):
    amount_rials = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    override_reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    version = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class ReleaseSerializer(serializers.Serializer):
    reference = serializers.CharField(required=False, allow_blank=True, max_length=60)
    version = serializers.IntegerField(required=False, allow_null=True, min_value=1)
