"""Query-string filters. The action filters only validate and document: the selector applies them."""

from __future__ import annotations

import django_filters

from peygir.actions import sources
from peygir.actions.models import Action
from peygir.actions.selectors import SORTS, Horizon, action_list, action_list_count

STATE_CHOICES = [
    ("overdue", "overdue"),
    ("due_soon", "due_soon"),
    ("open", "open"),
    ("closed", "closed"),
]


class ActionFilter(django_filters.FilterSet):
    """state overdue|due_soon|open|closed, status, source, committee, responsible, escalated, q,
    ordering."""

    state = django_filters.ChoiceFilter(choices=STATE_CHOICES, method="noop")
    status = django_filters.ChoiceFilter(choices=Action.Status.choices, method="noop")
    source = django_filters.ChoiceFilter(choices=sources.choices(), method="noop")
    responsible = django_filters.NumberFilter(method="noop")
    escalated = django_filters.BooleanFilter(
        method="noop", label="Only actions referred beyond the responsible organization"
    )
    q = django_filters.CharFilter(method="noop", label="Search the title (Persian letters normalized)")
    ordering = django_filters.ChoiceFilter(choices=[(key, key) for key in SORTS], method="noop")

    class Meta:
        model = Action
        fields = ["state", "status", "source", "responsible", "escalated", "q", "ordering"]

    def noop(self, queryset, name: str, value):
        return queryset

    def filter_queryset(self, queryset):
        """Hand the validated filters to `actions.selectors.action_list` (the one place they mean something)."""
        data = {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "", False)}
        for key in ("responsible", *(adapter.filter_name for adapter in sources.list_filters())):
            if key in data:
                data[key] = int(data[key])
        sort = data.pop("ordering", "deadline")
        horizon = getattr(self.request, "peygir_horizon", None) or Horizon.for_day()
        self.request.peygir_horizon = horizon  # the rows' `state` badges use the same day
        user = self.request.user
        # The page's total as the inbox counts it: per visibility part (selectors.action_list_count).
        self.request.peygir_list_count = lambda: action_list_count(user=user, filters=data, horizon=horizon)
        return action_list(user=user, filters=data, horizon=horizon, sort=sort)


# Each source that offers a filter of action lists (a resolution's committee) adds its parameter.
for _adapter in sources.list_filters():
    ActionFilter.base_filters[_adapter.filter_name] = django_filters.NumberFilter(method="noop")
