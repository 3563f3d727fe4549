"""Serializer fields for what people and agencies' systems send: ISO 8601 or Jalali, any digits."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from peygir.core.jalali import JalaliDateError, parse_jalali_date, parse_time
from peygir.core.text import to_latin_digits

_DATETIME_JALALI = re.compile(r"^\s*(\S+)(?:[\sT]+(\d{1,2}:\d{2}))?\s*$")


@extend_schema_field(OpenApiTypes.DATE)
class FlexibleDateField(serializers.Field):
    """A date: ISO ``2023-10-22`` or Jalali ``1402/07/30`` (Persian, Arabic-Indic or Latin digits).

    Out it is always ISO 8601, so that machines read one format.
    """

    def to_internal_value(self, data: Any) -> dt.date:
        if isinstance(data, dt.date) and not isinstance(data, dt.datetime):
            return data
        if not isinstance(data, str):
            raise serializers.ValidationError(_("تاریخ را به شکل ۱۴۰۲/۰۷/۳۰ وارد کنید."))
        try:
            return parse_jalali_date(data)
        except JalaliDateError as exc:
            raise serializers.ValidationError(str(exc)) from exc

    def to_representation(self, value: dt.date) -> str:
        return value.isoformat()


@extend_schema_field(OpenApiTypes.DATETIME)
class FlexibleDateTimeField(serializers.DateTimeField):
    """A moment: ISO 8601, or Jalali ``1402/08/01 09:30`` taken in the local time zone (Asia/Tehran)."""

    def to_internal_value(self, value: Any) -> dt.datetime:
        if isinstance(value, str):
            text = to_latin_digits(value).strip()
            match = _DATETIME_JALALI.match(text)
            if match and "/" in match.group(1):
                try:
                    day = parse_jalali_date(match.group(1))
                    moment = parse_time(match.group(2)) if match.group(2) else dt.time(0, 0)
                except JalaliDateError as exc:
                    raise serializers.ValidationError(str(exc)) from exc
                return timezone.make_aware(dt.datetime.combine(day, moment))
            value = text
        return super().to_internal_value(value)
