"""The NGO is told of what is decided about its own work: approval with the amount, a return or a
rejection with the reason, an instalment paid — in the app and by SMS, and nobody else is."""

from peygir.grants.notify import DECISION_KIND, PAYMENT_KIND
from peygir.grants.services import proposals
from peygir.notifications.models import Notification, OutboundMessage

from .helpers import new_call, new_ngo, submitted
from .world import approve


def _told(kind):
    return Notification.objects.filter(kind=kind)


def test_return_reject_and_approval_reach_the_ngos_people_only(world):
    call = new_call(world)
    ngo, rep = new_ngo(world)
    rep.mobile = "09131112233"
    rep.save(update_fields=["mobile"])
    first = submitted(world, call, ngo=ngo, user=rep, title="کلاس‌های فوتسال نوجوانان")
    proposals.proposal_return(
        user=world.users["office_staff"], proposal=first, reason="برنامه زمانی را دقیق کنید"
    )
    (note,) = _told(DECISION_KIND)
    assert note.recipient == rep and "بازگشت" in note.title and "برنامه زمانی را دقیق کنید" in note.body
    assert note.url == f"/grants/proposals/{first.pk}/"
    sms = OutboundMessage.objects.filter(notification=note, channel="sms").get()
    assert sms.to == "09131112233"

    second = submitted(world, call, ngo=ngo, user=rep, title="کارگاه پیشگیری از اعتیاد")
    proposals.proposal_reject(
        user=world.users["office_staff"], proposal=second, reason="خارج از حوزه فراخوان"
    )
    assert _told(DECISION_KIND).filter(title__contains="رد شد", body__contains="خارج از حوزه").count() == 1

    third = submitted(world, call, ngo=ngo, user=rep, title="جشنواره ورزش محله")
    approve(world.users["office_staff"], third)
    approved = _told(DECISION_KIND).get(title__contains="تصویب")
    assert "تومان" in approved.body
    assert set(_told(DECISION_KIND).values_list("recipient", flat=True)) == {rep.pk}


def test_a_paid_instalment_is_told_with_its_amount_and_reference(world):
    from peygir.actions import services as action_services
    from peygir.grants.services import allocation, projects

    g = world.grants
    instalment = g.open_milestone.instalment
    action = g.open_milestone.actions.get()
    action_services.action_report_done(action=action, user=world.users["ngo"], text="مسابقه برگزار شد")
    action_services.action_verify(action=action, user=world.users["county_deputy"])
    allocation.guard_decide(
        user=world.users["office_staff"],
        proposal=g.project.proposal,
        instalment=instalment,
        decision="different",
        reason="طرح دوم کارگاه والدین است",
    )
    assert not _told(PAYMENT_KIND).exists()
    projects.instalment_release(user=world.users["office_staff"], instalment=instalment, reference="۴۵۶")
    (note,) = _told(PAYMENT_KIND)
    assert note.recipient == world.users["ngo"]
    assert "تومان" in note.body and "۴۵۶" in note.body
    assert note.url == f"/grants/projects/{g.project.pk}/"
