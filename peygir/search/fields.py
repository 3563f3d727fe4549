"""The entry's provinces (`SearchEntry.scopes`): a set of territory ids, and the one lookup the search
asks of it, `scopes__overlaps=[…]` ("does the record belong to one of these provinces?").

PostgreSQL stores an `integer[]`, which a GIN index (array_ops, the default operator class of an
array) holds next to the full-text columns, so that "this word in these provinces" is one index scan
(`scopes && ARRAY[…]`, migration 0005). SQLite (the demo) has no arrays: a JSON list, read with
`json_each` — the FTS5 match drives the demo's query anyway, and this is checked on its rows only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import Lookup


def province_list(values: Iterable[Any]) -> list[int]:
    """The ids sorted and once each, as both databases store them."""
    return sorted({int(v) for v in values})


class ProvincesField(models.Field):
    description = "A set of province ids"

    def db_type(self, connection: Any) -> str:
        return "integer[]" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> list[int] | None:
        if value is None:
            return None
        return province_list(json.loads(value) if isinstance(value, str) else value)

    def to_python(self, value: Any) -> list[int] | None:
        if value is None or isinstance(value, list):
            return value
        return province_list(json.loads(value) if isinstance(value, str) else value)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if value is None:
            return None
        ids = province_list(value)
        return ids if connection.vendor == "postgresql" else json.dumps(ids)


@ProvincesField.register_lookup
class Overlaps(Lookup):
    """`scopes && ARRAY[…]` on PostgreSQL (answered by the GIN index); `json_each` on SQLite."""

    lookup_name = "overlaps"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        ids = province_list(self.rhs)
        if connection.vendor == "postgresql":
            return f"{lhs} && %s::integer[]", [*lhs_params, ids]
        if not ids:
            return "0 = 1", []
        marks = ", ".join(["%s"] * len(ids))
        sql = f"EXISTS (SELECT 1 FROM json_each({lhs}) WHERE json_each.value IN ({marks}))"  # noqa: S608 - a column and placeholders
        return sql, [*lhs_params, *ids]
