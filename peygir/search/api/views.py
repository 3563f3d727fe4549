"""GET /api/v1/search/: the search page's results for agencies' systems (same rules, same order)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.request import Request
from rest_framework.response import Response

from peygir.core.api.viewsets import ScopedViewSet

from .. import selectors
from ..models import SearchEntry
from .filters import SearchFilter
from .pagination import SearchPagination
from .serializers import SearchResultSerializer


@extend_schema_view(
    list=extend_schema(
        summary="Search every kind of record the user may see",
        description="Words are matched however typed (Arabic ي/ك, zero-width non-joiner, joined or "
        "spaced compounds, plurals, any digits); the last word also as a prefix. Best first "
        "(relevance, then recency). When nothing matches exactly, near spellings are returned. "
        "An empty `q` gives an empty list. `count` stops at 1000 (`capped` is then true).",
        tags=["search"],
    )
)
class SearchViewSet(mixins.ListModelMixin, ScopedViewSet):
    filterset_class = SearchFilter
    serializer_class = SearchResultSerializer
    pagination_class = SearchPagination

    def get_queryset(self):
        # The filter set replaces this with `selectors.search(...)`; this is only the model.
        return SearchEntry.objects.none()

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "search": getattr(self.request, "peygir_search", None)}

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        found = self.filter_queryset(self.get_queryset())  # a bad filter answers 400 here, outside
        page = self.paginate_queryset(found)
        params = getattr(request, "peygir_search", None)
        if params is not None and not params.is_empty and self.paginator.page.paginator.count == 0:
            page = self.paginate_queryset(selectors.search(request.user, params, loose=True))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
