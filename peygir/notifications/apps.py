from django.apps import AppConfig
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "peygir.notifications"
    label = "notifications"
    verbose_name = _("اعلان‌ها")

    def ready(self) -> None:
        from .checks import console_backends

        checks.register(console_backends, checks.Tags.security)
        # Refuse to start at all, not only when someone runs `check` (gunicorn runs no checks).
        errors = console_backends()
        if errors:
            raise ImproperlyConfigured(errors[0].msg + " " + errors[0].hint)
