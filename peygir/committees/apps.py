from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "peygir.committees"
    label = "committees"
    verbose_name = _("کمیته‌ها و جلسات")
