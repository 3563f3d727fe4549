"""Fifty offline visits, each with a photo, synced through the endpoints a phone uses: every photo and
every visit is received. How long it takes is measured by `peygir bench` on the generated data (issue 11
§5: < 5 s; docs/performance.md), not here."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peygir.inspections.models import Visit, VisitPhoto, VisitSubmission
from tests.auth import sign_in

from .factories import PNG
from .helpers import make_inspection_world


@pytest.mark.django_db
def test_fifty_offline_visits_with_photos_are_all_received(world):
    iw = make_inspection_world(world, facilities_count=50, second=False)
    today = timezone.localdate()
    iw.approve(today - dt.timedelta(days=1))
    visits = list(Visit.objects.filter(inspector=iw.inspector)[:50])
    assert len(visits) == 50
    Visit.objects.filter(pk__in=[v.pk for v in visits]).update(scheduled_on=today)
    client = Client()
    sign_in(client, iw.inspector)
    for v in visits:
        answers = [{"question": pk, **raw} for pk, raw in iw.answers(v).items()]
        body = {
            "submission_id": str(uuid.uuid4()),
            "answers": answers,
            "device_submitted_at": timezone.now().isoformat(),
        }
        photo = client.post(
            reverse("web:visit_photo", args=[v.pk]),
            {"client_id": f"{body['submission_id']}:p", "file": SimpleUploadedFile("p.png", PNG)},
        )
        assert photo.status_code == 200
        sync = client.post(
            reverse("web:visit_sync", args=[v.pk]), json.dumps(body), content_type="application/json"
        )
        assert sync.status_code == 200, sync.content
    assert VisitSubmission.objects.count() == 50 and VisitPhoto.objects.count() == 50
