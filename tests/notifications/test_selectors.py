"""The notifications page: one's own only, newest first, unread count, marking read."""

import pytest

from peygir.core.errors import NotAllowed
from peygir.notifications.models import Notification
from peygir.notifications.selectors import notification_list, unread_count
from peygir.notifications.services import notification_mark_read
from tests.actions.helpers import make_action


def notify(user, n: int, action=None) -> list[Notification]:
    return [
        Notification.objects.create(
            recipient=user,
            subject=f"action:{action.pk}" if action else "",
            url=f"/actions/{action.pk}/" if action else "",
            kind="test",
            title=f"اعلان {i}",
        )
        for i in range(n)
    ]


def test_list_is_own_newest_first(world):
    liaison, other = world.users["liaison"], world.users["other_liaison"]
    mine = notify(liaison, 3)
    notify(other, 2)
    assert list(notification_list(user=liaison)) == list(reversed(mine))
    assert unread_count(user=liaison) == 3
    assert unread_count(user=world.users["nobody"]) == 0


def test_anonymous_sees_nothing(db):
    from django.contrib.auth.models import AnonymousUser

    assert not notification_list(user=AnonymousUser()).exists()
    assert unread_count(user=AnonymousUser()) == 0
    with pytest.raises(NotAllowed):
        notification_mark_read(user=AnonymousUser(), all=True)


def test_mark_one_and_all_read(world):
    liaison = world.users["liaison"]
    first, second, third = notify(liaison, 3)
    assert notification_mark_read(user=liaison, notification_id=first.pk) == 1
    assert notification_mark_read(user=liaison, notification_id=str(first.pk)) == 0  # already read
    assert unread_count(user=liaison) == 2
    assert list(notification_list(user=liaison, unread_only=True)) == [third, second]
    assert notification_mark_read(user=liaison, all=True) == 2
    assert unread_count(user=liaison) == 0


@pytest.mark.parametrize("target", ["other", "missing", "garbage"])
def test_someone_elses_notification_looks_missing(world, target):
    other_notice = notify(world.users["other_liaison"], 1)[0]
    pk = {"other": other_notice.pk, "missing": 999999, "garbage": "x1"}[target]
    with pytest.raises(NotAllowed):
        notification_mark_read(user=world.users["liaison"], notification_id=pk)
    other_notice.refresh_from_db()
    assert other_notice.read_at is None


def test_list_query_count_is_constant(world, django_assert_num_queries):
    liaison = world.users["liaison"]
    action = make_action(world)

    def page() -> list[str]:
        return [f"{n.title} {n.url} {n.subject}" for n in notification_list(user=liaison)[:20]]

    notify(liaison, 2, action)
    with django_assert_num_queries(1):
        page()
    notify(liaison, 40, action)
    with django_assert_num_queries(1):
        assert len(page()) == 20
