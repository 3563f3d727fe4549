"""The API's pages of search results: the shared page numbers, counted no further than the cap."""

from __future__ import annotations

from typing import Any

from rest_framework.response import Response

from peygir.core.api.pagination import Pagination

from ..paging import SearchPaginator


class SearchPagination(Pagination):
    """`count` stops at paging.CAP; `capped` (true) says there are more matches than that."""

    django_paginator_class = SearchPaginator

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        response.data["capped"] = self.page.paginator.capped
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        described = super().get_paginated_response_schema(schema)
        described["properties"]["capped"] = {
            "type": "boolean",
            "description": "More results match than `count` (which stops at 1000); the first pages hold "
            "the best of them.",
        }
        return described
