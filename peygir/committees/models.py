"""Committees, their meetings, agenda, attendance, discussion, resolutions and amendments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peygir.core.models import AppendOnlyModel


class Committee(models.Model):
    class Kind(models.TextChoices):
        WORKING_GROUP = "working_group", _("کارگروه")
        COUNCIL = "council", _("شورا")
        HEADQUARTERS = "headquarters", _("قرارگاه / ستاد")

    name = models.CharField(_("نام"), max_length=300)
    name_normalized = models.CharField(max_length=300, editable=False, default="")
    kind = models.CharField(_("نوع"), max_length=20, choices=Kind.choices)
    territory = models.ForeignKey(
        "territory.Territory", verbose_name=_("قلمرو"), on_delete=models.PROTECT, related_name="committees"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("شورای بالادست"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="working_groups",
    )
    secretariat = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("دبیرخانه"),
        on_delete=models.PROTECT,
        related_name="secretariat_of",
    )
    description = models.TextField(_("شرح"), blank=True)
    is_active = models.BooleanField(_("فعال"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("کمیته")
        verbose_name_plural = _("کمیته‌ها")

    def __str__(self) -> str:
        return self.name


class CommitteeMember(models.Model):
    class Position(models.TextChoices):
        CHAIR = "chair", _("رئیس")
        SECRETARY = "secretary", _("دبیر")
        MEMBER = "member", _("عضو")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="committee_seats"
    )
    position = models.CharField(
        _("سمت در کمیته"), max_length=20, choices=Position.choices, default=Position.MEMBER
    )
    representative_title = models.CharField(_("عنوان نماینده"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("عضو کمیته")
        verbose_name_plural = _("اعضای کمیته")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "organization"], name="committee_member_unique")
        ]


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("برنامه‌ریزی شده")
        HELD = "held", _("برگزار شده")
        APPROVED = "approved", _("صورتجلسه تأیید شده")

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveIntegerField(_("شماره جلسه"))
    title = models.CharField(_("عنوان"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("زمان"))
    place = models.CharField(_("محل"), max_length=300, blank=True)
    chair_name = models.CharField(_("رئیس جلسه"), max_length=200, blank=True)
    chair_title = models.CharField(_("سمت رئیس جلسه"), max_length=200, blank=True)
    quorum_note = models.CharField(_("حد نصاب"), max_length=200, blank=True)
    status = models.CharField(_("وضعیت"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("جلسه")
        verbose_name_plural = _("جلسات")
        constraints = [models.UniqueConstraint(fields=["committee", "number"], name="meeting_number_unique")]
        indexes = [
            models.Index(fields=["committee", "starts_at"]),
            # "Upcoming meetings" on the start page: walk forward from now, stop after five.
            models.Index(fields=["starts_at"], name="meeting_starts_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.committee} — {self.number}"


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        FOLLOW_UP = "follow_up", _("گزارش پیگیری مصوبات")
        REGULAR = "regular", _("دستور جلسه")
        REFERRED = "referred", _("ارجاعی از شورا")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_items"
    )
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    title = models.CharField(_("عنوان"), max_length=500)
    description = models.TextField(_("شرح"), blank=True)
    presenter = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("ارائه‌دهنده"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A council's item referred to a working group; the working group's item points back.
    referred_to = models.ForeignKey(
        Committee,
        verbose_name=_("ارجاع به کارگروه"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    referred_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="referred_items"
    )
    # The follow-up report as it stood when the meeting was held: official minutes must not change
    # as the work moves on afterwards.
    report = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("دستور جلسه")
        verbose_name_plural = _("دستورهای جلسه")
        ordering = ["order", "id"]


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("حاضر")
        ABSENT = "absent", _("غایب")
        REPRESENTED = "represented", _("با نماینده")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person_name = models.CharField(_("نام"), max_length=200, blank=True)
    person_title = models.CharField(_("سمت"), max_length=200, blank=True)
    status = models.CharField(_("حضور"), max_length=20, choices=Status.choices, default=Status.PRESENT)
    represented_by = models.CharField(_("نماینده"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("حضور در جلسه")
        verbose_name_plural = _("حاضرین جلسه")
        ordering = ["order", "id"]


class DiscussionNote(models.Model):
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="notes")
    speaker_name = models.CharField(_("گوینده"), max_length=200)
    speaker_title = models.CharField(_("سمت"), max_length=200, blank=True)
    summary = models.TextField(_("خلاصه مطالب"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("خلاصه مذاکرات")
        verbose_name_plural = _("خلاصه‌های مذاکرات")
        ordering = ["order", "id"]


class Resolution(models.Model):
    """A numbered decision of a meeting (ردیف); sub-items (الف، ب) hang under a parent row."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="resolutions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="resolutions"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_items"
    )
    number = models.PositiveSmallIntegerField(_("ردیف"))
    label = models.CharField(_("بند"), max_length=10, blank=True)
    preamble = models.TextField(_("مقدمه"), blank=True)
    text = models.TextField(_("متن مصوبه"))
    text_normalized = models.TextField(editable=False, default="")
    deadline = models.DateField(_("مهلت اقدام"), null=True, blank=True)
    deadline_text = models.CharField(_("مهلت به عبارت"), max_length=100, blank=True)
    responsible_text = models.CharField(_("مسئول پیگیری (متن صورتجلسه)"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("مصوبه")
        verbose_name_plural = _("مصوبات")
        ordering = ["number", "label", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number", "label"], name="resolution_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}{'-' + self.label if self.label else ''}"


class MinutesAmendment(AppendOnlyModel):
    """A change made after the minutes were approved: recorded, never silent."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="amendments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.TextField(_("شرح اصلاحیه"))
    target = models.CharField(max_length=100, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("اصلاحیه صورتجلسه")
        verbose_name_plural = _("اصلاحیه‌های صورتجلسه")
        ordering = ["created_at", "id"]
