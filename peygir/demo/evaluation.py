"""S3.5: the governor's year-end evaluation of agency managers, ready to print.

Last Jalali year's record of four member agencies of the Transformation and Excellence Program
(resolution 2-الف of the S3 minutes: «دستگاه‌های اجرایی عضو نسبت به انجام وظایف محوله در برنامه مذکور
اهتمام ویژه داشته باشند»): each had eight quarterly duties, reported on time or late, verified by the
office or still awaiting it, so the scorecard ranks them apart. Every step goes through the spine's
services at its own moment of the simulated clock. Nothing of it is open: the S3 story's overdue and
due-soon lists stay as they are. The office sets the weights (version 1) before the year ends.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import jdatetime

from peygir.actions import services as actions
from peygir.core.jalali import jalali_year
from peygir.evaluation.weights import weights_set

from .clock import at, clock
from .organizations import Directory
from .timeline import Timeline

PROGRAM = "برنامه تحول و تعالی حوزه اجتماعی و فرهنگی استان"
SEASONS = ("بهار", "تابستان", "پاییز", "زمستان")
DUTIES = [
    "گزارش عملکرد فصل {q} در اجرای وظایف محوله {p}",
    "برگزاری برنامه‌های فرهنگی و اجتماعی پیش‌بینی‌شده در فصل {q} ({p})",
]
# Per agency, its eight duties' outcomes: on time and verified (T), late and verified (L), reported
# done on time but not yet verified (R). The liaison who reports is the agency's demo persona.
PROFILES = {
    "education": ("liaison_education", "TTTTTTTL"),
    "health": ("liaison_health", "TTTTTLLR"),
    "welfare": ("liaison_welfare", "TTTTLLRR"),
    "culture": ("liaison_culture", "TTLLLLRR"),
}


def _day(year: int, month: int, day: int) -> dt.date:
    return jdatetime.date(year, month, day).togregorian()


def run_story(d: Directory, cast: dict[str, Any], timeline: Timeline) -> int:
    """Last year's duties of the four agencies; returns the Jalali year they belong to."""
    year = jalali_year(timeline.today) - 1
    office, office_user = d["markazi.office"], cast["office"]
    for agency_key, (liaison, outcomes) in PROFILES.items():
        organization = d[f"markazi.{agency_key}"]
        for index, outcome in enumerate(outcomes):
            quarter = index // 2 + 1
            deadline = _day(year, min(12, quarter * 3), 20 if index % 2 == 0 else 25)
            title = DUTIES[index % 2].format(q=SEASONS[quarter - 1], p=PROGRAM)
            with clock(at(deadline - dt.timedelta(days=60), 9)):
                action = actions.action_create(
                    title=title,
                    responsible=organization,
                    issuer=office,
                    deadline=deadline,
                    deadline_text=f"{year}",
                    created_by=office_user,
                )
            with clock(at(deadline - dt.timedelta(days=20), 11)):
                actions.action_report_progress(
                    action=action, user=cast[liaison], text="کار طبق برنامه در جریان است.", progress=50
                )
            done_on = deadline + dt.timedelta(days=15) if outcome == "L" else deadline - dt.timedelta(days=3)
            with clock(at(done_on, 12)):
                actions.action_report_done(
                    action=action, user=cast[liaison], text="انجام شد؛ گزارش و مستندات به دبیرخانه ارسال شد."
                )
            if outcome in ("T", "L"):
                with clock(at(done_on + dt.timedelta(days=4), 10)):
                    actions.action_verify(action=action, user=office_user, text="گزارش بررسی و تأیید شد.")
    with clock(at(_day(year, 1, 15), 9)):
        weights_set(
            user=office_user,
            territory=d.territories["markazi"],
            values={
                "on_time": 30,
                "verified": 20,
                "overdue": 15,
                "rating": 10,
                "findings": 10,
                "duties": 10,
                "targets": 5,
            },
            overdue_cap_days=45,
            note="مصوب کارگروه اجتماعی، فرهنگی، سلامت، زنان و خانواده برای ارزیابی پایان سال",
        )
    return year
