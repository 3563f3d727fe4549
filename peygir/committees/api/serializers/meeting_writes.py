"""Bodies of the meeting writes. References are scoped: ids outside the user's reach do not resolve.

Every serializer expects `request` in its context; those under a meeting also expect `meeting`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from peygir.committees.models import AgendaItem, Attendance, Resolution
from peygir.core.api.fields import FlexibleDateField, FlexibleDateTimeField
from peygir.core.api.serializers import version_field
from peygir.core.jalali import format_jalali
from peygir.organizations import access
from peygir.organizations.models import Organization


def _version_field() -> serializers.IntegerField:
    return version_field("The meeting `version` you read; a stale one answers 409.")


class ScopedPK(serializers.PrimaryKeyRelatedField):
    """A reference whose queryset is set per request by the serializer that holds it."""

    def __init__(self, scope: str, **kwargs: Any) -> None:
        self.scope = scope
        super().__init__(queryset=SCOPES[scope].objects.none(), **kwargs)


SCOPES = {"organization": Organization, "agenda_item": AgendaItem, "resolution": Resolution}


class _Scoped(serializers.Serializer):
    """Narrows references to what the user may reach (organizations, committees) and to the meeting."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.context.get("request"), "user", None)
        meeting = self.context.get("meeting")
        for field in self.fields.values():
            target = getattr(field, "child", field)
            if not isinstance(target, ScopedPK):
                continue
            if target.scope == "organization":
                target.queryset = access.organizations_visible_to(user).filter(is_active=True)
            else:
                target.queryset = SCOPES[target.scope].objects.filter(meeting=meeting)


def _pk(scope: str, **kwargs: Any) -> ScopedPK:
    return ScopedPK(scope, **kwargs)


class MeetingCreateSerializer(_Scoped):
    committee = serializers.IntegerField(help_text="A committee you manage; any other id answers 404.")
    starts_at = FlexibleDateTimeField(help_text="ISO 8601, or Jalali «1402/08/01 09:30» in Tehran time.")
    place = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    chair_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    chair_title = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    quorum_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class AgendaItemCreateSerializer(_Scoped):
    title = serializers.CharField(max_length=500)
    presenter = _pk("organization", required=False, allow_null=True, default=None)
    parent = _pk("agenda_item", required=False, allow_null=True, default=None)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    version = _version_field()


class AttendanceSetSerializer(_Scoped):
    organization = _pk("organization", required=False, allow_null=True, default=None)
    person_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    person_title = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    status = serializers.ChoiceField(choices=Attendance.Status.choices, default=Attendance.Status.PRESENT)
    represented_by = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    version = _version_field()


class DiscussionNoteCreateSerializer(_Scoped):
    item = _pk("agenda_item")
    speaker_name = serializers.CharField(max_length=200)
    speaker_title = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    summary = serializers.CharField()
    version = _version_field()


class ResolutionCreateSerializer(_Scoped):
    text = serializers.CharField()
    responsible = serializers.ListField(child=_pk("organization"), allow_empty=True, default=list)
    deadline_text = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=100,
        help_text="As written in the minutes: «یک ماه», «1402», «1402/07/30».",
    )
    deadline = FlexibleDateField(
        required=False, allow_null=True, default=None, help_text="Or a date: ISO 8601 or Jalali."
    )
    agenda_item = _pk("agenda_item", required=False, allow_null=True, default=None)
    parent = _pk("resolution", required=False, allow_null=True, default=None)
    label = serializers.CharField(required=False, allow_blank=True, default="", max_length=10)
    preamble = serializers.CharField(required=False, allow_blank=True, default="")
    responsible_text = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    version = _version_field()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """One deadline: a date is turned into the Jalali text the minutes print."""
        deadline = attrs.pop("deadline", None)
        if deadline is not None:
            if attrs.get("deadline_text"):
                raise serializers.ValidationError({"deadline": _("یا تاریخ مهلت را بدهید یا عبارت آن را.")})
            attrs["deadline_text"] = format_jalali(deadline, persian=False)
        return attrs
