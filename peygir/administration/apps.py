from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "peygir.administration"
    label = "administration"
