"""Delivery: claim, send, record; SMS through the pluggable backend; a crash never sends twice."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from peygir.notifications.delivery import deliver_all, deliver_pending, requeue, requeue_failed
from peygir.notifications.models import OutboundMessage
from peygir.notifications.sms import BaseSmsBackend, ConsoleSmsBackend, SmsError, get_sms_backend

Status = OutboundMessage.Status


class FailingSmsBackend(BaseSmsBackend):
    def send(self, to: str, text: str) -> None:
        raise SmsError("gateway said no")


def message(channel: str = "email", n: int = 1, **kwargs) -> OutboundMessage:
    return OutboundMessage.objects.create(
        channel=channel,
        to=kwargs.pop("to", "liaison@example.org" if channel == "email" else "09121234567"),
        subject="یادآوری مهلت",
        body="مهلت اقدام ۱۴۰۲/۰۸/۲۴ است.",
        dedupe_key=f"test:{channel}:{n}",
        **kwargs,
    )


def test_email_is_sent_and_marked(db):
    queued = message()
    result = deliver_pending(10)
    assert (result.sent, result.failed) == (1, 0)
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.last_error) == (Status.SENT, 1, "")
    assert queued.sent_at is not None
    assert [(m.subject, m.to) for m in mail.outbox] == [("یادآوری مهلت", ["liaison@example.org"])]


def test_console_sms_backend_is_the_default(db, settings, capsys):
    settings.SMS_BACKEND = "peygir.notifications.sms.ConsoleSmsBackend"
    assert isinstance(get_sms_backend(), ConsoleSmsBackend)
    queued = message("sms")
    deliver_pending(10)
    queued.refresh_from_db()
    assert queued.status == Status.SENT
    printed = capsys.readouterr().out
    assert "[SMS] to=09121234567" in printed and "۱۴۰۲/۰۸/۲۴" in printed
    assert not mail.outbox


def test_a_refused_message_is_failed_with_the_reason_and_can_be_retried(db, settings):
    settings.SMS_BACKEND = f"{__name__}.FailingSmsBackend"
    queued = message("sms")
    result = deliver_pending(10)
    assert (result.sent, result.failed) == (0, 1)
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (Status.FAILED, 1)
    assert "gateway said no" in queued.last_error
    assert requeue_failed() == 1
    settings.SMS_BACKEND = "peygir.notifications.sms.MemorySmsBackend"
    deliver_pending(10)
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.last_error) == (Status.SENT, 2, "")


def test_failed_messages_stop_after_the_attempt_limit(db):
    message(status=Status.FAILED, attempts=5)
    assert requeue_failed(max_attempts=5) == 0


def test_a_message_left_sending_by_a_crash_is_not_sent_again(db):
    stuck = message(status=Status.SENDING, attempts=1)
    assert deliver_all().total == 0
    stuck.refresh_from_db()
    assert stuck.status == Status.SENDING
    assert not mail.outbox
    # … until an operator requeues it from the admin.
    assert requeue([stuck.pk]) == 1
    assert deliver_all().sent == 1


def test_sent_messages_are_never_sent_twice(db):
    message()
    deliver_all()
    deliver_all()
    assert len(mail.outbox) == 1


def test_only_the_given_messages_when_asked(db):
    first, second = message(n=1), message(n=2)
    deliver_pending(10, dedupe_keys=[second.dedupe_key])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.PENDING, Status.SENT)


def test_limit_and_order(db):
    queued = [message(n=i) for i in range(5)]
    assert deliver_pending(2).sent == 2
    sent = set(OutboundMessage.objects.filter(status=Status.SENT).values_list("pk", flat=True))
    assert sent == {queued[0].pk, queued[1].pk}
    assert deliver_all(chunk=2).sent == 3


def test_deliver_command(db, settings):
    settings.SMS_BACKEND = "peygir.notifications.sms.MemorySmsBackend"
    message()
    message("sms")
    out = StringIO()
    call_command("actions", "deliver", stdout=out)
    assert "(sent): ۲" in out.getvalue()
    assert not OutboundMessage.objects.exclude(status=Status.SENT).exists()


@pytest.mark.parametrize("path", ["peygir.notifications.models.Notification", "os.path"])
def test_a_wrong_sms_backend_setting_is_refused(db, settings, path):
    settings.SMS_BACKEND = path
    with pytest.raises(TypeError):
        get_sms_backend()


def test_console_sms_log_line_keeps_no_phone_number(caplog, capsys):
    import logging

    with caplog.at_level(logging.INFO, logger="peygir.sms"):
        ConsoleSmsBackend().send("+989121234567", "کد رهگیری شما ABCD-EFGH")
    assert "9121234567" not in caplog.text and "4567" in caplog.text
