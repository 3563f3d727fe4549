from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarOverride(models.Model):
    """A correction the office makes to the working calendar.

    The `holidays` package gives Iran's official holidays; lunar holidays move and are sometimes
    announced late, and provinces close for weather or pollution: this table wins over both.
    """

    date = models.DateField(_("تاریخ"), unique=True)
    is_holiday = models.BooleanField(_("تعطیل است"), default=True)
    title = models.CharField(_("عنوان"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("اصلاح تقویم کاری")
        verbose_name_plural = _("اصلاحات تقویم کاری")

    def __str__(self) -> str:
        return f"{self.date} {'holiday' if self.is_holiday else 'working'}"
