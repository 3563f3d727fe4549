"""The search page: one box over every kind of record the user may see, with filters."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from peygir.core.web.views import PER_PAGE, is_htmx

from .. import highlight, selectors
from ..paging import SearchPaginator
from ..selectors import SearchParams
from .forms import SearchForm, organization_choices, territory_choices


def paginate(request: HttpRequest, rows: object) -> Page:
    """One page, counted no further than the cap (paging.py); a bad page number gives the nearest."""
    return SearchPaginator(rows, PER_PAGE).get_page(request.GET.get("page"))


def results_page(request: HttpRequest, params: SearchParams) -> tuple[Page, bool]:
    """One page of results, and whether they are the loose ones (nothing matched exactly)."""
    page = paginate(request, selectors.search(request.user, params))
    if page.paginator.count or params.is_empty:
        return page, False
    return paginate(request, selectors.search(request.user, params, loose=True)), True


def decorate(page: Page, params: SearchParams) -> None:
    """Each result's kind label, highlighted title and snippet (escaped first: highlight.py)."""
    for entry in page.object_list:
        entry.kind_label = selectors.label(entry.kind)
        entry.title_html = highlight.highlight(entry.title, params.found_by)
        entry.snippet_html = highlight.snippet(entry.body, params.found_by)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(
        request.GET or None,
        territories=territory_choices(),
        organizations=organization_choices(request.user),
    )
    context: dict = {"form": form, "page": None, "loose": False, "searched": False}
    if form.is_bound and form.is_valid():
        params = form.params()
        if not params.is_empty:
            page, loose = results_page(request, params)
            decorate(page, params)
            context.update(page=page, loose=loose, searched=True)
    status = 400 if form.is_bound and form.errors else 200
    template = "web/search/_results.html" if is_htmx(request) else "web/search/results.html"
    return render(request, template, context, status=status)
