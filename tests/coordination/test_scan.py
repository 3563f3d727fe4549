"""The background pass: finds pairs across organizations in a county, never twice, never within one
body, never a pair already decided; `manage.py coordination scan` prints its counts."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from peygir.coordination import services
from peygir.coordination.models import CandidatePair
from peygir.coordination.scan import OVERLAP, RECENT_BEAT, recent_since, scan
from peygir.core import heartbeat
from peygir.search.models import SearchEntry

from .conftest import OURS, THEIRS, UNRELATED, work
from .factories import SearchEntryFactory

pytestmark = pytest.mark.django_db


def test_finds_parallel_work_of_two_bodies_once(place):
    theirs = work(place, place.ngo)
    ours = work(place, place.headquarters, kind="duty", title=OURS)
    work(place, place.world.agency, title=UNRELATED)
    result = scan()
    assert result.created == 1
    pair = CandidatePair.objects.get()
    assert (pair.a_key, pair.b_key) == (("duty", ours.object_id), ("project", theirs.object_id))
    assert pair.county == place.county and pair.status == "open" and pair.score >= 0.5
    assert {pair.a_organization, pair.b_organization} == {place.ngo, place.headquarters}
    again = scan()
    assert again.found == 1 and again.created == 0
    assert CandidatePair.objects.count() == 1


def test_one_bodys_own_records_other_counties_and_decided_pairs_make_no_pair(place):
    work(place, place.ngo)
    work(place, place.ngo, kind="duty", title=OURS)  # the same body twice: its own business
    SearchEntryFactory(organization=place.headquarters, title=OURS)  # another county
    assert scan().created == 0
    theirs = work(place, place.world.agency, kind="resolution", title=THEIRS)
    ours = work(place, place.headquarters, kind="action", title=OURS)
    services.decide(
        user=place.world.users["office_staff"],
        first=("resolution", theirs.object_id),
        second=("action", ours.object_id),
        outcome="not_parallel",
        note="یکی پژوهش است و دیگری اجرا",
    )
    created = scan().created
    keys = {(p.a_key, p.b_key) for p in CandidatePair.objects.all()}
    assert (("action", ours.object_id), ("resolution", theirs.object_id)) not in keys
    assert created == len(keys)


def test_the_command(place):
    work(place, place.ngo)
    work(place, place.headquarters, kind="duty", title=OURS)
    out = StringIO()
    call_command("coordination", "scan", "--county", str(place.county.pk), stdout=out)
    assert "new pairs" in out.getvalue() and "۱" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("coordination", "scan", "--county", "<script>", stdout=out)


def test_the_pass_blocks_on_rare_stems(place, django_assert_max_num_queries):
    """Common words make no comparisons: 60 records sharing only «برگزاری» compare nothing."""
    for i in range(60):
        work(
            place,
            place.ngo if i % 2 else place.headquarters,
            title=f"برگزاری {['همایش', 'کارگاه', 'دوره', 'جلسه'][i % 4]} {i}",
        )
    with django_assert_max_num_queries(12):
        result = scan()
    assert result.records == 60 and result.compared < 60 * 59 / 2 / 4


def test_the_recent_pass_compares_only_what_was_indexed_since(place):
    """Run every minute: a new record is paired with its county's older records; two old records,
    and counties without a new record, are not read again."""
    old_theirs = work(place, place.ngo)
    old_ours = work(place, place.headquarters, kind="duty", title=OURS)
    elsewhere = SearchEntryFactory(organization=place.headquarters, title=OURS)  # another county
    SearchEntry.objects.filter(pk__in=[old_theirs.pk, old_ours.pk, elsewhere.pk]).update(
        updated_at=timezone.now() - dt.timedelta(hours=2)
    )
    since = timezone.now() - dt.timedelta(minutes=1)
    new = work(place, place.world.agency, kind="resolution", title=OURS)
    result = scan(since=since)
    assert result.counties == 1
    pairs = {(p.a_key, p.b_key) for p in CandidatePair.objects.all()}
    assert (("duty", old_ours.object_id), ("resolution", new.object_id)) in pairs
    assert not any(
        ("duty", old_ours.object_id) in pair and ("project", old_theirs.object_id) in pair for pair in pairs
    )
    # The next recent pass starts a minute before this one finished.
    assert recent_since() == heartbeat.last(RECENT_BEAT).at - OVERLAP
    # The whole pass still finds the old pair.
    assert scan().created >= 1
    assert CandidatePair.objects.filter(a_kind="duty", a_id=old_ours.object_id, b_kind="project").exists()


def test_the_recent_command_starts_where_the_last_pass_ended(place):
    work(place, place.ngo)
    out = StringIO()
    call_command("coordination", "scan", "--recent", stdout=out)
    assert "new pairs" in out.getvalue()
    work(place, place.headquarters, kind="duty", title=OURS)  # indexed after that pass
    out = StringIO()
    call_command("coordination", "scan", "--recent", stdout=out)
    assert CandidatePair.objects.count() == 1
