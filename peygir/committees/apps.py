from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "peygir.committees"
    label = "committees"
