"""Office intake: fields checked before anything is written, attachments, SMS through the outbox."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from peygir.core.errors import ConflictError, ValidationError
from peygir.demands import services
from peygir.demands.models import Demand, DemandAttachment, DemandCategory
from peygir.facilitation.models import SensitiveAccessLog
from peygir.notifications.models import OutboundMessage
from peygir.notifications.sms import MemorySmsBackend

PDF = b"%PDF-1.4\n" + b"0" * 64


def test_intake_with_attachment_and_group(dw, world):
    letter = SimpleUploadedFile("نامه.pdf", PDF, content_type="application/pdf")
    demand = dw.intake(
        on_behalf_of_group=True, files=[letter], latitude="۳۴٫۰۹".replace("٫", "."), longitude=49.69
    )
    assert demand.on_behalf_of_group and demand.channel == Demand.Channel.OFFICE
    assert str(demand.latitude) == "34.090000"
    attachment = DemandAttachment.objects.get(demand=demand)
    assert attachment.original_name == "نامه.pdf" and attachment.content_type == "application/pdf"
    assert "جمعی" in demand.current_action.description
    assert SensitiveAccessLog.objects.filter(demand=demand, kind="create").exists()
    assert demand.text_normalized and "ي" not in demand.text_normalized


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"description": " \u200c"}, "description"),
        ({"citizen_mobile": "021-55667788"}, "citizen_mobile"),
        ({"consent": False}, "consent"),
        ({"latitude": 34.1}, "latitude"),
        ({"latitude": "abc", "longitude": 1}, "latitude"),
    ],
)
def test_bad_input_writes_nothing(dw, overrides, field):
    with pytest.raises(ValidationError) as err:
        dw.intake(**overrides)
    assert field in err.value.message_dict
    assert Demand.objects.count() == 0 and OutboundMessage.objects.count() == 0


def test_neighbourhood_outside_the_office_is_refused(dw):
    with pytest.raises(ValidationError) as err:
        dw.intake(neighbourhood=dw.other_neighbourhood)
    assert "neighbourhood" in err.value.message_dict


def test_bad_attachment_writes_nothing(dw):
    exe = SimpleUploadedFile("x.exe", b"MZ" + b"0" * 20)
    with pytest.raises(ValidationError):
        dw.intake(files=[exe])
    assert Demand.objects.count() == 0


def test_citizen_sms_goes_out_through_the_normal_delivery(dw, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demand = dw.intake()
    message = OutboundMessage.objects.get(channel="sms")
    assert message.status == OutboundMessage.Status.SENT
    assert MemorySmsBackend.outbox == [("+989121234567", message.body)]
    assert demand.tracking_code in message.body and message.body.startswith("پیگیر")


def test_stale_version_is_a_conflict(dw, world):
    demand = dw.intake()
    seen = demand.version
    services.demand_set_public_note(user=dw.users["facilitator"], demand=demand, text="بازدید شد")
    with pytest.raises(ConflictError):
        services.demand_set_public_note(
            user=dw.users["facilitator"], demand=demand, text="دوباره", expected_version=seen
        )
    assert Demand.objects.get(pk=demand.pk).public_note == "بازدید شد"


def test_default_categories_are_idempotent(dw):
    count = DemandCategory.objects.count()
    services.ensure_default_categories()
    assert DemandCategory.objects.count() == count
    codes = set(DemandCategory.objects.values_list("code", flat=True))
    assert {
        "education",
        "health",
        "construction",
        "welfare",
        "employment",
        "culture-sport",
        "environment",
    } <= codes
