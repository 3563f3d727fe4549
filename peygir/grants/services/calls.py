"""Calls: creation, the proposal form (versioned), criteria, the review panel, county envelopes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.jalali import format_jalali
from peygir.core.jalali import today as local_today
from peygir.core.text import check_text, clean_input, to_latin_digits, to_persian_digits
from peygir.core.versioning import check_version, lock_row, save_versioned
from peygir.organizations import access as org_access
from peygir.organizations.models import Organization
from peygir.programs.models import PolicyDocument
from peygir.territory.models import Territory

from .. import access
from ..checks import check_rials, check_themes
from ..models import Call, CallEvent, CallFormVersion, Criterion, Envelope, Reviewer
from .sums import committed_by_county

FIELD_KINDS = ("text", "integer", "choice")


def check_call_create(user: Any, *, office: Organization) -> None:
    """A provincial office's managers publish its calls, over the office's whole territory."""
    if office.kind != Organization.Kind.SOCIAL_OFFICE or not org_access.get_scope(user).manages_path(
        office.territory.path
    ):
        raise NotAllowed


def check_call_fields(
    *, title: str, total_rials: int, opens_on: Any, closes_on: Any, window_days: int
) -> tuple[str, int]:
    title = check_text(title, field="title", required=True, limit=300)
    total_rials = check_rials(total_rials, field="total_rials")
    if not isinstance(opens_on, dt.date) or not isinstance(closes_on, dt.date):
        raise ValidationError({"closes_on": _("تاریخ گشایش و مهلت ارسال را وارد کنید.")})
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("مهلت ارسال طرح پیش از تاریخ گشایش است.")})
    if not 7 <= int(window_days) <= 730:
        raise ValidationError({"window_days": _("مدت اجرا باید بین ۷ و ۷۳۰ روز باشد.")})
    return title, total_rials


@transaction.atomic
def do_call_create(
    *,
    user: Any,
    office: Organization,
    title: str,
    total_rials: int,
    opens_on: dt.date,
    closes_on: dt.date,
    themes: Iterable[str] = (),
    policy_document: PolicyDocument | None = None,
    description: str = "",
    eligibility: str = "",
    window_days: int = 90,
    allocation_method: str = Call.Method.EQUAL,
    criteria: Iterable[tuple[str, int]] = (),
    form_fields: list[dict] | None = None,
) -> Call:
    title, total_rials = check_call_fields(
        title=title, total_rials=total_rials, opens_on=opens_on, closes_on=closes_on, window_days=window_days
    )
    if allocation_method not in Call.Method.values:
        raise ValidationError({"allocation_method": _("روش تقسیم ناشناخته است.")})
    call = Call(
        title=title,
        description=check_text(description, field="description", limit=20000),
        eligibility=check_text(eligibility, field="eligibility", limit=20000),
        office=office,
        territory=office.territory,
        territory_path=office.territory.path,
        themes=check_themes(themes),
        policy_document=policy_document,
        total_rials=total_rials,
        allocation_method=allocation_method,
        opens_on=opens_on,
        closes_on=closes_on,
        window_days=window_days,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    call.full_clean()
    call.save()
    for order, (criterion_title, weight) in enumerate(criteria):
        Criterion.objects.create(
            call=call,
            title=check_text(criterion_title, field="criteria", required=True, limit=200),
            weight=max(1, int(weight)),
            order=order,
        )
    CallFormVersion.objects.create(call=call, number=1, fields=check_form_fields(form_fields or []))
    return call


def call_create(*, user: Any, office: Organization, **fields: Any) -> Call:
    check_call_create(user, office=office)
    return do_call_create(user=user, office=office, **fields)


def check_manage(user: Any, call: Call) -> None:
    if not access.can_manage_call(user, call):
        raise NotAllowed


@transaction.atomic
def call_publish(*, user: Any, call: Call, expected_version: int | None = None) -> Call:
    check_manage(user, call)
    call = lock_row(Call.objects, call.pk)
    check_version(call, expected_version)
    if call.status != Call.Status.DRAFT:
        raise ValidationError({"status": _("این فراخوان پیش‌تر منتشر شده است.")})
    if not call.criteria.exists():
        raise ValidationError({"criteria": _("پیش از انتشار، معیارهای داوری را تعریف کنید.")})
    if call.closes_on < local_today():
        raise ValidationError(
            {"closes_on": _("مهلت ارسال این فراخوان گذشته است؛ پیش از انتشار آن را تمدید کنید.")}
        )
    call.status = Call.Status.PUBLISHED
    save_versioned(call, "status")
    call_event(call, CallEvent.Kind.PUBLISHED, user)
    call.refresh_from_db()
    return call


MAX_QUESTIONS = 30
CHOICE_LIMIT = 30
NUMBER_LIMIT = 10**12


def _bound(raw: Any, *, label: str) -> int | None:
    """A number bound of a question: empty for open, else an integer in any digits."""
    if raw in (None, ""):
        return None
    text = to_latin_digits(str(raw)).strip().replace("−", "-")
    if not re.fullmatch(r"-?\d{1,13}", text) or abs(int(text)) > NUMBER_LIMIT:
        raise ValidationError({"fields": _("کران عددی پرسش «%(l)s» باید عدد صحیح باشد.") % {"l": label}})
    return int(text)


def check_form_fields(fields: list[dict]) -> list[dict]:
    """The office's proposal form as data: each question's name, label, kind, required, limits."""
    if not isinstance(fields, list):
        raise ValidationError({"fields": _("پرسش‌های فرم نادرست است.")})
    if len(fields) > MAX_QUESTIONS:
        raise ValidationError(
            {"fields": _("فرم بیش از %(n)s پرسش نمی‌پذیرد.") % {"n": to_persian_digits(MAX_QUESTIONS)}}
        )
    clean: list[dict] = []
    names: set[str] = set()
    for raw in fields:
        if not isinstance(raw, dict):
            raise ValidationError({"fields": _("پرسش‌های فرم نادرست است.")})
        name = str(raw.get("name", "")).strip()
        if not name.isidentifier() or not name.isascii() or len(name) > 40 or name in names:
            raise ValidationError({"fields": _("نام هر پرسش فرم باید یکتا و لاتین باشد (مثلاً partners).")})
        kind = raw.get("kind", "text")
        if kind not in FIELD_KINDS:
            raise ValidationError({"fields": _("نوع پرسش «%(n)s» ناشناخته است.") % {"n": name}})
        label = check_text(raw.get("label", ""), field="fields", required=True, limit=200)
        names.add(name)
        spec: dict[str, Any] = {
            "name": name,
            "label": label,
            "kind": kind,
            "required": bool(raw.get("required", False)),
            "help": check_text(raw.get("help", ""), field="fields", limit=300),
            "max_length": min(max(int(raw.get("max_length") or 2000), 1), 20000),
            "choices": [],
            "min_value": None,
            "max_value": None,
        }
        if kind == "choice":
            choices = [c for c in (clean_input(str(c))[:200] for c in raw.get("choices") or []) if c]
            if len(set(choices)) != len(choices) or not 2 <= len(choices) <= CHOICE_LIMIT:
                raise ValidationError(
                    {"fields": _("پرسش چندگزینه‌ای «%(l)s» دست‌کم دو گزینه متفاوت می‌خواهد.") % {"l": label}}
                )
            spec["choices"] = choices
        if kind == "integer":
            low = _bound(raw.get("min_value"), label=label)
            high = _bound(raw.get("max_value"), label=label)
            if low is not None and high is not None and low > high:
                raise ValidationError(
                    {"fields": _("در پرسش «%(l)s» کمینه از بیشینه بزرگ‌تر است.") % {"l": label}}
                )
            spec["min_value"], spec["max_value"] = low, high
        clean.append(spec)
    return clean


@transaction.atomic
def call_form_update(
    *, user: Any, call: Call, fields: list[dict], expected_version: int | None = None
) -> CallFormVersion:
    """A new version of the form; proposals already written keep the version they were written on.
    Refused once the call is closed (nobody can answer it any more). `expected_version` is the
    call's: two staff editing the questions at once — the second is told, not silently overwritten."""
    check_manage(user, call)
    call = lock_row(Call.objects, call.pk)
    check_version(call, expected_version)
    if call.status == Call.Status.CLOSED or local_today() > call.closes_on:
        raise ValidationError({"fields": _("مهلت این فراخوان گذشته است؛ پرسش‌های آن دیگر تغییر نمی‌کند.")})
    clean = check_form_fields(fields)
    current = call.current_form()
    if current is not None and current.fields == clean:
        raise ValidationError({"fields": _("پرسش‌ها تغییری نکرده‌اند.")})
    number = (current.number if current else 0) + 1
    version = CallFormVersion.objects.create(call=call, number=number, fields=clean, created_by=user)
    save_versioned(call)
    call_event(
        call,
        CallEvent.Kind.QUESTIONS,
        user,
        _("نسخه %(n)s فرم با %(q)s پرسش")
        % {"n": to_persian_digits(number), "q": to_persian_digits(len(clean))},
    )
    return version


def _number(value: Any, spec: dict) -> int:
    label = spec["label"]
    text = to_latin_digits(str(value)).strip().replace("−", "-")
    text = re.sub(r"[\s,\u066c\u060c]", "", text)
    if not re.fullmatch(r"-?\d{1,13}", text):
        raise ValidationError({spec["name"]: _("«%(l)s» باید عدد صحیح باشد.") % {"l": label}})
    number = int(text)
    low, high = spec.get("min_value"), spec.get("max_value")
    if low is not None and number < low:
        raise ValidationError(
            {spec["name"]: _("«%(l)s» نباید کمتر از %(n)s باشد.") % {"l": label, "n": to_persian_digits(low)}}
        )
    if high is not None and number > high:
        raise ValidationError(
            {
                spec["name"]: _("«%(l)s» نباید بیشتر از %(n)s باشد.")
                % {"l": label, "n": to_persian_digits(high)}
            }
        )
    return number


def check_answers(form: CallFormVersion | None, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers to the call's form, validated by the form's own data (the version the proposal was
    written on); answers to questions the form does not have are dropped."""
    if form is None:
        return {}
    if not isinstance(answers, dict):
        raise ValidationError({"answers": _("پاسخ‌های فرم نادرست است.")})
    clean: dict[str, Any] = {}
    for spec in form.fields:
        name, value = spec["name"], answers.get(spec["name"], "")
        value = "" if value is None else value
        if isinstance(value, (list, dict)):
            raise ValidationError({name: _("پاسخ «%(l)s» نادرست است.") % {"l": spec["label"]}})
        if spec["kind"] == "integer" and str(value).strip() != "":
            value = _number(value, spec)
        elif spec["kind"] == "choice" and value != "" and value not in spec["choices"]:
            raise ValidationError({name: _("گزینه «%(l)s» نادرست است.") % {"l": spec["label"]}})
        elif spec["kind"] == "text":
            value = check_text(value, field=name, limit=spec.get("max_length") or 2000)
        elif spec["kind"] == "integer":
            value = ""
        if spec["required"] and value in ("", None):
            raise ValidationError({name: _("به «%(l)s» پاسخ دهید.") % {"l": spec["label"]}})
        clean[name] = value
    return clean


def call_event(call: Call, kind: str, actor: Any, text: str = "") -> CallEvent:
    return CallEvent.objects.create(
        call=call,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        text=text,
    )


def close_due_calls(today: dt.date | None = None) -> int:
    """Close every published call whose closing date has passed, once: the conditional update lets
    only one of two scans running at once move a call, and only that one records the event. Returns
    how many were closed. Called by the escalation scan (`MilestoneSource.on_scan`)."""
    day = today or local_today()
    closed = 0
    due = Call.objects.filter(status=Call.Status.PUBLISHED, closes_on__lt=day).values_list("pk", "closes_on")
    for pk, closes_on in list(due):
        with transaction.atomic():
            moved = Call.objects.filter(pk=pk, status=Call.Status.PUBLISHED).update(
                status=Call.Status.CLOSED, version=F("version") + 1
            )
            if moved:
                call_event(
                    Call(pk=pk),
                    CallEvent.Kind.CLOSED,
                    None,
                    _("بسته شدن خودکار پس از مهلت ارسال طرح (%(d)s)") % {"d": format_jalali(closes_on)},
                )
                closed += moved
    return closed


@transaction.atomic
def call_reviewer_add(*, user: Any, call: Call, reviewer: Any) -> Reviewer:
    check_manage(user, call)
    row, _created = Reviewer.objects.get_or_create(call=call, user=reviewer)
    return row


# ---------------------------------------------------------------- envelopes


def counties_of(call: Call) -> list[Territory]:
    return list(
        Territory.objects.filter(
            kind=Territory.Kind.COUNTY, is_active=True, path__startswith=call.territory_path
        ).order_by("name_fa", "pk")
    )


def spread(total: int, weights: list[int]) -> list[int]:
    """Split `total` rials in proportion to `weights`, exactly: the remainder of the integer division
    goes one rial at a time to the largest fractions, so the shares always add up to the total."""
    if not weights:
        return []
    if sum(weights) <= 0:
        weights = [1] * len(weights)
    whole = sum(weights)
    shares = [total * w // whole for w in weights]
    fractions = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in fractions[: total - sum(shares)]:
        shares[i] += 1
    return shares


@transaction.atomic
def call_envelopes_set(
    *,
    user: Any,
    call: Call,
    method: str,
    manual: dict[int, int] | None = None,
    need: dict[int, int] | None = None,
    expected_version: int | None = None,
) -> list[Envelope]:
    """Spread the call's total over the counties of its territory: equally, by population, by a need
    indicator, or by hand (rials per county id, which must add up to no more than the total).
    A county cannot get less than it has already approved."""
    check_manage(user, call)
    call = lock_row(Call.objects, call.pk)
    check_version(call, expected_version)
    counties = counties_of(call)
    if not counties:
        raise ValidationError({"method": _("قلمرو این فراخوان شهرستانی ندارد.")})
    if method == Call.Method.EQUAL:
        amounts = spread(call.total_rials, [1] * len(counties))
    elif method == Call.Method.POPULATION:
        missing = [c.name_fa for c in counties if not c.population]
        if missing:
            raise ValidationError(
                {"method": _("جمعیت این شهرستان‌ها ثبت نشده است: %(n)s") % {"n": "، ".join(missing[:5])}}
            )
        amounts = spread(call.total_rials, [int(c.population) for c in counties])
    elif method == Call.Method.NEED:
        need = need or {}
        if any(need.get(c.pk) is None for c in counties):
            raise ValidationError({"method": _("شاخص نیاز همه شهرستان‌ها را وارد کنید.")})
        amounts = spread(call.total_rials, [max(0, int(need[c.pk])) for c in counties])
    elif method == Call.Method.MANUAL:
        manual = manual or {}
        amounts = [check_rials(manual.get(c.pk, 0), field="manual", allow_zero=True) for c in counties]
        if sum(amounts) > call.total_rials:
            raise ValidationError({"manual": _("جمع سهم شهرستان‌ها از اعتبار کل فراخوان بیشتر است.")})
    else:
        raise ValidationError({"method": _("روش تقسیم ناشناخته است.")})
    committed = committed_by_county(call)
    envelopes = []
    for county, amount in zip(counties, amounts, strict=True):
        if amount < committed.get(county.pk, 0):
            raise ValidationError(
                {
                    "method": _("سهم %(c)s از مبلغ طرح‌های تصویب‌شده آن (%(n)s ریال) کمتر می‌شود.")
                    % {"c": county.name_fa, "n": to_persian_digits(committed[county.pk])}
                }
            )
        envelope, _created = Envelope.objects.update_or_create(
            call=call,
            county=county,
            defaults={
                "amount_rials": amount,
                "need_indicator": (need or {}).get(county.pk) if method == Call.Method.NEED else None,
            },
        )
        envelopes.append(envelope)
    call.allocation_method = method
    save_versioned(call, "allocation_method")
    return envelopes
