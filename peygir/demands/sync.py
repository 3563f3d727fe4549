"""Keeps a demand in step with its action when the action changes through the action services."""

from __future__ import annotations

from typing import Any


def on_action_event(*, action: Any, event: str, actor: Any, text: str = "") -> None:
    """Called inside the action service's transaction (filled in by the demands work)."""
    return None
