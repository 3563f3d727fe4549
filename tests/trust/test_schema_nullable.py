"""Every serializer field over a nullable column is declared nullable in the schema (issue 14 §3)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from django.core.exceptions import FieldDoesNotExist
from rest_framework import serializers

import peygir


def _api_modules():
    for info in pkgutil.walk_packages(peygir.__path__, "peygir."):
        if ".api" in info.name and ".bench" not in info.name:
            yield importlib.import_module(info.name)


def test_nested_fields_over_nullable_columns_allow_null():
    missing = []
    seen = set()
    for module in _api_modules():
        for _, cls in inspect.getmembers(module, inspect.isclass):
            meta = getattr(cls, "Meta", None)
            if (
                not issubclass(cls, serializers.ModelSerializer)
                or cls in seen
                or not getattr(meta, "model", None)
            ):
                continue
            seen.add(cls)
            for name, field in cls().fields.items():
                source = field.source or name
                if isinstance(field, serializers.ListSerializer) or "." in source or source == "*":
                    continue
                try:
                    column = meta.model._meta.get_field(source)
                except FieldDoesNotExist:  # a method or a property, not a column
                    continue
                if getattr(column, "null", False) and not column.many_to_many and not field.allow_null:
                    missing.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert not missing, missing
