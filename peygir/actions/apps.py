from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "peygir.actions"
    label = "actions"
