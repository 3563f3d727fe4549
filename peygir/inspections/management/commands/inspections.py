"""`peygir inspections draw [--period 1405/09] [--as-of DATE]` draws and seals the period of every
approved plan that has none yet (a sealed period is never drawn again); `peygir inspections scan
[--as-of DATE]` turns visits whose day passed into missed visits and actions; `peygir inspections remind
[--as-of DATE] [--no-deliver]` tells each inspector of tomorrow's visits (reminders.py); `peygir
inspections verify DRAW_ID` checks a published draw: its seed reproduces the schedule and the seal."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from peygir.core.jalali import JalaliDateError, parse_jalali_date
from peygir.core.jalali import today as local_today
from peygir.core.text import to_persian_digits
from peygir.inspections import plans, reminders, visits
from peygir.inspections.models import Draw
from peygir.inspections.periods import MONTH, parse_period


def _date(value: str | None) -> dt.date:
    if not value:
        return local_today()
    try:
        return parse_jalali_date(value)
    except JalaliDateError as exc:
        raise CommandError(_("تاریخ «%(v)s» پذیرفته نیست: %(e)s") % {"v": value, "e": exc}) from exc


class Command(BaseCommand):
    help = "Sealed draws, missed visits and the verification of a published draw (بازدیدهای سرزده)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        draw = sub.add_parser("draw")
        draw.add_argument("--period", help="۱۴۰۵/۰۹ — the month (or its quarter) to draw")
        draw.add_argument("--as-of")
        scan = sub.add_parser("scan")
        scan.add_argument("--as-of")
        remind = sub.add_parser("remind")
        remind.add_argument("--as-of")
        remind.add_argument("--no-deliver", dest="no_deliver", action="store_true")
        verify = sub.add_parser("verify")
        verify.add_argument("draw_id", type=int)

    def handle(self, *args: object, **options: object) -> None:
        what = options["what"]
        if what == "draw":
            today = _date(options.get("as_of"))
            day = today
            if options.get("period"):
                try:
                    day = parse_period(str(options["period"]), MONTH).start
                except Exception as exc:
                    raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
                day = max(day, today + dt.timedelta(days=1)) if day <= today else day
            made = plans.draw_due_plans(period_for=day, today=today)
            for sealed in made:
                self.stdout.write(f"{sealed.plan.title} — {sealed.period_label}: {sealed.seal}")
            self.stdout.write(_("%(n)s دوره قرعه‌کشی و مهر شد.") % {"n": to_persian_digits(len(made))})
        elif what == "scan":
            count = visits.visits_mark_missed(as_of=_date(options.get("as_of")))
            self.stdout.write(_("%(n)s بازدید انجام‌نشده ثبت شد.") % {"n": to_persian_digits(count)})
        elif what == "remind":
            result = reminders.remind_inspectors(
                as_of=_date(options.get("as_of")), deliver=not options.get("no_deliver")
            )
            self.stdout.write(
                _("%(v)s بازدید به %(i)s بازرس یادآوری شد.")
                % {"v": to_persian_digits(result.visits), "i": to_persian_digits(result.inspectors)}
            )
        else:
            sealed = Draw.objects.filter(pk=options["draw_id"]).first()
            if sealed is None:
                raise CommandError(_("قرعه‌ای با این شناسه نیست."))
            if not plans.is_published(sealed):
                raise CommandError(_("این دوره هنوز پایان نیافته و برنامه آن منتشر نشده است."))
            check = plans.verify_draw(sealed)
            if not check.ok:
                raise CommandError(_("برنامه با مهر ثبت‌شده نمی‌خواند."))
            self.stdout.write(
                _("درست است: بذر منتشرشده همان برنامه مهرشده را می‌سازد. مهر: %(s)s") % {"s": sealed.seal}
            )
