"""Serializers every resource's writes may share."""

from __future__ import annotations

from rest_framework import serializers


class VersionSerializer(serializers.Serializer):
    """The body of a state change that carries nothing but the version the client read."""

    version = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text="نسخه‌ای که خوانده‌اید؛ اگر کهنه باشد ۴۰۹."
    )
