"""The audit trail (peygir.core.audit): entries written with the change, never without it."""

import pytest
from django.db import transaction

from peygir.administration import services
from peygir.committees.models import Committee
from peygir.core import audit
from peygir.core.errors import ValidationError
from peygir.core.models import AuditEntry
from tests.auth import sign_in

pytestmark = pytest.mark.django_db


def test_record_change_names_the_object_actor_and_address(world):
    user = world.users["office_staff"]
    with audit.bind(ip="192.0.2.7", user=user):
        entry = audit.record_change(verb=audit.UPDATE, obj=world.agency, changes={"name": ["الف", "ب"]})
    assert entry.actor == user and entry.actor_label == "office_staff"
    assert entry.ip == "192.0.2.7"
    assert (entry.object_type, entry.object_pk, entry.object_repr) == (
        "organizations.organization",
        str(world.agency.pk),
        world.agency.name,
    )
    assert list(audit.history_for(world.agency)) == [entry]


def test_entries_are_append_only(world):
    entry = audit.record_change(verb=audit.READ, obj=world.agency, actor=world.users["office_staff"])
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()


def test_unknown_verb_and_unnamed_object_are_refused():
    with pytest.raises(ValueError):
        audit.record_change(verb="publish", object_type_label="x.y", object_pk=1)
    with pytest.raises(ValueError):
        audit.record_change(verb=audit.DELETE)


def test_diff_and_snapshot_keep_only_what_changed(world):
    before = audit.snapshot(world.agency, ["name", "territory", "is_active"])
    assert before["territory"] == {"pk": world.province.pk, "text": str(world.province)}
    after = {**before, "name": "نام تازه"}
    assert audit.diff(before, after) == {"name": [world.agency.name, "نام تازه"]}


def test_an_update_through_the_service_records_the_changed_fields(world):
    user = world.users["office_staff"]
    committee = world.committee
    services.committee_update(
        user=user,
        committee=committee,
        name="کارگروه اجتماعی و فرهنگی",
        kind=committee.kind,
        secretariat=committee.secretariat,
        parent=None,
    )
    entry = audit.history_for(committee).get()
    assert entry.verb == audit.UPDATE and entry.actor == user
    assert entry.changes == {
        "name": ["کارگروه اجتماعی، فرهنگی، سلامت، زنان و خانواده", "کارگروه اجتماعی و فرهنگی"]
    }


def test_a_refused_change_leaves_no_entry(world):
    with pytest.raises(ValidationError):
        services.committee_update(
            user=world.users["office_staff"],
            committee=world.committee,
            name="",
            kind=Committee.Kind.WORKING_GROUP,
            secretariat=world.office,
            parent=None,
        )
    assert not AuditEntry.objects.exists()


def test_a_rolled_back_change_leaves_no_entry(world):
    import datetime as dt

    with pytest.raises(RuntimeError), transaction.atomic():
        services.calendar_override_create(
            user=world.users["office_staff"], date=dt.date(2025, 4, 4), is_holiday=True
        )
        assert AuditEntry.objects.count() == 1
        raise RuntimeError
    assert not AuditEntry.objects.exists()


def test_the_middleware_binds_the_request_address(client, world):
    sign_in(client, world.users["office_staff"])
    response = client.post(
        "/manage/calendar/new/",
        {"date": "۱۴۰۴/۰۱/۱۵", "is_holiday": "1", "title": "آلودگی هوا"},
        REMOTE_ADDR="198.51.100.4",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get()
    assert entry.ip == "198.51.100.4" and entry.actor == world.users["office_staff"]
    assert entry.verb == audit.CREATE and entry.changes["title"] == "آلودگی هوا"
