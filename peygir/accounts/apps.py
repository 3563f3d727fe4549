from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "peygir.accounts"
    label = "accounts"
    verbose_name = _("حساب‌های کاربری")

    def ready(self) -> None:
        from .admin_labels import name_third_party_models

        name_third_party_models()
