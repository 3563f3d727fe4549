"""Admin for notifications and the outbox: see what went out, what failed and why, and requeue."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .delivery import requeue
from .models import Notification, OutboundMessage


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["id", "recipient", "kind", "title", "created_at", "read_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "recipient__username"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(OutboundMessage)
class OutboundMessageAdmin(admin.ModelAdmin):
    list_display = ["id", "channel", "to", "subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "channel"]
    search_fields = ["to", "subject", "dedupe_key"]
    raw_id_fields = ["notification"]
    readonly_fields = ["dedupe_key", "attempts", "last_error", "created_at", "sent_at"]
    actions = ["requeue_selected"]

    @admin.action(description=_("ارسال دوباره (برگشت به صف)"))
    def requeue_selected(self, request, queryset) -> None:
        """For a SENDING row left by a crash (check first that it did not arrive) or a FAILED one."""
        count = requeue(queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext("%(n)d پیام دوباره در صف است.", "%(n)d پیام دوباره در صف است.", count) % {"n": count},
            messages.SUCCESS,
        )
