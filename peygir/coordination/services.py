"""Writes: a decision about a pair (check, then do), its undo, and the candidate pairs' status.

A decision is written once per pair: while it stands the pair is never asked again (the partial
unique index `coord_decision_current` holds it even against two people deciding at once). An undo is
recorded on the row, never a delete, and opens the pair again.

"Same work" names the lead; the other record's body becomes a supporting organization of the lead
record's actions (the spine's `actions.support`), which lists them in its inbox; the actions it was
added to are kept on the decision, and an undo takes it off them again unless another standing
decision still makes it a supporter of the same lead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.actions import support
from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.text import check_text
from peygir.core.versioning import check_version, lock_row
from peygir.organizations.models import Organization
from peygir.search import registry
from peygir.search.models import SearchEntry

from . import access
from .models import CandidatePair, Decision
from .pairs import Key, canonical, pair_q

NOTE_LIMIT = 2000
Outcome = Decision.Outcome


@dataclass
class Side:
    """One record of a pair with what the decision keeps of it."""

    key: Key
    organization_id: int | None = None
    county_id: int | None = None
    territory_path: str = ""


def sides_of(first: Key, second: Key, known: dict[Key, Side] | None = None) -> tuple[Side, Side]:
    """Both records as the index knows them (one query); a record not indexed yet is taken from
    `known` (what the entry flow knows of the record just saved), or keeps only its key."""
    rows = {
        (r["kind"], r["object_id"]): r
        for r in SearchEntry.objects.filter(
            Q(kind=first[0], object_id=first[1]) | Q(kind=second[0], object_id=second[1])
        ).values("kind", "object_id", "organization_id", "county_id", "territory_path")
    }

    def side(key: Key) -> Side:
        row = rows.get(key)
        if row is None:
            return (known or {}).get(key) or Side(key)
        return Side(key, row["organization_id"], row["county_id"], row["territory_path"] or "")

    return side(first), side(second)


def common_path(first: str, second: str) -> str:
    """The deepest territory path holding both ('/1/2/3/' and '/1/2/9/' → '/1/2/')."""
    if not first or not second:
        return first or second
    parts_a, parts_b = first.strip("/").split("/"), second.strip("/").split("/")
    common = []
    for x, y in zip(parts_a, parts_b, strict=False):
        if x != y:
            break
        common.append(x)
    return "/" + "/".join(common) + "/" if common else "/"


def check_decision(
    *,
    user: Any,
    first: Side,
    second: Side,
    outcome: str,
    lead: Key | None,
    note: str,
    origin: str,
    entry_authorized: bool = False,
) -> str:
    """Authorize and validate a decision; nothing is written. Returns the cleaned note."""
    path = common_path(first.territory_path, second.territory_path)
    if origin == Decision.Origin.ENTRY:
        allowed = entry_authorized
    elif origin == Decision.Origin.REVIEW:
        allowed = bool(path) and access.reviews_path(user, path)
    else:  # API: the office, or who acts for one of the two records
        allowed = (bool(path) and access.reviews_path(user, path)) or any(
            access.acts_for(user, s.organization_id, s.territory_path) for s in (first, second)
        )
    if not allowed:
        raise NotAllowed
    if first.key == second.key:
        raise ValidationError({"pair": _("یک مورد را نمی‌توان با خودش مقایسه کرد.")})
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("تصمیم را از میان گزینه‌ها انتخاب کنید.")})
    if outcome == Outcome.SAME_WORK and lead not in (first.key, second.key):
        raise ValidationError({"lead": _("برای کار واحد، پیشران را انتخاب کنید.")})
    note = check_text(note, field="note", required=outcome in Decision.NEEDS_NOTE, limit=NOTE_LIMIT)
    if Decision.objects.filter(pair_q(first.key, second.key), undone_at__isnull=True).exists():
        raise ValidationError({"pair": _("درباره این دو مورد پیش‌تر تصمیم گرفته شده است.")})
    return note


@transaction.atomic
def decide(
    *,
    user: Any,
    first: Key,
    second: Key,
    outcome: str,
    lead: Key | None = None,
    note: str = "",
    origin: str = Decision.Origin.REVIEW,
    score: float | None = None,
    entry_authorized: bool = False,
    known: dict[Key, Side] | None = None,
) -> Decision:
    """Record what was decided about a pair (first/second in any order)."""
    side_first, side_second = sides_of(first, second, known)
    note = check_decision(
        user=user,
        first=side_first,
        second=side_second,
        outcome=outcome,
        lead=lead,
        note=note,
        origin=origin,
        entry_authorized=entry_authorized,
    )
    (a_key, b_key) = canonical(first, second)
    a, b = (side_first, side_second) if a_key == first else (side_second, side_first)
    decision = Decision(
        a_kind=a.key[0],
        a_id=a.key[1],
        b_kind=b.key[0],
        b_id=b.key[1],
        a_organization_id=a.organization_id,
        b_organization_id=b.organization_id,
        county_id=a.county_id if a.county_id == b.county_id else None,
        territory_path=common_path(a.territory_path, b.territory_path),
        outcome=outcome,
        lead=("a" if lead == a.key else "b") if outcome == Outcome.SAME_WORK else "",
        note=note,
        origin=origin,
        score=score,
        decided_by=user if getattr(user, "is_authenticated", False) else None,
    )
    decision.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError as exc:  # somebody decided the same pair a moment ago
        raise ValidationError({"pair": _("درباره این دو مورد پیش‌تر تصمیم گرفته شده است.")}) from exc
    CandidatePair.objects.filter(pair_q(first, second)).update(
        status=CandidatePair.Status.DECIDED, updated_at=timezone.now()
    )
    if outcome == Outcome.SAME_WORK:
        _support(decision, user)
    return decision


def _lead_and_supporter(decision: Decision) -> tuple[tuple[str, int] | None, Organization | None]:
    lead = decision.lead_key()
    supporter_id = decision.supporting_organization_id()
    if lead is None or supporter_id is None or supporter_id == decision.lead_organization_id():
        return None, None
    if lead[0] not in registry.sources():
        return None, None
    return lead, Organization.objects.filter(pk=supporter_id).first()


def _support(decision: Decision, user: Any) -> None:
    """The other body joins the lead record's open actions as a supporting organization."""
    lead, supporter = _lead_and_supporter(decision)
    if lead is None or supporter is None:
        return
    action_ids = registry.source(lead[0]).action_ids(lead[1])
    reason = _("تصمیم هماهنگی: کار واحد؛ این اقدام پیشران است.")
    added = support.do_add_supporter(action_ids=action_ids, organization=supporter, user=user, reason=reason)
    if added:
        decision.supported_actions = added
        decision.save(update_fields=["supported_actions"])


def _withdraw_support(decision: Decision, user: Any) -> None:
    """Undo what `_support` added, unless another standing same-work decision gives the same support."""
    lead, supporter = _lead_and_supporter(decision)
    if lead is None or supporter is None or not decision.supported_actions:
        return
    standing = (
        Decision.objects.filter(outcome=Outcome.SAME_WORK, undone_at__isnull=True)
        .exclude(pk=decision.pk)
        .filter(
            Q(a_kind=lead[0], a_id=lead[1], lead="a", b_organization_id=supporter.pk)
            | Q(b_kind=lead[0], b_id=lead[1], lead="b", a_organization_id=supporter.pk)
        )
    )
    if standing.exists():
        return
    reason = _("تصمیم هماهنگی «کار واحد» برگردانده شد.")
    support.do_remove_supporter(
        action_ids=decision.supported_actions, organization=supporter, user=user, reason=reason
    )


def check_undo(user: Any, decision: Decision) -> None:
    """The office of the pair's territory, or the person who took the decision, may undo it."""
    own = decision.decided_by_id is not None and decision.decided_by_id == getattr(user, "pk", None)
    if not (own or access.reviews_path(user, decision.territory_path or "/")):
        raise NotAllowed
    if decision.undone_at is not None:
        raise ValidationError({"decision": _("این تصمیم پیش‌تر برگردانده شده است.")})


@transaction.atomic
def undo(*, user: Any, decision: Decision, reason: str = "", expected_version: int | None = None) -> Decision:
    """Undo a decision: kept in the history, the pair open again."""
    check_undo(user, decision)
    locked = lock_row(Decision.objects.all(), decision.pk)
    check_version(locked, expected_version)
    check_undo(user, locked)
    locked.undo_reason = check_text(reason, field="reason", limit=NOTE_LIMIT)
    locked.undone_at = timezone.now()
    locked.undone_by = user if getattr(user, "is_authenticated", False) else None
    locked.version += 1
    locked.save(update_fields=["undo_reason", "undone_at", "undone_by", "version"])
    CandidatePair.objects.filter(pair_q(locked.a_key, locked.b_key)).update(
        status=CandidatePair.Status.OPEN, updated_at=timezone.now()
    )
    if locked.outcome == Outcome.SAME_WORK:
        _withdraw_support(locked, user)
    return locked
