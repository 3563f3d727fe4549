"""Sums the envelope arithmetic and the pages share."""

from __future__ import annotations

from django.db.models import Sum

from ..models import Call, Proposal


def committed_by_county(call: Call) -> dict[int, int]:
    """Rials approved per county of a call (approved proposals' approved amounts)."""
    rows = (
        Proposal.objects.filter(call=call, status=Proposal.Status.APPROVED)
        .values("county_id")
        .annotate(total=Sum("approved_rials"))
    )
    return {row["county_id"]: int(row["total"] or 0) for row in rows}


def committed_in(call_id: int, county_id: int) -> int:
    total = Proposal.objects.filter(
        call_id=call_id, county_id=county_id, status=Proposal.Status.APPROVED
    ).aggregate(total=Sum("approved_rials"))["total"]
    return int(total or 0)
