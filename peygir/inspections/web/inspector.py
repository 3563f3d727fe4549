"""The inspector's pages: their plan (revealed visits only), the phone-first visit page, and what the
offline flow needs (the bundle, the sync and photo endpoints, the service worker)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peygir.core.errors import ConflictError, NotAllowed, ValidationError

from .. import access, selectors, visits

STATIC = Path(__file__).resolve().parent.parent / "static" / "inspections"


@login_required
@never_cache
def inspector_home(request: HttpRequest) -> HttpResponse:
    mine = selectors.my_visits(request.user)
    return render(request, "web/inspections/home.html", {"mine": mine, "tomorrow": access.reveal_horizon()})


def _raw_answers_from_post(request: HttpRequest, questions: list) -> dict[int, dict[str, Any]]:
    answers = {}
    for q in questions:
        raw: dict[str, Any] = {
            "value": request.POST.get(f"q-{q.pk}"),
            "note": request.POST.get(f"note-{q.pk}", ""),
        }
        if request.POST.get(f"na-{q.pk}"):
            raw["na"] = True
        answers[q.pk] = raw
    return answers


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_for_user(request.user, pk)
    questions = selectors.version_questions(visit.checklist_version)
    can_conduct = access.can_conduct_visit(request.user, visit)
    errors: list[str] = []
    if request.method == "POST":
        if not can_conduct:
            raise Http404
        try:
            result = visits.visit_submit(
                user=request.user,
                visit=visit,
                submission_id=request.POST.get("submission_id"),
                answers=_raw_answers_from_post(request, questions),
                checklist_version=visit.checklist_version_id,
                note=request.POST.get("note", ""),
            )
        except NotAllowed as exc:
            raise Http404 from exc
        except ValidationError as exc:
            errors = exc.messages
        else:
            for warning in result.warnings:
                messages.warning(request, warning)
            messages.success(
                request, _("بازدید ثبت شد.") if not result.duplicate else _("این بازدید پیش‌تر ثبت شده بود.")
            )
            return redirect("web:visit_detail", visit.pk)
    latest = visit.checklist_version.template.latest_version()
    context = {
        "visit": visit,
        "questions": questions,
        "can_conduct": can_conduct,
        "errors": errors,
        "posted": request.POST if request.method == "POST" else {},
        "submission_id": request.POST.get("submission_id") or str(uuid.uuid4()),
        "newer_version": latest if latest and latest.pk != visit.checklist_version_id else None,
        "answers": selectors.visit_answers(visit) if visit.status == "completed" else [],
        "disagreements": visits.disagreements(visit) if visit.back_check_of_id else [],
        "findings": list(visit.findings.all()) if visit.status == "completed" else [],
        "skewed": abs(visit.clock_skew_seconds or 0) > visits.SKEW_TOLERANCE.total_seconds(),
    }
    return render(request, "web/inspections/visit.html", context, status=400 if errors else 200)


# ---------------------------------------------------------------- offline


@login_required
@never_cache
@require_GET
def offline_bundle(request: HttpRequest) -> JsonResponse:
    return JsonResponse(selectors.offline_bundle(request.user))


def _datetime(value: Any) -> dt.datetime | None:
    if not value:
        return None
    parsed = parse_datetime(str(value))
    if parsed is None:
        raise ValidationError({"device_submitted_at": _("زمان دستگاه خوانا نیست.")})
    return parsed


@login_required
@require_POST
def visit_sync(request: HttpRequest, pk: int) -> JsonResponse:
    """One visit from a phone's queue (JSON). The same submission id again answers "already received";
    a conflicting one is refused with 409 and a Persian message — the phone keeps its copy."""
    try:
        visit = selectors.visit_for_user(request.user, pk)
    except Http404:
        return JsonResponse({"ok": False, "errors": [_("این بازدید یافت نشد.")]}, status=404)
    try:
        body = json.loads(request.body or b"{}")
        if not isinstance(body, dict):
            raise ValueError
        answers = {int(a["question"]): a for a in body.get("answers", []) if isinstance(a, dict)}
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"ok": False, "errors": [_("داده ارسالی خوانا نیست.")]}, status=400)
    try:
        result = visits.visit_submit(
            user=request.user,
            visit=visit,
            submission_id=body.get("submission_id"),
            answers=answers,
            checklist_version=body.get("checklist_version"),
            device_started_at=_datetime(body.get("device_started_at")),
            device_submitted_at=_datetime(body.get("device_submitted_at")),
            note=body.get("note", ""),
        )
    except NotAllowed:
        return JsonResponse({"ok": False, "errors": [_("این بازدید یافت نشد.")]}, status=404)
    except ConflictError as exc:
        return JsonResponse({"ok": False, "conflict": True, "errors": exc.messages}, status=409)
    except ValidationError as exc:
        return JsonResponse({"ok": False, "errors": exc.messages}, status=400)
    visit = result.visit
    return JsonResponse(
        {
            "ok": True,
            "duplicate": result.duplicate,
            "warnings": result.warnings,
            "visit": {
                "id": visit.pk,
                "status": visit.status,
                "score": str(visit.score) if visit.score is not None else None,
            },
        }
    )


@login_required
@require_POST
def visit_photo(request: HttpRequest, pk: int) -> JsonResponse:
    try:
        visit = selectors.visit_for_user(request.user, pk)
    except Http404:
        return JsonResponse({"ok": False, "errors": [_("این بازدید یافت نشد.")]}, status=404)
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"ok": False, "errors": [_("عکسی فرستاده نشد.")]}, status=400)
    question = request.POST.get("question")
    try:
        photo, created = visits.visit_photo_add(
            user=request.user,
            visit=visit,
            client_id=request.POST.get("client_id", ""),
            upload=upload,
            question_id=int(question) if question and question.isdigit() else None,
        )
    except NotAllowed:
        return JsonResponse({"ok": False, "errors": [_("این بازدید یافت نشد.")]}, status=404)
    except ValidationError as exc:
        return JsonResponse({"ok": False, "errors": exc.messages}, status=400)
    return JsonResponse({"ok": True, "id": photo.pk, "created": created})


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, served under /inspections/ so that its scope covers the inspector's pages."""
    response = HttpResponse(
        (STATIC / "sw.js").read_text(encoding="utf-8"), content_type="application/javascript"
    )
    response["Service-Worker-Allowed"] = "/inspections/"
    response["Cache-Control"] = "no-cache"
    return response
