from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "peygir.core"
    label = "core"
    verbose_name = "Core"
