"""Serializers of the grants resources. Money in rials (integers), dates ISO 8601."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from peygir.core.api.serializers import version_field
from peygir.core.jalali import today as local_today
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


class CallQuestionSerializer(serializers.Serializer):
    """One question of the call's form, as the office defined it."""

    name = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.ChoiceField(choices=["text", "integer", "choice"])
    required = serializers.BooleanField()
    help = serializers.CharField(required=False, allow_blank=True)
    max_length = serializers.IntegerField(required=False)
    choices = serializers.ListField(child=serializers.CharField(), required=False)
    min_value = serializers.IntegerField(required=False, allow_null=True)
    max_value = serializers.IntegerField(required=False, allow_null=True)


class CallDetailSerializer(CallSerializer):
    envelopes = EnvelopeSerializer(many=True, read_only=True)
    form_version = serializers.SerializerMethodField()
    questions = serializers.SerializerMethodField()
    accepts_proposals = serializers.SerializerMethodField()

    class Meta(CallSerializer.Meta):
        fields = [
            *CallSerializer.Meta.fields,
            "description",
            "eligibility",
            "envelopes",
            "accepts_proposals",
            "form_version",
            "questions",
        ]

    def get_form_version(self, obj: Call) -> int | None:
        form = obj.current_form()
        return form.number if form else None

    @extend_schema_field(CallQuestionSerializer(many=True))
    def get_questions(self, obj: Call) -> list[dict]:
        form = obj.current_form()
        return list(form.fields) if form else []

    def get_accepts_proposals(self, obj: Call) -> bool:
        return obj.accepts_on(local_today())


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
    version = version_field()


class ReleaseSerializer(serializers.Serializer):
    reference = serializers.CharField(required=False, allow_blank=True, max_length=60)
    version = version_field()


# ---------------------------------------------------------------- writes


class ProposalBudgetLineInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    amount_rials = serializers.IntegerField(min_value=1, max_value=10**15)


class ProposalMilestoneInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    due_on = serializers.DateField()
    amount_rials = serializers.IntegerField(min_value=0, max_value=10**15)


class ProposalCreateSerializer(serializers.Serializer):
    """A draft proposal of the user's NGO to an open call; `answers` keyed by the names of the call's
    `questions` (GET /grant-calls/{id}/). Money in rials. Submit it with …/{id}/submit/."""

    call = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    ngo = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False, help_text="Needed only if you act for several NGOs."
    )
    title = serializers.CharField(max_length=300)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    county = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    theme = serializers.CharField(required=False, allow_blank=True, max_length=30)
    neighbourhoods = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), required=False, max_length=50
    )
    beneficiaries_planned = serializers.IntegerField(required=False, min_value=0, max_value=10**9)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    requested_rials = serializers.IntegerField(min_value=1, max_value=10**15)
    budget_lines = ProposalBudgetLineInSerializer(many=True, allow_empty=False, max_length=50)
    milestones = ProposalMilestoneInSerializer(many=True, allow_empty=False, max_length=20)
    answers = serializers.DictField(required=False, child=serializers.JSONField())


class ProposalReviewScoreSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    score = serializers.IntegerField(min_value=0, max_value=1000)


class ProposalReviewSerializer(serializers.Serializer):
    """Score the proposal against every criterion of its call, or declare a conflict of interest
    (`conflict: true` with `conflict_reason`) and be recused. Written once per reviewer."""

    scores = ProposalReviewScoreSerializer(many=True, required=False, max_length=50)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    conflict = serializers.BooleanField(required=False, default=False)
    conflict_reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ProposalSubmitSerializer(serializers.Serializer):
    version = version_field()


class ProposalUpdateSerializer(serializers.Serializer):
    """Change a draft or a returned proposal of your NGO, with the `version` you read: only the fields
    sent change; `neighbourhoods`, `budget_lines`, `milestones` and `answers` are replaced whole when
    sent (answers to the questions of the form version the proposal was written on). Refused once the
    proposal is submitted, unless the office returns it for changes."""

    version = version_field()
    title = serializers.CharField(max_length=300, required=False)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    county = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    theme = serializers.CharField(required=False, allow_blank=True, max_length=30)
    neighbourhoods = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), required=False, max_length=50
    )
    beneficiaries_planned = serializers.IntegerField(required=False, min_value=0, max_value=10**9)
    starts_on = serializers.DateField(required=False)
    ends_on = serializers.DateField(required=False)
    requested_rials = serializers.IntegerField(min_value=1, max_value=10**15, required=False)
    budget_lines = ProposalBudgetLineInSerializer(many=True, allow_empty=False, max_length=50, required=False)
    milestones = ProposalMilestoneInSerializer(many=True, allow_empty=False, max_length=20, required=False)
    answers = serializers.DictField(required=False, child=serializers.JSONField())


class ProposalDecisionSerializer(serializers.Serializer):
    """Return a proposal to its NGO for changes, or reject it: the reason is told to the NGO."""

    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        help_text="Required (a blank one is refused with a Persian message under `reason`).",
    )
    version = version_field()
