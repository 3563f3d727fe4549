"""Notifications: in-app rows and queued emails/SMS, written in the caller's transaction."""

from __future__ import annotations

from typing import Any


def notify_action_event(*, action: Any, event: str, actor: Any, text: str = "") -> None:
    """Tell the people concerned that something happened to an action (filled in by the notifications work)."""
    return None
