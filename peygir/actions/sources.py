"""Sources of actions: the contract a domain implements to create obligations, and their registry.

Every action comes from a source: a meeting's resolution, a citizen's demand, a direct instruction
of an office, and later a program duty, an inspection finding or a project milestone. The spine knows
each source only through its adapter, named in `settings.PEYGIR_ACTION_SOURCES`:

    PEYGIR_ACTION_SOURCES = {
        "resolution": {"model": "committees.Resolution", "adapter": "peygir.committees.sources.ResolutionSource"},
        ...
    }

The key is the source's kind (stored in `Action.source_kind`) and, when the source is a row, the name
of the foreign key that `Action` gets to it (added in `models.py` from this same setting, with the
check constraint that exactly that key is set). Adapters are imported lazily, on first use, so the
spine never imports a domain and a domain's module may import the spine freely.

The spine calls the adapter explicitly inside its own transaction, in a fixed order: after the
action's row and its event are written and after the people concerned were notified. Whatever the
adapter writes commits or rolls back with the action's change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Model, Q
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from peygir.organizations import access as org_access
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

if TYPE_CHECKING:
    from .models import Action

# What happens to an action, as its source hears it. Each name is written by one service of the spine.
EVENTS = (
    "created",
    "progress",
    "reported_done",
    "verified",
    "rejected",
    "cancelled",
    "deadline_changed",
    "retitled",
    "extension_requested",
    "extension_refused",
    "obstacle",
    "obstacle_cleared",
    "supporter_added",
    "supporter_removed",
)


@dataclass(frozen=True)
class EscalatedAction:
    """One rung reached by one action in an escalation scan, as the action's source hears it."""

    action_id: int
    source_id: int | None
    step: int
    deadline: dt.date
    as_of: dt.date


@dataclass(frozen=True)
class SourceAnswer:
    """One of the source's own answers offered on the action's page: a form posting to `url`."""

    op: str
    label: str
    form: Any
    url: str
    danger: bool = False


class ActionSource:
    """The contract of one kind of source. Subclasses set `label` and override what they need.

    `kind` and `model` are filled by the registry from the settings (one line per source).
    """

    kind: str = ""
    model: str | None = None
    label: Any = ""
    # What action lists read of the source in the same query (select_related paths).
    list_related: tuple[str, ...] = ()
    # An optional filter of action lists by a group of this source's rows (a resolution's committee):
    # the request parameter, its label, the choices a user may pick and the condition on actions.
    filter_name: str = ""
    filter_label: Any = ""
    # The spine's forms of the action page the source answers in its own words instead (a demand's
    # "planned" and "done" replace the extension request and the report of completion).
    hidden_ops: frozenset[str] = frozenset()
    # How the action's page introduces the deadline as written (None: the words are not shown).
    deadline_words_label: Any = _("مهلت به عبارت:")

    @property
    def field(self) -> str | None:
        """The foreign key on Action that points to the source row (None: the source is no row)."""
        return self.kind if self.model else None

    def source_of(self, action: Action) -> Model | None:
        return getattr(action, self.field) if self.field else None

    def source_id(self, action: Action) -> int | None:
        return getattr(action, f"{self.field}_id") if self.field else None

    # ---------------------------------------------------------------- creation

    def can_issue(self, user: Any, source: Model | None, issuer: Organization) -> bool:
        """May `user` create actions of this source on behalf of `issuer`?"""
        return org_access.can_issue_in(user, issuer)

    def territory(
        self, source: Model | None, *, issuer: Organization, responsible: Organization
    ) -> Territory:
        """Where the action lies: the most specific territory still inside the issuer's (a county's
        agency's action of a provincial resolution lies in the county, so its deputy sees it)."""
        if responsible.territory.path.startswith(issuer.territory.path):
            return responsible.territory
        return issuer.territory

    # ---------------------------------------------------------------- pages

    def url(self, action: Action) -> str:
        """The source's page, for links from the action ("" when the source has no page)."""
        return ""

    def describe(self, action: Action) -> str:
        """One line naming the source on the action's page and in lists."""
        return str(self.label)

    def filter_choices(self, user: Any) -> list[tuple[int, str]]:
        return []

    def answer_forms(self, action: Action, user: Any) -> list[SourceAnswer]:
        """Forms of the source's own answers shown on the action's page, each posting to the source's
        own URL (a demand's "not ours / planned / done"); none by default."""
        return []

    def filter_q(self, value: int) -> Q:
        return Q()

    # ---------------------------------------------------------------- life of the action

    def on_event(self, action: Action, event: str, actor: Any, text: str = "") -> None:
        """Called in the spine's transaction after each event of `EVENTS` on one of its actions."""

    def on_escalation(self, rungs: list[EscalatedAction]) -> None:
        """Called in the scan's transaction with the rungs one batch reached on this source's actions."""

    # ---------------------------------------------------------------- periodic work

    def on_scan(self, today: dt.date) -> int:
        """Called once per escalation scan, before the ladder, for the source's own periodic work (a
        recurring program duty creates its next action). Returns how many actions it created. Must be
        idempotent: the scan runs often, possibly twice at once."""
        return 0


class DirectiveSource(ActionSource):
    """A direct instruction of an office to an organization: no source row, the issuer's own rules."""

    label = _("ابلاغ مستقیم")


@dataclass(frozen=True)
class SourceSpec:
    kind: str
    model: str | None
    adapter_path: str


def specs() -> list[SourceSpec]:
    """The registry as the settings give it, in their order (also the order of the constraint)."""
    return [
        SourceSpec(kind=kind, model=entry.get("model"), adapter_path=entry["adapter"])
        for kind, entry in settings.PEYGIR_ACTION_SOURCES.items()
    ]


def source_fields() -> list[str]:
    """The foreign keys `Action` has to its sources' rows, in registry order."""
    return [spec.kind for spec in specs() if spec.model]


def exactly_one_source_q() -> Q:
    """The check constraint: the kind names its foreign key and no other is set (none for a kind
    whose source is no row). One clause per kind, generated from the registry."""
    fields = source_fields()
    clauses = []
    for spec in specs():
        clause = Q(source_kind=spec.kind)
        if spec.model:
            clause &= Q(**{f"{spec.kind}__isnull": False})
        for other in fields:
            if other != spec.kind:
                clause &= Q(**{f"{other}__isnull": True})
        clauses.append(clause)
    combined = clauses[0]
    for clause in clauses[1:]:
        combined |= clause
    return combined


@cache
def _adapters() -> dict[str, ActionSource]:
    adapters = {}
    for spec in specs():
        adapter = import_string(spec.adapter_path)()
        adapter.kind, adapter.model = spec.kind, spec.model
        adapters[spec.kind] = adapter
    return adapters


def get(kind: str) -> ActionSource:
    """The adapter of one kind; KeyError for a kind the registry does not know."""
    return _adapters()[kind]


def all_sources() -> list[ActionSource]:
    return list(_adapters().values())


def for_action(action: Action) -> ActionSource:
    return get(action.source_kind)


def for_source(source: Model | None) -> ActionSource:
    """The adapter whose model `source` is an instance of (None: a direct instruction)."""
    if source is None:
        return get(DIRECTIVE)
    label = source._meta.label
    for adapter in _adapters().values():
        if adapter.model == label:
            return adapter
    raise LookupError(f"no action source is registered for {label}")


def choices() -> list[tuple[str, Any]]:
    """(kind, label) pairs for forms, filters and the API schema (callable choices on the model)."""
    return [(adapter.kind, adapter.label) for adapter in _adapters().values()]


def list_related() -> list[str]:
    """Every source's select_related paths, for the action lists."""
    return [path for adapter in _adapters().values() for path in adapter.list_related]


def list_filters() -> list[ActionSource]:
    """The sources that offer a filter of action lists (see `ActionSource.filter_name`)."""
    return [adapter for adapter in _adapters().values() if adapter.filter_name]


def kinds() -> Iterable[str]:
    return settings.PEYGIR_ACTION_SOURCES.keys()


def reset() -> None:
    """Forget the loaded adapters (tests that change the setting)."""
    _adapters.cache_clear()


DIRECTIVE = "directive"
