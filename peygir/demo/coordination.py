"""S5.4 (Alborz): many bodies run the same social work in the same neighbourhoods of Karaj.

The Alborz office has, over a few weeks, asked the regeneration headquarters, the municipality and
the welfare department each to do what is in substance one programme for the working children of
Hesarak; a Basij resistance district runs its own sport camp, which is another thing. After the
demo is indexed, the nightly pass (`coordination scan`) finds the pairs, and the coordination view
shows where the bodies overlap, so that one leads and the others support.
"""

from __future__ import annotations

import datetime as dt

from peygir.actions import services as action_services
from peygir.organizations.models import Organization

from .clock import at, clock
from .organizations import Directory, _agency

Kind = Organization.Kind

# (responsible body's key, its name, the instruction's title, its description, days after the start)
WORK = (
    (
        "karaj_regeneration",
        "دبیرخانه ستاد بازآفرینی شهری شهرستان کرج",
        "ساماندهی و توانمندسازی کودکان کار و خیابان محله حصارک",
        "شناسایی کودکان کار محله حصارک، آموزش مهارت و حمایت از خانواده‌های آنان در سکونتگاه غیررسمی.",
        0,
    ),
    (
        "karaj_municipality",
        "شهرداری کرج",
        "توانمند سازي كودكان كار و خيابان در محله حصارک کرج",
        "برنامه حمایتی و آموزشی برای کودکان کار حصارک و خانواده‌هایشان در محله‌های حاشیه‌نشین.",
        9,
    ),
    (
        "karaj_welfare",
        "اداره بهزیستی شهرستان کرج",
        "حمایت از کودکان کار حصارک و آموزش مهارت به خانواده‌های آنان",
        "شناسایی و پوشش حمایتی کودکان کار و خیابان محله حصارک و توانمندسازی خانواده‌ها.",
        17,
    ),
    (
        "karaj_basij",
        "ناحیه مقاومت بسیج شهرستان کرج",
        "برگزاری اردوی ورزشی تابستانی برای نوجوانان محله حصارک",
        "اردوی ورزشی و فرهنگی سه‌روزه برای نوجوانان محله در تابستان.",
        24,
    ),
)


def run_story(d: Directory, today: dt.date) -> list[int]:
    """The Alborz office's instructions to four bodies of Karaj; returns the actions' ids."""
    office = d.orgs["alborz.office"]
    start = today - dt.timedelta(days=40)
    created = []
    for n, (key, name, title, description, offset) in enumerate(WORK):
        body = _agency(d, key, name, province_key="alborz", county_key="karaj")
        day = start + dt.timedelta(days=offset)
        with clock(at(day, 11, n)):
            action = action_services.action_create(
                title=title,
                description=description,
                responsible=body,
                issuer=office,
                deadline=day + dt.timedelta(days=120),
            )
        created.append(action.pk)
    return created
