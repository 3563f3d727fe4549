"""Pages of coordination: the entry check's panel and decisions, the office's review of candidate
pairs, the decisions with their undo, and the coordination view with its map."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.web.views import errors_to_form, paginate
from peygir.organizations.access import get_for_user
from peygir.territory.models import Territory

from .. import access, overview, selectors, services
from ..checks import Draft, candidates_for_keys, check_entry
from ..models import CandidatePair, Decision
from ..pairs import parse_key
from .entry import draft_from, entry_of, known_sides, spec_from_request
from .forms import EntryDecisionForm, FilterForm, ReviewDecisionForm, UndoForm

MAP_ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"


def _require(condition: bool) -> None:
    if not condition:
        raise Http404


def _invalid(request: HttpRequest, form: Any, *, back: str) -> HttpResponse:
    """A decision that could not be read: the form's Persian errors, nothing written (400)."""
    return render(request, "web/coordination/invalid.html", {"form": form, "back": back}, status=400)


# ---------------------------------------------------------------- the entry check


@login_required
@require_GET
def check(request: HttpRequest) -> HttpResponse:
    """The panel of other bodies' similar work for the form being filled (htmx partial)."""
    _require(access.can_check(request.user))
    params = request.GET
    spec = spec_from_request(params)
    fixed_orgs = [
        int(v) for v in params.get("org", "").split(",")[:50] if v.isascii() and v.isdigit() and len(v) < 18
    ]
    territory = params.get("territory", "")
    territory_id = (
        int(territory) if territory.isascii() and territory.isdigit() and len(territory) < 18 else None
    )
    draft = draft_from(params, spec, organizations=fixed_orgs, territory_id=territory_id)
    draft.kind = ""  # a draft: nothing saved yet, so nothing to exclude as decided
    candidates = check_entry(draft, request.user) if len(draft.title.strip()) >= 3 else []
    return render(request, "web/coordination/_check.html", {"candidates": candidates, "draft": draft})


def _entry(request: HttpRequest, token: str) -> tuple[dict[str, Any], Draft]:
    entry = entry_of(request, token)
    if entry is None:
        raise Http404
    draft = Draft(title=entry.get("title", ""), kind=entry["kind"], object_ids=tuple(entry["ids"]))
    return entry, draft


@login_required
@require_GET
def entry_page(request: HttpRequest, token: str) -> HttpResponse:
    """After saving: the similar work shown at entry, each with the person's decision to take."""
    entry, draft = _entry(request, token)
    candidates = candidates_for_keys(draft, request.user, entry["shown"])
    if not candidates:
        messages.info(request, _("درباره همه موارد مشابه تصمیم گرفته شد."))
        return redirect(entry["next"])
    forms = [
        (c, EntryDecisionForm(initial={"other": f"{c.kind}:{c.object_id}"}, auto_id=f"c{i}_%s"))
        for i, c in enumerate(candidates)
    ]
    context = {"entry": entry, "token": token, "forms": forms}
    return render(request, "web/coordination/entry.html", context)


@login_required
@require_POST
def entry_decide(request: HttpRequest, token: str) -> HttpResponse:
    entry, draft = _entry(request, token)
    form = EntryDecisionForm(request.POST)
    shown = {(str(s["kind"]), int(s["id"])): s for s in entry["shown"]}
    other = parse_key(request.POST.get("other"))
    if not form.is_valid() or other is None or other not in shown:
        return _invalid(request, form, back=reverse("web:coordination_entry", kwargs={"token": token}))
    outcome, lead_side = form.outcome_and_lead()
    known = known_sides(draft, entry)
    written = 0
    try:
        for ours in draft.keys:
            if selectors.current_decision(ours, other) is not None:
                continue
            services.decide(
                user=request.user,
                first=ours,
                second=other,
                outcome=outcome,
                lead={"ours": ours, "theirs": other}.get(lead_side),
                note=form.cleaned_data["note"],
                origin=Decision.Origin.ENTRY,
                score=shown[other].get("score"),
                entry_authorized=True,
                known=known,
            )
            written += 1
    except ValidationError as exc:
        errors_to_form(form, exc)
        messages.error(
            request, _("تصمیم ثبت نشد: ") + " ".join(str(m) for e in form.errors.values() for m in e)
        )
        return redirect("web:coordination_entry", token=token)
    if written:
        messages.success(request, _("تصمیم ثبت شد."))
    return redirect("web:coordination_entry", token=token)


# ---------------------------------------------------------------- the office's review


@login_required
@require_GET
def review(request: HttpRequest) -> HttpResponse:
    _require(access.is_office(request.user))
    status = request.GET.get("status") or CandidatePair.Status.OPEN
    if status not in CandidatePair.Status.values:
        status = CandidatePair.Status.OPEN
    page = paginate(request, selectors.candidates_for_review(request.user, status=status))
    keys = [k for pair in page for k in (pair.a_key, pair.b_key)]
    shown = selectors.titles(request.user, keys)
    rows = [
        {
            "pair": pair,
            "a": shown.get(pair.a_key),
            "b": shown.get(pair.b_key),
            "a_kind": access.kind_label(pair.a_kind),
            "b_kind": access.kind_label(pair.b_kind),
            "form": ReviewDecisionForm(auto_id=f"p{pair.pk}_%s"),
        }
        for pair in page
    ]
    context = {"page": page, "rows": rows, "status": status, "statuses": CandidatePair.Status.choices}
    return render(request, "web/coordination/review.html", context)


@login_required
@require_POST
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_for_user(selectors.candidates_for_review(request.user, status=CandidatePair.Status.OPEN), pk)
    form = ReviewDecisionForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, back=reverse("web:coordination_review"))
    outcome, lead_side = form.outcome_and_lead()
    try:
        services.decide(
            user=request.user,
            first=pair.a_key,
            second=pair.b_key,
            outcome=outcome,
            lead={"a": pair.a_key, "b": pair.b_key}.get(lead_side),
            note=form.cleaned_data["note"],
            origin=Decision.Origin.REVIEW,
            score=pair.score,
        )
    except NotAllowed as exc:
        raise Http404 from exc
    except ValidationError as exc:
        errors_to_form(form, exc)
        text = " ".join(str(m) for errors in form.errors.values() for m in errors)
        messages.error(request, _("تصمیم ثبت نشد: ") + text)
        return redirect("web:coordination_review")
    messages.success(request, _("تصمیم ثبت شد."))
    return redirect("web:coordination_review")


# ---------------------------------------------------------------- decisions and undo


@login_required
@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    _require(access.can_read_view(request.user) or access.can_check(request.user))
    qs = selectors.decisions_visible_to(request.user).select_related(
        "a_organization", "b_organization", "decided_by", "undone_by", "county"
    )
    if request.GET.get("current") == "1":
        qs = qs.filter(undone_at__isnull=True)
    page = paginate(request, qs.order_by("-decided_at", "-pk"))
    shown = selectors.titles(request.user, [k for d in page for k in (d.a_key, d.b_key)])
    rows = [
        {
            "decision": d,
            "a": shown.get(d.a_key),
            "b": shown.get(d.b_key),
            "a_kind": access.kind_label(d.a_kind),
            "b_kind": access.kind_label(d.b_kind),
            "can_undo": d.undone_at is None
            and (
                d.decided_by_id == request.user.pk
                or access.reviews_path(request.user, d.territory_path or "/")
            ),
        }
        for d in page
    ]
    return render(request, "web/coordination/decisions.html", {"page": page, "rows": rows})


@login_required
@require_POST
def decision_undo(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_for_user(selectors.decisions_visible_to(request.user), pk)
    try:
        services.check_undo(request.user, decision)
    except NotAllowed as exc:
        raise Http404 from exc
    except ValidationError:
        messages.error(request, _("این تصمیم پیش‌تر برگردانده شده است."))
        return redirect("web:coordination_decisions")
    form = UndoForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, back=reverse("web:coordination_decisions"))
    try:
        services.undo(
            user=request.user,
            decision=decision,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data.get("version"),
        )
    except ValidationError as exc:
        messages.error(request, _("برگردانده نشد: ") + " ".join(exc.messages))
        return redirect("web:coordination_decisions")
    messages.success(request, _("تصمیم برگردانده شد؛ این دو مورد دوباره بررسی می‌شوند."))
    return redirect("web:coordination_decisions")


# ---------------------------------------------------------------- the coordination view and map


def _root(request: HttpRequest) -> Territory:
    """The territory the view is about: one the user reads (a `territory` parameter or their own)."""
    paths = access.read_paths(request.user)
    _require(bool(paths))
    wanted = request.GET.get("territory", "")
    qs = Territory.objects.filter(access.path_q(request.user, "path"))
    if wanted:
        return get_for_user(qs, wanted)
    root = Territory.objects.filter(path=paths[0]).first() if paths[0] != "/" else None
    if root is None:
        root = Territory.objects.filter(parent__isnull=True).order_by("pk").first()
    _require(root is not None)
    return root


def _filters(request: HttpRequest, root: Territory) -> tuple[FilterForm, overview.Filters]:
    counties = Territory.objects.filter(
        path__startswith=root.path, kind=Territory.Kind.COUNTY, is_active=True
    ).only("pk", "name_fa")
    kinds = [(k, access.kind_label(k)) for k in sorted(access.KIND_LABELS)]
    form = FilterForm(request.GET or None, counties=counties.order_by("name_fa"), kinds=kinds)
    values = form.values()
    return form, overview.Filters(
        county_id=values["county"], since=values["since"], until=values["until"], kind=values["kind"]
    )


@login_required
@require_GET
def coordination_view(request: HttpRequest) -> HttpResponse:
    root = _root(request)
    form, filters = _filters(request, root)
    totals = overview.totals(root, filters)
    # Neither list is counted by a query of its own (each count grouped the territory's work again:
    # 30 ms of a province's page at S = 1): the places are at most the root's counties or a county's
    # neighbourhoods, read whole; the bodies are as many as the totals' distinct bodies.
    places = Paginator(list(overview.place_rows(root, filters)), 25).get_page(request.GET.get("page"))
    body_pages = Paginator(overview.body_rows(root, filters), 25)
    body_pages.count = totals["bodies"]
    bodies = body_pages.get_page(request.GET.get("bodies_page"))
    counties = [] if filters.county_id else [row["county_id"] for row in places]
    overlaps = overview.overlaps_by_county(root, filters, counties)
    config = {
        "data_url": reverse("web:coordination_map_data"),
        "query": {k: v for k, v in request.GET.items() if k in ("territory", "since", "until", "kind")},
        "attribution": MAP_ATTRIBUTION,
        "labels": {"overlaps": _("همپوشانی باز"), "records": _("سوابق کار")},
    }
    context = {
        "root": root,
        "form": form,
        "filters": filters,
        "places": places,
        "page": places,
        "bodies": bodies,
        "overlaps": overlaps,
        "totals": totals,
        "config": config,
        "is_office": access.is_office(request.user),
    }
    return render(request, "web/coordination/view.html", context)


@login_required
@require_GET
def map_data(request: HttpRequest) -> JsonResponse:
    root = _root(request)
    _form, filters = _filters(request, root)
    return JsonResponse(overview.map_data(root, filters))
