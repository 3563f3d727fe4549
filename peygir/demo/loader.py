"""`peygir demo load`: territories, organizations, people and the demo's stories, placed around "today".

Order of the story (each step runs at its own simulated moment, see clock.py):
setup (organizations, logins, committees) → meeting 1 of the Markazi working group → progress and a
verification → the S3 meeting (the official minutes) → what followed → the Yazd council's referral
(S1.2).
The whole load is one transaction: a failure leaves an empty database, not half a demo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from peygir.committees.models import Committee
from peygir.organizations.models import Organization
from peygir.organizations.services import membership_add, user_create
from peygir.territory.importer import find_sources, import_territories

from . import coordination, evaluation, grants, inspections, kerman, khuzestan, markazi, yazd
from . import programs as programs_demo
from .clock import at, clock
from .five_harms import SEASONS
from .organizations import Directory, build_directory
from .personas import DEMO_PASSWORD, PERSONAS
from .timeline import Timeline


@dataclass
class DemoResult:
    timeline: Timeline
    directory: Directory
    cast: dict[str, Any]
    markazi: markazi.MarkaziStory
    yazd: yazd.YazdStory
    territory_summary: str = ""
    steps: list[str] = field(default_factory=list)
    khuzestan: khuzestan.KhuzestanStory | None = None


def is_empty() -> bool:
    """The demo is loaded into a database without organizations or committees (territories may exist)."""
    return not Organization.objects.exists() and not Committee.objects.exists()


def create_cast(d: Directory) -> dict[str, Any]:
    """One account per persona. The shared password is hashed once (hashing costs ~0.5 s by design)."""
    cast: dict[str, Any] = {}
    hashed = make_password(DEMO_PASSWORD)
    for persona in PERSONAS:
        user = user_create(
            username=persona.username,
            first_name=persona.first_name,
            last_name=persona.last_name,
            title=persona.title,
            is_superuser=persona.org_key is None,
        )
        if persona.org_key is not None and persona.role is not None:
            membership_add(user=user, organization=d[persona.org_key], role=persona.role)
        user.password = hashed
        user.save(update_fields=["password"])
        cast[persona.username] = user
    return cast


@transaction.atomic
def load_demo(*, today: dt.date, seasons: int = SEASONS) -> DemoResult:
    """Load everything; the caller checks `is_empty()` first. `seasons`: how many seasons of the five
    harms' indicator values (the bulk of the load's time; tests that do not read them ask for two)."""
    timeline = Timeline.for_today(today)
    territory_report = import_territories(find_sources())
    with clock(at(timeline.setup, 8)):
        directory = build_directory()
        khuzestan.extend_directory(directory)
        kerman.extend_directory(directory)
        cast = create_cast(directory)
        story = markazi.MarkaziStory()
        yazd_story = yazd.YazdStory()
        markazi.setup_committees(directory, cast, story)
        yazd.setup_committees(directory, cast, yazd_story)
        s2 = khuzestan.setup(directory, cast)
        kerman.setup(directory, cast)
    result = DemoResult(
        timeline, directory, cast, story, yazd_story, territory_report.summary(), khuzestan=s2
    )

    steps: list[tuple[dt.date, int, Callable[[], None]]] = [
        (timeline.first_meeting, 0, lambda: markazi.first_meeting(directory, cast, story, timeline)),
        (timeline.s3_meeting, 0, lambda: markazi.s3_meeting(directory, cast, story, timeline)),
        (timeline.yazd_council, 0, lambda: yazd.council_meeting(directory, cast, yazd_story, timeline)),
        (
            timeline.yazd_working_group,
            0,
            lambda: yazd.working_group_meeting(directory, cast, yazd_story, timeline),
        ),
    ]
    steps += [
        (day, index + 1, run)
        for index, (day, run) in enumerate(markazi.follow_up_steps(directory, cast, story, timeline))
    ]
    # Meetings in the morning, reports in the afternoon; the same day keeps the listed order.
    for day, order, run in sorted(steps, key=lambda s: (s[0], s[1])):
        with clock(at(day, 10 if order == 0 else 14, min(order, 59))):
            run()
    khuzestan.run_story(directory, cast, s2, timeline)  # Khuzestan: its own moments (see khuzestan.py)
    inspections.setup(directory, cast, timeline.today)  # S4.3, S1.3: sealed plans and their visits
    grants.run_story(directory, cast, today)  # Kerman S4.2: the NGO call, its own moments (grants.py)
    with clock(at(timeline.today, 8)):  # programs and indicators (S1.4, S3.5, S4.4, S5.2)
        programs_demo.load(directory, cast, timeline, seasons=seasons)
    evaluation.run_story(directory, cast, timeline)  # S3.5: last year's record, the year-end evaluation
    coordination.run_story(directory, timeline.today)  # S5.4: several bodies, one work, in Karaj
    return result
