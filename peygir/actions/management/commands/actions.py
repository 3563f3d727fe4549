"""`peygir actions scan [--as-of DATE]` climbs the escalation ladder; `peygir actions deliver` sends
the outbox. Thin: the work is in peygir.actions.escalation and peygir.notifications.delivery.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from peygir.actions.escalation import BATCH_SIZE, ScanResult, Step, scan
from peygir.core.jalali import JalaliDateError, format_jalali, parse_jalali_date
from peygir.core.text import to_persian_digits
from peygir.notifications.delivery import DeliveryResult, deliver_all, requeue_failed


def parse_as_of(value: str) -> dt.date:
    """A Jalali (۱۴۰۲/۰۸/۰۱) or ISO (2023-10-23) date, in any digits; a Persian CommandError if bad."""
    try:
        return parse_jalali_date(value)
    except JalaliDateError as exc:
        raise CommandError(
            _("تاریخ «%(value)s» پذیرفته نیست: %(error)s") % {"value": value, "error": exc}
        ) from exc


def positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise CommandError(_("عدد مثبت وارد کنید."))
    return number


class Command(BaseCommand):
    help = "Escalation scan and delivery of notifications (بررسی مهلت‌ها و ارسال اعلان‌ها)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        scan_parser = sub.add_parser("scan", help="climb the escalation ladder for due actions")
        scan_parser.add_argument("--as-of", dest="as_of", default=None, help="Jalali or ISO date")
        scan_parser.add_argument("--batch-size", dest="batch_size", default=str(BATCH_SIZE))
        scan_parser.add_argument(
            "--no-deliver", dest="no_deliver", action="store_true", help="queue only; do not send"
        )
        deliver_parser = sub.add_parser("deliver", help="send pending emails and SMS")
        deliver_parser.add_argument("--limit", dest="limit", default=None, help="at most this many")
        deliver_parser.add_argument(
            "--retry-failed", dest="retry_failed", action="store_true", help="requeue failed messages first"
        )

    def handle(self, *args, **options) -> None:
        if options["subcommand"] == "scan":
            self.scan(options)
        else:
            self.deliver(options)

    def scan(self, options: dict) -> None:
        as_of = parse_as_of(options["as_of"]) if options.get("as_of") else None
        result = scan(
            as_of=as_of, batch_size=positive(options["batch_size"]), deliver=not options["no_deliver"]
        )
        self.write_scan(result)

    def deliver(self, options: dict) -> None:
        limit = positive(options["limit"]) if options.get("limit") else None
        if options["retry_failed"]:
            again = requeue_failed()
            self.line(_("پیام‌های ناموفق دوباره در صف"), "requeued", again)
        self.write_delivery(deliver_all(max_messages=limit))

    # ------------------------------------------------------------ output
    def line(self, persian: str, english: str, count: int) -> None:
        self.stdout.write(f"{persian} ({english}): {to_persian_digits(count)}")

    def write_scan(self, result: ScanResult) -> None:
        self.stdout.write(
            _("بررسی مهلت‌ها تا %(date)s") % {"date": format_jalali(result.as_of)}
            + f" (escalation scan as of {result.as_of.isoformat()})"
        )
        self.line(_("اقدامات بررسی‌شده"), "actions escalated", result.actions)
        self.line(_("اقدامات دوره‌ای ساخته‌شده"), "periodic actions created", sum(result.created.values()))
        for step in Step:
            self.line(str(step.label), step.name.lower(), result.steps.get(int(step), 0))
        self.line(_("اعلان‌ها"), "notifications", result.notifications)
        self.line(_("پیام‌های در صف"), "messages queued", result.messages)
        if result.delivered is not None:
            self.write_delivery(result.delivered)

    def write_delivery(self, result: DeliveryResult) -> None:
        self.line(_("ارسال شد"), "sent", result.sent)
        self.line(_("ناموفق"), "failed", result.failed)
