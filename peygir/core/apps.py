from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from . import dataversion


class CoreConfig(AppConfig):
    name = "peygir.core"
    label = "core"
    verbose_name = _("هسته و تقویم کاری")

    def ready(self) -> None:
        # After every migrate (tests' databases included): the data-version triggers on every table.
        post_migrate.connect(dataversion.on_post_migrate, sender=self, dispatch_uid="peygir-data-version")
