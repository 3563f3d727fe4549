"""Pagination for every list: page numbers, a page size the client may lower or raise up to a cap."""

from typing import Any

from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination

from peygir.core.web.views import CountedPaginator


class Pagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 200


class CountedPagination(Pagination):
    """The same pages, counted by the view's own cheaper count when its filters left one on the
    request (`request.peygir_list_count`, as the web page's `paginate(count=…)`)."""

    def django_paginator_class(self, queryset: Any, page_size: int) -> Paginator:
        count = getattr(self.request, "peygir_list_count", None)
        return (
            Paginator(queryset, page_size) if count is None else CountedPaginator(queryset, page_size, count)
        )
