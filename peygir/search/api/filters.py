"""The search's query string: validated here (400 with Persian messages), applied by the selector."""

from __future__ import annotations

import django_filters

from peygir.core.web.fields import JalaliDateField
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from .. import selectors
from ..models import SearchEntry
from ..selectors import SearchParams


class DateTextFilter(django_filters.CharFilter):
    """ISO 2023-10-22 or Jalali 1402/07/30, in any digits."""

    field_class = JalaliDateField


class SearchFilter(django_filters.FilterSet):
    """q (the words), kind, territory (a province or county id), organization, from/to (dates)."""

    q = django_filters.CharFilter(
        method="noop", max_length=selectors.MAX_QUERY_LENGTH, label="The words (Persian normalized)"
    )
    kind = django_filters.ChoiceFilter(choices=selectors.kinds(), method="noop")
    territory = django_filters.ModelChoiceFilter(
        queryset=Territory.objects.all(), method="noop", label="Inside this territory (id)"
    )
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(), method="noop", label="The body doing the work (id)"
    )

    class Meta:
        model = SearchEntry
        fields = ["q", "kind", "territory", "organization"]

    def noop(self, queryset, name: str, value):
        return queryset

    def params(self) -> SearchParams:
        data = self.form.cleaned_data
        organization = data.get("organization")
        return SearchParams(
            text=data.get("q") or "",
            kind=data.get("kind") or "",
            territory=data.get("territory"),
            organization_id=organization.pk if organization else None,
            date_from=data.get("from"),
            date_to=data.get("to"),
        )

    def filter_queryset(self, queryset):
        """Hand the validated parameters to `search.selectors.search` (the request keeps them for the
        loose second try and the highlights)."""
        params = self.params()
        self.request.peygir_search = params
        return selectors.search(self.request.user, params)


# `from` and `to` are Python keywords: declared by name.
SearchFilter.base_filters["from"] = DateTextFilter(method="noop", label="From this date (ISO or Jalali)")
SearchFilter.base_filters["to"] = DateTextFilter(method="noop", label="Up to this date (ISO or Jalali)")
