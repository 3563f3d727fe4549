from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "peygir.web"
    label = "web"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .security import mark_seen

        # The idle clock starts at sign-in (peygir/web/security.py).
        user_logged_in.connect(mark_seen, dispatch_uid="peygir-idle-mark-seen")
