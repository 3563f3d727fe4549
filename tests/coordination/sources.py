"""A search source for the tests: actions, seen as the spine's own rule says (`actions_visible_to`).

Until the search sources of every domain land, the tests register this one for kind "action"
(`sources` fixture in conftest.py) to check that coordination asks the record's domain who may see it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from peygir.actions.access import actions_visible_to
from peygir.actions.models import Action
from peygir.search.registry import EntryData, SearchSource


class ActionTestSource(SearchSource):
    kind = "action"
    model = Action
    label = "اقدام"

    def visible(self, user: Any) -> QuerySet:
        return actions_visible_to(user)

    def rows(self) -> QuerySet:
        return Action.objects.all()

    def entry(self, obj: Any) -> EntryData | None:
        return None
