"""Serializers every resource's writes may share."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

VERSION_REQUIRED = _("نسخه‌ای را که خوانده‌اید (version) بفرستید؛ بی آن تغییر کاربر دیگر ممکن است از دست برود.")


def version_field(
    help_text: str = "The `version` you read; a stale one answers 409.",
) -> serializers.IntegerField:
    """The optimistic lock every write on a versioned object requires: a missing `version` is a 400
    with a clear message (issue 14: concurrency is required, not optional)."""
    return serializers.IntegerField(
        required=True,
        allow_null=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text=help_text,
        error_messages={"required": VERSION_REQUIRED, "null": VERSION_REQUIRED},
    )


class VersionSerializer(serializers.Serializer):
    """The body of a state change that carries nothing but the version the client read."""

    version = version_field("نسخه‌ای که خوانده‌اید؛ اگر کهنه باشد ۴۰۹.")
