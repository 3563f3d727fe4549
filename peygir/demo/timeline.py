"""Where the demo's story sits in time, relative to the demo's "today".

The demo must look the same whenever it is loaded: the school renovation action overdue and escalated,
one action due within days, one verified. So every date is computed from `today`:

- the earlier meeting (meeting 1 of the Markazi working group) about 13 weeks before today;
- the S3 meeting (the official one) about 6 weeks before today, so that its one-month deadline has passed
  by about a week and a half (≈ 8 working days: past the supervisor's rung of the ladder);
- the year deadline of rows 2-a/2-b: the minutes say «سال 1402», "in the coming year" of a meeting
  held in 1401. The demo keeps that meaning: the year after the meeting's Jalali year. A meeting that
  falls in 1401 (e.g. `--today 1401/12/10`, as the scenario test does) gets exactly «سال ۱۴۰۲».
Meetings are held on working days other than Thursday, in the morning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peygir.core.jalali import format_jalali, jalali_year
from peygir.core.text import to_persian_digits
from peygir.core.workdays import WorkingCalendar

THURSDAY = 3


def meeting_day(calendar: WorkingCalendar, day: dt.date) -> dt.date:
    """The nearest earlier day on which an office would hold a meeting."""
    while not calendar.is_working_day(day) or day.weekday() == THURSDAY:
        day -= dt.timedelta(days=1)
    return day


@dataclass(frozen=True)
class Timeline:
    today: dt.date
    setup: dt.date
    first_meeting: dt.date
    s3_meeting: dt.date
    yazd_council: dt.date
    yazd_working_group: dt.date
    due_soon: dt.date  # the education action's deadline: a few working days from today

    @classmethod
    def for_today(cls, today: dt.date, calendar: WorkingCalendar | None = None) -> Timeline:
        calendar = calendar or WorkingCalendar()
        first = meeting_day(calendar, today - dt.timedelta(days=91))
        return cls(
            today=today,
            setup=first - dt.timedelta(days=14),
            first_meeting=first,
            s3_meeting=meeting_day(calendar, today - dt.timedelta(days=42)),
            yazd_council=meeting_day(calendar, today - dt.timedelta(days=30)),
            yazd_working_group=meeting_day(calendar, today - dt.timedelta(days=16)),
            due_soon=calendar.add_working_days(today, 3),
        )

    def after(self, day: dt.date, days: int) -> dt.date:
        """`days` after `day`, never later than today (the story does not run into the future)."""
        return min(day + dt.timedelta(days=days), self.today)

    def year_deadline_text(self) -> str:
        """«سال ۱۴۰۲» for a meeting in 1401: the coming year, as the minutes meant it."""
        return f"سال {to_persian_digits(jalali_year(self.s3_meeting) + 1)}"

    def due_soon_text(self) -> str:
        return format_jalali(self.due_soon)
