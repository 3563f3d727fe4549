"""A citizen's demand as a source of actions: the routed agency's action, which the demand follows.

The demand keeps in step with its action through `on_event` (see `sync.py`), whoever acted and
wherever; an escalation rung reached by the action is written in the demand's internal history.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy

from peygir.actions.models import Action
from peygir.actions.sources import ActionSource, EscalatedAction, SourceAnswer
from peygir.organizations.models import Organization

from . import access as demand_access
from . import sync
from .models import Demand, DemandEvent

EK = DemandEvent.Kind


# The agency's answers, offered on the action's page too: one place to answer a demand.
ANSWERS = (
    ("planned", gettext_lazy("در برنامه است")),
    ("done", gettext_lazy("اعلام انجام")),
    ("not_ours", gettext_lazy("مربوط به ما نیست")),
)


class DemandSource(ActionSource):
    label = gettext_lazy("مطالبه مردمی")
    # "planned" (a date the office accepts) is a demand's extension, and its "done" carries evidence to
    # the citizen: the spine's own forms for these would be a second, silent way.
    hidden_ops = frozenset({"done", "extension"})
    # A demand's deadline is its service level, not words of minutes.
    deadline_words_label = None

    def answer_forms(self, action: Action, user: Any) -> list[SourceAnswer]:
        demand = action.demand
        answering = (Demand.Status.ROUTED, Demand.Status.PLANNED)
        if (
            demand.current_action_id != action.pk
            or demand.status not in answering
            or not demand_access.can_answer_demand(user, demand)
        ):
            return []
        from .web.forms import demands as demand_forms  # pages' forms, only when a page asks

        answers = []
        for op, label in ANSWERS:
            form_class = demand_forms.DEMAND_OPS[op][0]
            form = form_class(initial={"version": demand.version}, auto_id=f"id_demand_{op}_%s")
            url = reverse("web:demand_op", args=[demand.pk, op])
            answers.append(SourceAnswer(op=op, label=str(label), form=form, url=url, danger=op == "not_ours"))
        return answers

    def can_issue(self, user: Any, source: Demand | None, issuer: Organization) -> bool:
        """Whoever handles the demand routes it, which creates its action."""
        return source is not None and demand_access.can_handle_demand(user, source)

    def url(self, action: Action) -> str:
        return reverse("web:demand_detail", args=[action.demand_id])

    def describe(self, action: Action) -> str:
        return f"{self.label} {action.demand.tracking_code}"

    def on_event(self, action: Action, event: str, actor: Any, text: str = "") -> None:
        sync.on_action_event(action=action, event=event, actor=actor, text=text)

    def on_escalation(self, rungs: list[EscalatedAction]) -> None:
        """One internal event per demand whose current action reached a rung (not shown to the citizen:
        the ladder speaks to officials)."""
        current = dict(
            Demand.objects.filter(pk__in={r.source_id for r in rungs}).values_list("pk", "current_action_id")
        )
        DemandEvent.objects.bulk_create(
            [
                DemandEvent(
                    demand_id=rung.source_id,
                    kind=EK.ESCALATED,
                    data={"action": rung.action_id, "step": rung.step, "as_of": rung.as_of.isoformat()},
                )
                for rung in rungs
                if current.get(rung.source_id) == rung.action_id
            ]
        )
