"""The notifications page and the unread badge."""

from django.urls import reverse

from peygir.notifications.models import Notification


def test_badge_list_and_mark_read(login, world, action):
    user = world.users["liaison"]
    Notification.objects.filter(recipient=user).delete()
    n1 = Notification.objects.create(
        recipient=user,
        subject=f"action:{action.pk}",
        url=f"/actions/{action.pk}/",
        kind="created",
        title="اقدام تازه <b>x</b>",
    )
    Notification.objects.create(recipient=user, kind="other", title="دومی")
    Notification.objects.create(recipient=world.users["other_liaison"], kind="other", title="مال دیگری")
    client = login("liaison")
    page = client.get(reverse("web:notifications"))
    body = page.content.decode()
    assert page.context["unread_count"] == 2
    assert 'class="badge rounded-pill text-bg-danger pg-unread"' in body and "۲" in body
    assert "اقدام تازه &lt;b&gt;x&lt;/b&gt;" in body and "مال دیگری" not in body
    assert client.post(reverse("web:notifications_mark_read"), {"id": n1.pk}).status_code == 302
    n1.refresh_from_db()
    assert n1.read_at is not None
    client.post(reverse("web:notifications_mark_read"))
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()


def test_cannot_mark_someone_elses(login, world):
    other = Notification.objects.create(recipient=world.users["other_liaison"], kind="x", title="t")
    assert login("liaison").post(reverse("web:notifications_mark_read"), {"id": other.pk}).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_badge_counts_only_up_to_its_cap(login, world):
    """The bell on every page counts at most cap + 1 unread, and then says «۹۹+»."""
    from peygir.notifications.selectors import BADGE_CAP, unread_count

    user = world.users["liaison"]
    Notification.objects.filter(recipient=user).delete()
    Notification.objects.bulk_create(
        [Notification(recipient=user, kind="other", title=f"n{i}") for i in range(BADGE_CAP + 5)]
    )
    assert unread_count(user=user) == BADGE_CAP + 5
    assert unread_count(user=user, cap=BADGE_CAP) == BADGE_CAP + 1
    page = login("liaison").get(reverse("web:notifications"))
    badge = page.content.decode().split("pg-unread")[1].split("</span>")[0]
    assert badge.endswith("۹۹+") and "۱۰۴" not in badge
