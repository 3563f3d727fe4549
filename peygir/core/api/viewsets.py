"""What every API view shares: authentication required, pagination, one scoped object or 404."""

from __future__ import annotations

from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated

from .pagination import Pagination


class ScopedViewSet(viewsets.GenericViewSet):
    """A read-only resource whose querysets come from `access.*_visible_to`.

    `get_object` runs on the scoped queryset, so an object outside the scope answers 404, exactly
    like a missing one.
    """

    permission_classes = [IsAuthenticated]
    pagination_class = Pagination
    lookup_value_regex = r"[0-9]+"
