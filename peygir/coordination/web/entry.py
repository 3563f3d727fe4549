"""The entry check as a domain's form uses it: the panel while typing, the decisions after saving.

A domain names its form's fields once in an `EntrySpec` and:
- puts `{% coordination_check spec fixed %}` in the form (coordination_tags): a panel that asks
  `/coordination/check/` (htmx) for similar work of other bodies when the title or text changes;
- after saving, returns `after_save(request, spec, fixed=…, object_ids=…, next_url=…)`: when other
  bodies' similar work is found, the person is taken to a page where they decide each pair (same
  work with a lead, co-funded, differentiated, justified); otherwise straight to `next_url`.
  A record a service makes out of other data (a grant's project, made by approving its proposal, and
  checked again when an amendment changes it) is checked through `after_entry` with a draft the
  domain builds.

What the person saved is remembered in their session under a one-time token: it is the proof that
they entered the record, so the decisions at entry need no other permission (services.decide with
`entry_authorized`), and the pairs decided are exactly the pairs shown.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from peygir.core.errors import ValidationError
from peygir.core.jalali import JalaliDateError, parse_jalali_date
from peygir.core.text import to_latin_digits, to_persian_digits

from .. import selectors, services
from ..checks import Candidate, Draft, check_entry, territory_of
from ..models import Decision
from ..pairs import Key

SESSION_KEY = "coordination_entries"
MAX_TOKENS = 10
MAX_ORGANIZATIONS = 200
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


@dataclass(frozen=True)
class EntrySpec:
    """Which of a form's fields the check reads (empty: the form has none)."""

    kind: str  # the search kind of the records the form saves
    title: str = "title"
    body: str = ""
    organizations: str = ""  # the body (or bodies) doing the work
    county: str = ""
    neighbourhood: str = ""
    starts: str = ""
    ends: str = ""
    amount: str = ""  # in tomans, as the forms take money

    def vals(self) -> dict[str, str]:
        return {f"f_{k}": v for k, v in asdict(self).items() if k != "kind" and v}


def _int(value: object) -> int | None:
    text = to_latin_digits(str(value or "")).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        return None
    return int(text)


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()[:20]
    if not text:
        return None
    try:
        return parse_jalali_date(text)
    except (JalaliDateError, ValueError, OverflowError):
        return None


def _amount_rials(value: object) -> int | None:
    digits = "".join(ch for ch in to_latin_digits(str(value or "")) if ch.isascii() and ch.isdigit())
    if not digits or len(digits) > 15:
        return None
    return int(digits) * 10


def _name(params: Mapping[str, Any], key: str) -> str:
    name = str(params.get(key, "") or "")
    return name if FIELD_NAME.match(name) else ""


def draft_from(
    params: Any,
    spec: EntrySpec,
    *,
    organizations: Iterable[int] = (),
    territory_id: int | None = None,
    starts_on: dt.date | None = None,
) -> Draft:
    """The draft from a form's values (a QueryDict) read through `spec`, plus what the page knows."""

    def get(name: str) -> str:
        return str(params.get(name, "") or "")[:5000] if name else ""

    def getlist(name: str) -> list[str]:
        if not name:
            return []
        values = params.getlist(name) if hasattr(params, "getlist") else [params.get(name)]
        return [str(v) for v in values[:MAX_ORGANIZATIONS]]

    org_ids = {pk for pk in (_int(v) for v in getlist(spec.organizations)) if pk}
    org_ids.update(pk for pk in organizations if pk)
    county_id, hood_id, path = territory_of(territory_id)
    if spec.county and _int(get(spec.county)):
        county_id, hood_id, path = territory_of(_int(get(spec.county)))
    if spec.neighbourhood:
        hoods = [pk for pk in (_int(v) for v in getlist(spec.neighbourhood)) if pk]
        if len(hoods) == 1:
            hood_id = hoods[0]
    return Draft(
        title=get(spec.title)[:500],
        body=get(spec.body),
        organization_ids=frozenset(org_ids),
        county_id=county_id,
        neighbourhood_id=hood_id,
        territory_path=path,
        amount_rials=_amount_rials(get(spec.amount)) if spec.amount else None,
        starts_on=_date(get(spec.starts)) or starts_on,
        ends_on=_date(get(spec.ends)),
        kind=spec.kind,
    )


def spec_from_request(params: Mapping[str, Any]) -> EntrySpec:
    """The spec the panel sent (field names only: a forged one reads other fields, nothing more)."""
    kind = _name(params, "kind") or "draft"
    fields = ("title", "body", "organizations", "county", "neighbourhood", "starts", "ends", "amount")
    return EntrySpec(kind=kind, **{f: _name(params, f"f_{f}") for f in fields})


def after_save(
    request: HttpRequest,
    spec: EntrySpec,
    *,
    object_ids: Iterable[int],
    next_url: str,
    organizations: Iterable[int] = (),
    territory_id: int | None = None,
    starts_on: dt.date | None = None,
) -> HttpResponse:
    """Where to go after saving: the decisions page when other bodies' similar work was found."""
    draft = draft_from(
        request.POST, spec, organizations=organizations, territory_id=territory_id, starts_on=starts_on
    )
    draft.object_ids = tuple(object_ids)
    return after_entry(request, draft, next_url=next_url)


# What a domain already knows about some of the pairs found (outcome, note), keyed by the other record.
Answers = Mapping[Key, tuple[str, str]]


def after_entry(
    request: HttpRequest,
    draft: Draft,
    *,
    next_url: str,
    same_as: Iterable[Key] = (),
    answered: Callable[[list[Candidate]], Answers] | None = None,
) -> HttpResponse:
    """`after_save` for a record a service made out of other data rather than a form's fields (a
    grant's project, made when the office approves its proposal): the domain builds the draft.

    `same_as` names records that are the same work under another key (the proposal a project was
    approved from): a pair already decided with one of them is not asked again either.
    `answered` is asked about the pairs found and returns what the person already decided about some
    of them in the same act (the grants' double-funding guard, decided before the approval): those are
    recorded as entry decisions in the graph and not asked again; a pair whose answer cannot be
    recorded (somebody decided it a moment ago, a note missing) is simply asked.
    """
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("web:home")
    candidates = check_entry(draft, request.user)
    aliases = [key for key in same_as if key not in draft.keys]
    if candidates and aliases:
        decided = selectors.decided_partners(aliases)
        candidates = [c for c in candidates if c.key not in decided]
    if candidates and answered is not None:
        recorded = _record_answers(request, draft, candidates, answered(candidates))
        candidates = [c for c in candidates if c.key not in recorded]
    if not candidates:
        return redirect(next_url)
    token = secrets.token_urlsafe(9)
    entries = dict(request.session.get(SESSION_KEY, {}))
    while len(entries) >= MAX_TOKENS:
        entries.pop(next(iter(entries)))
    entries[token] = {
        "kind": draft.kind,
        "ids": list(draft.object_ids),
        "title": draft.title,
        "next": next_url,
        "shown": [c.as_dict() for c in candidates],
        **_known(draft),
    }
    request.session[SESSION_KEY] = entries
    return redirect("web:coordination_entry", token=token)


def _known(draft: Draft) -> dict[str, Any]:
    """What the pairs' decisions keep of the saved record while the index has not caught up."""
    return {
        "org": next(iter(draft.organization_ids)) if len(draft.organization_ids) == 1 else None,
        "county": draft.county_id,
        "path": draft.territory_path,
    }


def known_sides(draft: Draft, entry: Mapping[str, Any]) -> dict[Key, services.Side]:
    return {
        ours: services.Side(ours, entry.get("org"), entry.get("county"), entry.get("path") or "")
        for ours in draft.keys
    }


def _record_answers(
    request: HttpRequest, draft: Draft, candidates: list[Candidate], answers: Answers
) -> set[Key]:
    """Write the answers the domain already had as entry decisions; the keys written."""
    known = known_sides(draft, _known(draft))
    recorded: set[Key] = set()
    for candidate in candidates:
        answer = answers.get(candidate.key)
        if answer is None:
            continue
        outcome, note = answer
        try:
            for ours in draft.keys:
                if selectors.current_decision(ours, candidate.key) is None:
                    services.decide(
                        user=request.user,
                        first=ours,
                        second=candidate.key,
                        outcome=outcome,
                        note=note[: services.NOTE_LIMIT],
                        origin=Decision.Origin.ENTRY,
                        score=round(candidate.score, 3),
                        entry_authorized=True,  # the person has just entered the record
                        known=known,
                    )
        except ValidationError:
            continue  # left to be asked on the page
        recorded.add(candidate.key)
    if recorded:
        messages.info(
            request,
            _(
                "تصمیمی که پیش‌تر درباره %(n)s مورد مشابه گرفته بودید در شبکه هماهنگی ثبت شد و دوباره پرسیده نمی‌شود."
            )
            % {"n": to_persian_digits(len(recorded))},
        )
    return recorded


def entry_of(request: HttpRequest, token: str) -> dict[str, Any] | None:
    entries = request.session.get(SESSION_KEY, {})
    entry = entries.get(token) if isinstance(entries, dict) else None
    return entry if isinstance(entry, dict) else None
