"""Visits: the inspector's submission (from the page or a phone's offline queue), photos, the
missed-visit scan and the back-check draw.

A submission is idempotent: the device sends a submission id it generated once per filled visit; the
same id again answers as the first time did, whatever the network did in between. A different
submission for a visit already done is a conflict (another device, or an old copy), refused with a
message, and nothing is overwritten. The device's clock is compared with the server's.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.actions import services as action_services
from peygir.actions.models import Action
from peygir.core.errors import ConflictError, NotAllowed, ValidationError
from peygir.core.files import validate_upload
from peygir.core.text import check_text, to_persian_digits
from peygir.core.versioning import lock_row
from peygir.core.workdays import WorkingCalendar

from . import access, draw, findings
from .models import Answer, Facility, Visit, VisitPhoto, VisitSubmission
from .scoring import score

V = Visit.Status
# A device clock further than this from the server's is reported (and its times corrected).
SKEW_TOLERANCE = dt.timedelta(minutes=10)
BACK_CHECK_WINDOW = 10  # working days after the visit


def photo_limit() -> int:
    return getattr(settings, "PEYGIR_INSPECTION_PHOTO_MAX_BYTES", 5 * 1024 * 1024)


@dataclass
class SubmitResult:
    visit: Visit
    duplicate: bool = False
    warnings: list[str] = field(default_factory=list)
    findings: int = 0


def _parse_uuid(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError) as exc:
        raise ValidationError({"submission_id": _("شناسه ارسال معتبر نیست.")}) from exc


def _skew_warning(seconds: int) -> str:
    hours = abs(seconds) / 3600
    if hours >= 20:
        amount = _("حدود %(n)s روز") % {"n": to_persian_digits(round(hours / 24) or 1)}
    elif hours >= 1:
        amount = _("حدود %(n)s ساعت") % {"n": to_persian_digits(round(hours))}
    else:
        amount = _("%(n)s دقیقه") % {"n": to_persian_digits(round(abs(seconds) / 60))}
    return _(
        "ساعت دستگاه شما %(amount)s با ساعت سامانه اختلاف دارد؛ زمان بازدید با ساعت سامانه تصحیح شد. "
        "لطفاً تاریخ و ساعت گوشی را درست کنید."
    ) % {"amount": amount}


def check_visit_submit(user: Any, visit: Visit) -> None:
    if visit.inspector_id != getattr(user, "pk", None):
        raise NotAllowed


@transaction.atomic
def visit_submit(
    *,
    user: Any,
    visit: Visit,
    submission_id: Any,
    answers: dict[int, dict[str, Any]],
    checklist_version: int | None = None,
    device_started_at: dt.datetime | None = None,
    device_submitted_at: dt.datetime | None = None,
    note: str = "",
    today: dt.date | None = None,
) -> SubmitResult:
    check_visit_submit(user, visit)
    return do_visit_submit(
        user=user,
        visit=visit,
        submission_id=submission_id,
        answers=answers,
        checklist_version=checklist_version,
        device_started_at=device_started_at,
        device_submitted_at=device_submitted_at,
        note=note,
        today=today,
    )


@transaction.atomic
def do_visit_submit(
    *,
    user: Any,
    visit: Visit,
    submission_id: Any,
    answers: dict[int, dict[str, Any]],
    checklist_version: int | None = None,
    device_started_at: dt.datetime | None = None,
    device_submitted_at: dt.datetime | None = None,
    note: str = "",
    today: dt.date | None = None,
) -> SubmitResult:
    sid = _parse_uuid(submission_id)
    visit = lock_row(Visit.objects.select_related("facility", "draw", "checklist_version"), visit.pk)
    earlier = VisitSubmission.objects.filter(submission_id=sid).first()
    if earlier is not None:
        if earlier.visit_id != visit.pk:
            raise ValidationError({"submission_id": _("این شناسه ارسال از آن بازدید دیگری است.")})
        return SubmitResult(visit=visit, duplicate=True)
    if visit.status == V.COMPLETED:
        raise ConflictError(
            _("این بازدید پیش‌تر (از دستگاه یا صفحه دیگری) ثبت شده است؛ پاسخ‌های تازه جایگزین آن نمی‌شوند.")
        )
    if not access.can_conduct_visit(user, visit, today=today):
        raise NotAllowed
    version = visit.checklist_version
    if checklist_version is not None and int(checklist_version) != version.pk:
        raise ValidationError(
            {
                "checklist_version": _(
                    "این پاسخ‌ها برای نسخه دیگری از چک‌لیست است؛ این بازدید با نسخه %(n)s انجام می‌شود."
                )
                % {"n": to_persian_digits(version.number)}
            }
        )
    questions = list(version.questions.select_related("section").order_by("section__order", "order", "pk"))
    result = score(questions, answers, version.pass_score)
    now = timezone.now()
    warnings: list[str] = []
    skew = None
    if device_submitted_at is not None:
        skew = int((now - device_submitted_at).total_seconds())
        if abs(skew) > SKEW_TOLERANCE.total_seconds():
            warnings.append(_skew_warning(skew))
    started = device_started_at
    if started is not None and skew is not None:
        started = started + dt.timedelta(seconds=skew)
    if started is not None and started > now:
        started = now
    Answer.objects.bulk_create(
        [
            Answer(
                visit=visit,
                question=a.question,
                is_na=a.is_na,
                value_bool=a.value_bool,
                value_number=a.value_number,
                value_text=a.value_text,
                fraction=a.fraction,
                passed=a.passed,
                note=a.note,
            )
            for a in result.answers
        ]
    )
    was_missed = visit.status == V.MISSED
    visit.status = V.COMPLETED
    visit.completed_at = now
    visit.device_started_at = started
    visit.device_submitted_at = device_submitted_at
    visit.clock_skew_seconds = skew
    visit.score = result.score
    visit.passed = result.passed
    visit.critical_failed = result.critical_failed
    visit.note = check_text(note, field="note", limit=5000)
    visit.version += 1
    visit.save()
    VisitSubmission.objects.create(visit=visit, submission_id=sid, message=" ".join(warnings)[:500])
    calendar = WorkingCalendar()
    made: list = []
    if visit.kind != Visit.Kind.BACK_CHECK:
        skip = {visit.reinspection_of.question.code} if visit.reinspection_of_id else set()
        made = findings.create_findings(
            visit=visit, result=result, user=user, calendar=calendar, skip_codes=skip
        )
        Facility.objects.filter(pk=visit.facility_id).update(
            last_score=result.score, last_passed=result.passed, last_visited_on=timezone.localdate(now)
        )
    if visit.reinspection_of_id:
        findings.close_by_reinspection(visit=visit, result=result, user=user)
    if visit.kind == Visit.Kind.SCHEDULED:
        maybe_back_check(visit, calendar=calendar)
    if was_missed:
        _report_late_visit(visit, user)
    return SubmitResult(visit=visit, warnings=warnings, findings=len(made))


def _report_late_visit(visit: Visit, user: Any) -> None:
    for action in Action.objects.filter(visit=visit, status__in=Action.PENDING_STATUSES):
        action_services.do_action_report_done(
            action=action, user=user, text=_("بازدید با تأخیر انجام و ثبت شد.")
        )


# ---------------------------------------------------------------- back-checks


def back_check_selected(visit: Visit) -> bool:
    """Drawn from the draw's seed and the visit's id: unpredictable for the inspector, auditable once
    the seed is published."""
    percent = visit.draw.plan.back_check_percent
    seed = bytes.fromhex(visit.draw.seed_hex)
    return draw.derived_fraction(seed, f"back-check:{visit.pk}") < percent / 100


def maybe_back_check(visit: Visit, *, calendar: WorkingCalendar) -> Visit | None:
    """For a selected visit, another inspector of the plan (drawn) re-inspects on a drawn working day."""
    if not back_check_selected(visit):
        return None
    others = sorted(visit.draw.plan.inspectors.exclude(pk=visit.inspector_id).values_list("pk", flat=True))
    if not others:
        return None
    seed = bytes.fromhex(visit.draw.seed_hex)
    inspector = others[draw.derived_index(seed, f"back-check-inspector:{visit.pk}", len(others))]
    start = timezone.localdate(visit.completed_at)
    days = [calendar.add_working_days(start, n) for n in range(1, BACK_CHECK_WINDOW + 1)]
    day = days[draw.derived_index(seed, f"back-check-day:{visit.pk}", len(days))]
    return Visit.objects.create(
        draw=visit.draw,
        kind=Visit.Kind.BACK_CHECK,
        facility=visit.facility,
        territory_path=visit.territory_path,
        inspector_id=inspector,
        organization=visit.organization,
        checklist_version=visit.checklist_version,
        scheduled_on=day,
        back_check_of=visit,
    )


def disagreements(back_check: Visit) -> list[dict[str, Any]]:
    """Items the back-check judged otherwise than the original visit (by question code)."""
    original = back_check.back_check_of
    if original is None or back_check.status != V.COMPLETED:
        return []
    mine = {a.question.code: a for a in back_check.answers.select_related("question")}
    rows = []
    for a in original.answers.select_related("question"):
        other = mine.get(a.question.code)
        if other is not None and (other.passed != a.passed or other.is_na != a.is_na):
            rows.append({"question": a.question.text, "original": a, "back_check": other})
    return rows


# ---------------------------------------------------------------- photos


@transaction.atomic
def visit_photo_add(
    *, user: Any, visit: Visit, client_id: str, upload: UploadedFile, question_id: int | None = None
) -> tuple[VisitPhoto, bool]:
    """Store one photo (images only, bounded size); the same client id again returns the first copy."""
    check_visit_submit(user, visit)
    client_id = check_text(client_id, field="client_id", required=True, limit=64)
    existing = VisitPhoto.objects.filter(visit=visit, client_id=client_id).first()
    if existing is not None:
        return existing, False
    if not access.can_conduct_visit(user, visit) and visit.status != V.COMPLETED:
        raise NotAllowed
    limit = photo_limit()
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            {
                "files": _("عکس «%(name)s» از سقف %(mb)s مگابایت بزرگ‌تر است.")
                % {"name": upload.name, "mb": to_persian_digits(limit // (1024 * 1024))}
            }
        )
    checked = validate_upload(upload)
    if not checked.content_type.startswith("image/"):
        raise ValidationError(
            {"files": _("«%(name)s» عکس نیست؛ تنها JPG یا PNG بفرستید.") % {"name": checked.name}}
        )
    question = None
    if question_id is not None:
        question = visit.checklist_version.questions.filter(pk=question_id).first()
        if question is None:
            raise ValidationError({"question": _("این پرسش در چک‌لیست این بازدید نیست.")})
    photo = VisitPhoto(
        visit=visit,
        question=question,
        client_id=client_id,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
    )
    photo.file.save(f"{uuid.uuid4().hex}{_ext(checked.name)}", checked.file, save=False)
    photo.save()
    return photo, True


def _ext(name: str) -> str:
    lower = name.lower()
    return ".png" if lower.endswith(".png") else ".jpg"


# ---------------------------------------------------------------- missed visits


@transaction.atomic
def visits_mark_missed(*, as_of: dt.date | None = None, by: Any = None) -> int:
    """Visits whose day has passed undone become missed, each an overdue action of the inspecting
    organization (issued by its supervisor). Idempotent: a missed visit is not scanned again. `by` is
    whoever runs the scan (None for the periodic command)."""
    day = as_of or timezone.localdate()
    due = list(
        Visit.objects.select_for_update(of=("self",))
        .filter(status=V.SCHEDULED, scheduled_on__lt=day)
        .select_related("facility", "organization__supervisor", "organization__territory", "inspector")
        .order_by("scheduled_on", "pk")[:5000]
    )
    for visit in due:
        visit.status = V.MISSED
        visit.save(update_fields=["status"])
        organization = visit.organization
        issuer = organization.supervisor or organization
        action_services.do_action_create(
            title=(_("بازدید انجام‌نشده: %(f)s") % {"f": visit.facility.name})[:500],
            description=_("بازدید %(kind)s بازرس %(who)s در روز مقرر انجام نشد.")
            % {
                "kind": visit.get_kind_display(),
                "who": visit.inspector.get_full_name() or visit.inspector.username,
            },
            responsible=organization,
            issuer=issuer,
            deadline=visit.scheduled_on,
            source=visit,
            created_by=by,
        )
    return len(due)
