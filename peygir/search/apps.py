from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "peygir.search"
    label = "search"
    verbose_name = _("جست‌وجو")

    def ready(self) -> None:
        # Every registered kind's saves and deletes refresh its entries at commit (indexing.py).
        from . import indexing

        indexing.connect()
