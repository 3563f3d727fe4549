from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "peygir.inspections"
    label = "inspections"
