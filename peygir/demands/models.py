"""Citizens' demands (مطالبه): intake, routing to the responsible agency, follow-up until resolved.

A routed demand creates an Action (the spine) in the agency's inbox; the demand keeps what only a
demand has: the citizen, the tracking code, the neighbourhood, the routes it took, its supporters and
the citizen's rating. Personal data (name, mobile) lives only here and is wiped by the retention command.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peygir.core.models import AppendOnlyModel

# RateLimitHit moved to notifications (shared with the NGOs' registration); named here too for the
# code that knew it as the demands'.
from peygir.notifications.models import PhoneCode, RateLimitHit  # noqa: F401


class DemandCategory(models.Model):
    """A tree the office edits (education › school building, …) with a service level in working days."""

    name = models.CharField(_("نام"), max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.SlugField(_("کد"), max_length=60, unique=True, help_text=_("برای Open311 (service_code)."))
    service_level_days = models.PositiveSmallIntegerField(_("مهلت رسیدگی (روز کاری)"), default=10)
    description = models.TextField(_("شرح"), blank=True)
    is_active = models.BooleanField(_("فعال"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("دسته مطالبه")
        verbose_name_plural = _("دسته‌های مطالبه")

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """(category, territory) → responsible agency; the most specific rule wins (deepest territory, then
    deepest category). A rule without territory applies everywhere."""

    category = models.ForeignKey(DemandCategory, on_delete=models.CASCADE, related_name="rules")
    territory = models.ForeignKey(
        "territory.Territory", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="routing_rules"
    )
    is_active = models.BooleanField(_("فعال"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("قاعده ارجاع")
        verbose_name_plural = _("قواعد ارجاع")
        constraints = [
            models.UniqueConstraint(fields=["category", "territory"], name="routing_rule_unique_scope"),
            models.UniqueConstraint(
                fields=["category"],
                condition=models.Q(territory__isnull=True),
                name="routing_rule_unique_default",
            ),
        ]


class Demand(models.Model):
    class Channel(models.TextChoices):
        OFFICE = "office", _("ثبت در دفتر تسهیلگری")
        ONLINE = "online", _("ثبت برخط شهروند")
        OPEN311 = "open311", _("Open311")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("در انتظار تأیید شماره همراه")
        TRIAGE = "triage", _("در صف تعیین مسئول")
        ROUTED = "routed", _("ارجاع‌شده به دستگاه")
        PLANNED = "planned", _("در برنامه دستگاه")
        DONE = "done", _("انجام‌شده، در انتظار تأیید دفتر")
        RESOLVED = "resolved", _("رسیدگی‌شده")
        MERGED = "merged", _("ادغام در مطالبه مشابه")
        REJECTED = "rejected", _("خارج از موضوع")

    OPEN_STATUSES = (Status.TRIAGE, Status.ROUTED, Status.PLANNED, Status.DONE)

    tracking_code = models.CharField(_("کد رهگیری"), max_length=12, unique=True)
    office = models.ForeignKey(
        "facilitation.FacilitationOffice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demands",
    )
    category = models.ForeignKey(DemandCategory, on_delete=models.PROTECT, related_name="demands")
    neighbourhood = models.ForeignKey("territory.Territory", on_delete=models.PROTECT, related_name="demands")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    title = models.CharField(_("عنوان"), max_length=300)
    description = models.TextField(_("شرح"))
    text_normalized = models.TextField(editable=False, default="")
    channel = models.CharField(_("شیوه ثبت"), max_length=10, choices=Channel.choices)
    on_behalf_of_group = models.BooleanField(_("از طرف جمع"), default=False)
    # personal data: only the office and authorized provincial staff see it; retention wipes it
    citizen_name = models.CharField(_("نام شهروند"), max_length=200, blank=True)
    citizen_mobile = models.CharField(_("تلفن همراه"), max_length=13, blank=True, db_index=True)
    mobile_last4 = models.CharField(max_length=4, blank=True)
    consent = models.BooleanField(_("رضایت به ثبت اطلاعات"), default=False)

    status = models.CharField(_("وضعیت"), max_length=12, choices=Status.choices, default=Status.TRIAGE)
    agency = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("دستگاه مسئول"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demands",
    )
    current_action = models.OneToOneField(
        "actions.Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expected_on = models.DateField(_("تاریخ مورد انتظار"), null=True, blank=True)
    proposed_date = models.DateField(_("تاریخ پیشنهادی دستگاه"), null=True, blank=True)
    public_note = models.TextField(_("توضیح عمومی"), blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )
    supporters_count = models.PositiveIntegerField(_("تعداد درخواست‌کنندگان"), default=1)
    rating = models.PositiveSmallIntegerField(_("امتیاز شهروند"), null=True, blank=True)
    reopened_count = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    routed_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    anonymized_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("مطالبه")
        verbose_name_plural = _("مطالبات")
        indexes = [
            models.Index(fields=["office", "status", "created_at"]),
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["neighbourhood", "status"]),
            models.Index(fields=["status", "resolved_at"]),
            # Lists are newest first, the triage queue oldest first, for a province (any status or one),
            # an office or an agency: an index walk that stops at the page (docs/performance.md).
            # Without them every list sorted all the demands it could see.
            models.Index(fields=["created_at", "id"]),
            models.Index(fields=["status", "created_at", "id"]),
            models.Index(fields=["office", "created_at", "id"]),
            models.Index(fields=["agency", "created_at", "id"]),
            # The citizens' ratings a scorecard counts: a territory's rated demands resolved in a
            # period, read per neighbourhood (evaluation.measures.rating_q) instead of every demand.
            models.Index(
                fields=["neighbourhood", "resolved_at"],
                condition=models.Q(rating__isnull=False),
                name="demand_rated_hood_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code


class DemandSupporter(models.Model):
    """Another citizen who asked for the same thing ("also requested by"). With their consent their
    mobile is kept: they are texted like the demand's citizen, and follow and rate it with the
    demand's tracking code and the last four digits of their own number."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="supporters")
    citizen_name = models.CharField(max_length=200, blank=True)
    citizen_mobile = models.CharField(max_length=13, blank=True)
    mobile_last4 = models.CharField(max_length=4, blank=True)
    consent = models.BooleanField(_("رضایت به ثبت اطلاعات"), default=False)
    rating = models.PositiveSmallIntegerField(_("امتیاز شهروند"), null=True, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("درخواست‌کننده همراه")
        verbose_name_plural = _("درخواست‌کنندگان همراه")


class DemandRoute(models.Model):
    """Every route a demand took, with who and why: wrong-agency routing must be visible."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="routes")
    agency = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rule = models.ForeignKey(RoutingRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.ForeignKey(
        "actions.Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ارجاع مطالبه")
        verbose_name_plural = _("ارجاع‌های مطالبه")
        ordering = ["created_at", "id"]


class DemandEvent(AppendOnlyModel):
    """Append-only history; `is_public` events show on the citizen's status page. Written only by
    `events.record` / `events.set_status`, with one of the kinds below."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("ثبت")
        SUBMITTED = "submitted", _("ثبت برخط")
        TRIAGE = "triage", _("صف تعیین دستگاه")
        ROUTED = "routed", _("ارجاع")
        NOT_OURS = "not_ours", _("اعلام عدم صلاحیت دستگاه")
        PLAN_PROPOSED = "plan_proposed", _("پیشنهاد تاریخ")
        PLAN_ACCEPTED = "plan_accepted", _("پذیرش تاریخ پیشنهادی")
        PLAN_DECLINED = "plan_declined", _("رد تاریخ پیشنهادی")
        AGENCY_PROGRESS = "agency_progress", _("گزارش پیشرفت دستگاه")
        REPORTED_DONE = "reported_done", _("اعلام انجام")
        DONE_REJECTED = "done_rejected", _("عدم تأیید انجام")
        VERIFIED = "verified", _("تأیید رسیدگی")
        DEADLINE_CHANGED = "deadline_changed", _("تغییر تاریخ مورد انتظار")
        ACTION_CANCELLED = "action_cancelled", _("لغو اقدام")
        ESCALATED = "escalated", _("ارجاع در نردبان پیگیری")
        MERGED = "merged", _("ادغام")
        MERGED_IN = "merged_in", _("پیوستن مطالبه تکراری")
        REJECTED = "rejected", _("رد مطالبه")
        RATED = "rated", _("امتیاز شهروند")
        REOPENED = "reopened", _("بازگشایی")
        SUPPORTER_ADDED = "supporter_added", _("افزودن درخواست‌کننده")
        PUBLIC_NOTE = "public_note", _("یادداشت عمومی")

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    public_text = models.TextField(blank=True)
    is_public = models.BooleanField(default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("رویداد مطالبه")
        verbose_name_plural = _("رویدادهای مطالبه")
        ordering = ["created_at", "id"]


class PhoneConfirmation(PhoneCode):
    """The code sent by SMS before an online demand counts (`peygir.notifications.phonecodes`)."""

    demand = models.OneToOneField(Demand, on_delete=models.CASCADE, related_name="confirmation")

    class Meta:
        verbose_name = _("تأیید تلفن همراه")
        verbose_name_plural = _("تأییدهای تلفن همراه")


def attachment_path(instance: "DemandAttachment", filename: str) -> str:
    return f"demands/{instance.demand_id}/{filename}"


class DemandAttachment(models.Model):
    """A file the citizen brought (a photo of the broken road, a letter); checked like evidence."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("پیوست مطالبه")
        verbose_name_plural = _("پیوست‌های مطالبه")
        ordering = ["created_at", "id"]
