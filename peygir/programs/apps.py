from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "peygir.programs"
    label = "programs"
