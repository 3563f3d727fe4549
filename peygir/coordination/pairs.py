"""A pair of records in canonical order, and conditions on the pair columns."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

Key = tuple[str, int]


def canonical(first: Key, second: Key) -> tuple[Key, Key]:
    """(a, b) with a < b: the order every pair is stored in."""
    return (first, second) if first <= second else (second, first)


def pair_q(first: Key, second: Key) -> Q:
    a, b = canonical(first, second)
    return Q(a_kind=a[0], a_id=a[1], b_kind=b[0], b_id=b[1])


def touching_q(keys: Iterable[Key]) -> Q:
    """Pairs with one of `keys` on either side."""
    q = Q(pk__in=[])
    by_kind: dict[str, list[int]] = {}
    for kind, object_id in keys:
        by_kind.setdefault(kind, []).append(object_id)
    for kind, ids in by_kind.items():
        q |= Q(a_kind=kind, a_id__in=ids) | Q(b_kind=kind, b_id__in=ids)
    return q


def parse_key(value: object) -> Key | None:
    """'kind:id' → (kind, id); None for anything else (hostile input included)."""
    text = str(value or "")
    kind, sep, number = text.partition(":")
    if not sep or not kind or len(kind) > 20 or not kind.replace("_", "").isalnum() or not kind.isascii():
        return None
    if not number.isascii() or not number.isdigit() or len(number) > 18:
        return None
    return (kind, int(number))


def key_text(key: Key) -> str:
    return f"{key[0]}:{key[1]}"
