"""The spine: one model carries every obligation, whatever created it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peygir.core.models import AppendOnlyModel

from . import sources


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("باز")
        IN_PROGRESS = "in_progress", _("در حال اقدام")
        REPORTED_DONE = "reported_done", _("گزارش انجام")
        VERIFIED = "verified", _("تأیید شده")
        CANCELLED = "cancelled", _("لغو شده")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)
    CLOSED_STATUSES = (Status.VERIFIED, Status.CANCELLED)
    # Statuses in which the deadline still binds (reported-done awaits verification, not work).
    PENDING_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    title = models.CharField(_("عنوان"), max_length=500)
    description = models.TextField(_("شرح"), blank=True)
    title_normalized = models.CharField(max_length=500, editable=False, default="")

    # The source is linked, not copied: one foreign key per kind of source that is a row, each added
    # below from the registry (peygir/actions/sources.py), with a constraint that the kind's is set.
    source_kind = models.CharField(_("منشأ"), max_length=20, choices=sources.choices)

    responsible_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("مسئول پیگیری"),
        on_delete=models.PROTECT,
        related_name="actions",
    )
    supporting_organizations = models.ManyToManyField(
        "organizations.Organization",
        verbose_name=_("دستگاه‌های همکار"),
        blank=True,
        related_name="supported_actions",
    )
    issuer_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("سازمان صادرکننده"),
        on_delete=models.PROTECT,
        related_name="issued_actions",
        help_text=_("سازمانی که اقدام را مقرر کرده و انجام آن را تأیید می‌کند."),
    )
    supervisor_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("سطح نظارتی"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_actions",
        help_text=_("اگر خالی باشد، سطح نظارتی سازمان مسئول."),
    )
    verifier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("تأییدکننده"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions_to_verify",
    )
    territory = models.ForeignKey(
        "territory.Territory", verbose_name=_("قلمرو"), on_delete=models.PROTECT, related_name="actions"
    )
    # The territory's materialized path, copied when the action is created (an action's territory
    # never changes, nor does a territory's path): visibility to a province or county is then a prefix
    # range on this table's own index, with no join (docs/performance.md).
    territory_path = models.CharField(max_length=255, editable=False, default="")

    deadline = models.DateField(_("مهلت اقدام"), null=True, blank=True)
    deadline_text = models.CharField(_("مهلت به عبارت"), max_length=100, blank=True)
    status = models.CharField(_("وضعیت"), max_length=20, choices=Status.choices, default=Status.OPEN)
    progress = models.PositiveSmallIntegerField(_("پیشرفت (درصد)"), default=0)
    cancel_reason = models.TextField(_("دلیل لغو"), blank=True)
    escalation_level = models.PositiveSmallIntegerField(default=0, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    reported_done_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("اقدام")
        verbose_name_plural = _("اقدامات")
        indexes = [
            models.Index(fields=["responsible_organization", "status", "deadline"]),
            # The inbox's default order (deadline, id) for one organization: read in index order and
            # stop after a page, instead of sorting all of a big agency's actions (docs/performance.md).
            models.Index(
                fields=["responsible_organization", "deadline", "id"], name="action_org_deadline_idx"
            ),
            models.Index(fields=["status", "deadline"]),
            # The "recently updated" order of lists and the API.
            models.Index(fields=["updated_at"], name="action_updated_idx"),
            models.Index(fields=["territory", "status"]),
            # Every list's default order (deadline, id) for a whole territory: walked in index order and
            # stopped after a page, instead of sorting a province's tens of thousands of actions.
            models.Index(fields=["deadline", "id"], name="action_deadline_idx"),
            # Overdue and due-soon lists in deadline order: walked from the oldest pending deadline,
            # stopping after a page, whatever else narrows them (visibility, an organization).
            models.Index(
                fields=["deadline", "id"],
                name="action_pending_deadline_idx",
                condition=Q(status__in=["open", "in_progress"]),
            ),
            # What an issuer awaits or sees overdue (verification, the start page's lists) by index.
            models.Index(
                fields=["issuer_organization", "status", "deadline"], name="action_issuer_status_idx"
            ),
            # The escalation scan's candidates (pending, by rung reached and deadline), read from the
            # index alone: the planner cannot see that old deadlines have climbed the whole ladder.
            models.Index(
                fields=["escalation_level", "deadline", "id"],
                name="action_escalation_idx",
                condition=Q(status__in=["open", "in_progress"]),
            ),
            # A territory's actions by path prefix, carrying what its summaries count: the counts and
            # scorecard of a whole province are read from this index alone (docs/performance.md).
            models.Index(
                fields=["territory_path", "status", "deadline"],
                name="action_tpath_status_idx",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops", "date_ops"],
                include=["responsible_organization", "issuer_organization", "reported_done_at"],
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=sources.exactly_one_source_q(), name="action_exactly_one_source"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="action_progress_0_100"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.territory_id is not None and not self.territory_path:
            self.territory_path = self.territory.path
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "territory_path"}
        super().save(*args, **kwargs)

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED_STATUSES

    @property
    def source(self) -> models.Model | None:
        """The row this action comes from (None for a direct instruction)."""
        return sources.for_action(self).source_of(self)

    @property
    def source_adapter(self) -> sources.ActionSource:
        return sources.for_action(self)


for _spec in sources.specs():  # the registry's foreign keys, one per source that is a row
    if _spec.model:
        Action.add_to_class(
            _spec.kind,
            models.ForeignKey(
                _spec.model, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
            ),
        )
del _spec


class ActionUpdate(models.Model):
    """What the responsible organization (or the verifier) said about the action, with evidence."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("گزارش پیشرفت")
        REPORT_DONE = "report_done", _("اعلام انجام")
        VERIFY = "verify", _("تأیید")
        REJECT = "reject", _("عدم تأیید")
        CANCEL = "cancel", _("لغو")
        COMMENT = "comment", _("یادداشت")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(_("نوع"), max_length=20, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        "organizations.Organization", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("شرح"), blank=True)
    progress = models.PositiveSmallIntegerField(_("پیشرفت"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("گزارش پیشرفت")
        verbose_name_plural = _("گزارش‌های پیشرفت")
        ordering = ["created_at", "id"]


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.update.action_id}/{filename}"


class Evidence(models.Model):
    update = models.ForeignKey(ActionUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("مستند")
        verbose_name_plural = _("مستندات")


class ActionEvent(AppendOnlyModel):
    """Append-only history, written in the same transaction as the change it records, only by the
    spine's named writers in `events.py`."""

    class Kind(models.TextChoices):
        CREATED = "created", _("ایجاد")
        STATUS = "status", _("تغییر وضعیت")
        PROGRESS = "progress", _("گزارش پیشرفت")
        DEADLINE = "deadline", _("تغییر مهلت")
        REASSIGNED = "reassigned", _("تغییر مسئول")
        ESCALATED = "escalated", _("ارجاع / یادآوری")
        COMMENT = "comment", _("یادداشت")
        RETITLED = "retitled", _("اصلاح عنوان")
        EXTENSION_REQUESTED = "extension_requested", _("درخواست تمدید مهلت")
        EXTENSION_ACCEPTED = "extension_accepted", _("پذیرش تمدید مهلت")
        EXTENSION_REFUSED = "extension_refused", _("رد درخواست تمدید")
        OBSTACLE = "obstacle", _("اعلام مانع")
        OBSTACLE_CLEARED = "obstacle_cleared", _("رفع مانع")
        SUPPORTER_ADDED = "supporter_added", _("افزودن دستگاه همکار")
        SUPPORTER_REMOVED = "supporter_removed", _("حذف دستگاه همکار")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("رویداد اقدام")
        verbose_name_plural = _("رویدادهای اقدام")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["action", "created_at"])]


class EscalationStep(models.Model):
    """One rung of the ladder reached by one action for one deadline; unique, so scans are idempotent."""

    class Step(models.IntegerChoices):
        REMINDER = 1, _("یادآوری پیش از مهلت")
        OVERDUE_HEAD = 2, _("اعلام تأخیر به رئیس دستگاه")
        SUPERVISOR = 3, _("ارجاع به سطح نظارتی")
        PROVINCE = 4, _("ارجاع به دفتر امور اجتماعی استان")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="escalations")
    step = models.PositiveSmallIntegerField(choices=Step.choices)
    deadline = models.DateField()
    as_of = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("پله ارجاع")
        verbose_name_plural = _("پله‌های ارجاع")
        ordering = ["action", "step"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "step", "deadline"], name="escalation_once_per_deadline"
            )
        ]


class ExtensionRequest(models.Model):
    """The responsible organization asks for more time; the issuer accepts (the deadline moves and the
    escalation ladder restarts) or refuses with a reason. One request awaits an answer at a time."""

    class Status(models.TextChoices):
        PENDING = "pending", _("در انتظار پاسخ")
        ACCEPTED = "accepted", _("پذیرفته شد")
        REFUSED = "refused", _("رد شد")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="extension_requests")
    organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("دلیل درخواست تمدید"))
    deadline_before = models.DateField(_("مهلت پیشین"), null=True, blank=True)
    proposed_deadline = models.DateField(_("مهلت پیشنهادی"))
    status = models.CharField(_("وضعیت"), max_length=20, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(_("دلیل پاسخ"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("درخواست تمدید مهلت")
        verbose_name_plural = _("درخواست‌های تمدید مهلت")
        constraints = [
            models.UniqueConstraint(
                fields=["action"], condition=Q(status="pending"), name="extension_one_pending"
            )
        ]


class Obstacle(models.Model):
    """What keeps the responsible organization from acting, and which other organization is needed.
    Open obstacles (not cleared) show on the issuer's start page."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="obstacles")
    organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("شرح مانع"))
    needed_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("دستگاهی که همکاری آن لازم است"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obstacles_needing",
    )
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("مانع اقدام")
        verbose_name_plural = _("موانع اقدام")
        indexes = [
            # The issuer's start page: open obstacles, newest first.
            models.Index(fields=["-created_at"], name="obstacle_open_idx", condition=Q(cleared_at=None))
        ]
