"""The index follows the records: written at commit, removed on delete, rebuilt in bulk."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from peygir.search import indexing
from peygir.search.models import SearchEntry
from tests.factories import (
    ActionFactory,
    DemandFactory,
    MeetingFactory,
    OrganizationFactory,
    ResolutionFactory,
)
from tests.search.factories import SearchEntryFactory


def entry(kind: str, pk: int) -> SearchEntry | None:
    return SearchEntry.objects.filter(kind=kind, object_id=pk).first()


def test_a_saved_record_is_indexed_at_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as pending:
        action = ActionFactory(title="تعمیر سرویس بهداشتی دبستان", issuer_organization=world.office)
    assert entry("directive", action.pk) is None  # not before the commit
    assert pending
    for callback in pending:
        callback()
    found = entry("directive", action.pk)
    assert found.title == action.title and found.url == f"/actions/{action.pk}/"
    assert found.organization_id == action.responsible_organization_id
    assert found.territory_path == action.territory.path and found.is_work
    assert world.province.pk in found.scopes  # the province, which the search narrows by


def test_an_edit_rewrites_and_a_delete_removes(world, django_capture_on_commit_callbacks, monkeypatch):
    with django_capture_on_commit_callbacks(execute=True):
        action = ActionFactory(title="کتابخانه سیار", issuer_organization=world.office)
    refreshed = []
    real = indexing.refresh
    monkeypatch.setattr(indexing, "refresh", lambda kind, ids: refreshed.append(kind) or real(kind, ids))
    with django_capture_on_commit_callbacks(execute=True):
        action.title = "کتابخانه روستایی"
        action.save()
        action.save()  # twice in one transaction: refreshed once per kind that may hold it
    assert sorted(refreshed) == ["action", "directive"]
    assert entry("directive", action.pk).title == "کتابخانه روستایی"
    assert SearchEntry.objects.filter(kind="directive", object_id=action.pk).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        action.delete()
    assert entry("directive", action.pk) is None


def test_a_rolled_back_save_never_reaches_the_index(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                action = ActionFactory(title="رکورد برگشت‌خورده", issuer_organization=world.office)
                pk = action.pk
                raise RuntimeError
        except RuntimeError:
            pass
    assert entry("directive", pk) is None


def test_a_related_row_and_a_many_to_many_refresh_their_owner(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = MeetingFactory()
        resolution = ResolutionFactory(meeting=meeting, text="برگزاری کلاس‌های ورزشی نوجوانان")
    assert entry("resolution", resolution.pk).organization_id is None
    with django_capture_on_commit_callbacks(execute=True):
        resolution.responsible_organizations.add(world.agency)
    found = entry("resolution", resolution.pk)
    assert found.organization_id == world.agency.pk and world.agency.name in found.body
    with django_capture_on_commit_callbacks(execute=True):
        meeting.starts_at = meeting.starts_at.replace(year=2020)
        meeting.save()
    assert entry("resolution", resolution.pk).occurred_on.year == 2020


def test_a_demand_entry_carries_no_personal_data(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demand = DemandFactory(office=world.facilitation_office, citizen_name="فاطمه رضایی")
        unconfirmed = DemandFactory(office=world.facilitation_office, status="unconfirmed")
    found = entry("demand", demand.pk)
    row = " ".join(str(v) for v in SearchEntry.objects.filter(pk=found.pk).values().get().values())
    assert "فاطمه" not in row and "9121234567" not in row and "4567" not in row
    assert found.neighbourhood_id == demand.neighbourhood_id and found.county_id == world.county.pk
    assert entry("demand", unconfirmed.pk) is None  # counts nowhere, as on the demand pages


def test_reindex_builds_updates_and_drops_stale_entries(world):
    world.populate()
    before = SearchEntry.objects.count()
    assert before and set(SearchEntry.objects.values_list("kind", flat=True)) >= {
        "resolution",
        "meeting",
        "directive",
        "action",
        "demand",
        "proposal",
        "project",
        "finding",
        "duty",
        "organization",
    }
    stale = SearchEntryFactory(kind="action", object_id=987_654)
    SearchEntry.objects.filter(kind="action").update(title="کهنه")
    call_command("search", "reindex", "--kind", "action", "--batch-size", "2")
    assert not SearchEntry.objects.filter(pk=stale.pk).exists()
    assert not SearchEntry.objects.filter(kind="action", title="کهنه").exists()
    assert SearchEntry.objects.count() == before


def test_reindex_writes_each_entry_s_province_and_zero_for_what_everyone_sees(world):
    world.populate()
    SearchEntry.objects.update(scopes=[-1])
    call_command("search", "reindex")
    rows = list(SearchEntry.objects.values_list("kind", "territory_path", "scopes"))
    assert rows and not [r for r in rows if -1 in r[2]]
    for kind, path, scopes in rows:
        ids = [int(p) for p in path.strip("/").split("/") if p]
        if kind == "organization":  # the open directory: every search looks in scope 0
            assert scopes == [0]
        else:
            assert (ids[1] if len(ids) > 1 else 0) in scopes, (kind, path)
    assert world.province.pk in {s for k, _p, scopes in rows if k != "organization" for s in scopes}


def test_province_of_a_path() -> None:
    assert indexing.province_of("/1/21/305/") == 21
    assert indexing.province_of("/1/21/") == 21
    assert indexing.province_of("/1/") == 0
    assert indexing.province_of("") == 0 and indexing.province_of(None) == 0


def test_reindex_streams_in_chunks_with_constant_queries_per_chunk(world):
    """Each chunk is read once (its organizations' provinces and prefetches once) and written once,
    whatever its size: three chunks of six rows cost what three chunks of three did."""

    def actions(n: int) -> None:
        for i in range(n):
            action = ActionFactory(title=f"اقدام شماره {i}", issuer_organization=world.office)
            action.supporting_organizations.add(OrganizationFactory())

    def queries(batch_size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            result = indexing.reindex("directive", batch_size=batch_size)
        assert result.written == 3 * batch_size
        return len(captured)

    actions(9)
    small = queries(3)
    actions(9)
    assert queries(6) == small
    assert small <= 3 * 8 + 4


def test_reindex_refuses_an_unknown_kind(db):
    with pytest.raises(CommandError):
        call_command("search", "reindex", "--kind", "nope")


def test_record_url_is_reverse() -> None:
    from django.urls import reverse

    from peygir.search.registry import record_url

    for name in ("web:action_detail", "web:meeting_detail", "web:organization_detail"):
        for pk in (1, 42, 9_000_000_001):
            assert record_url(name, pk) == reverse(name, args=[pk])
